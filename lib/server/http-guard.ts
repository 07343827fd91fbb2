// Checks the custom server (server.ts) makes before any request is routed.
// Pure, so the rules can be unit-tested on their own.

export interface ServerTimeouts {
  /** Time for a client to send its first byte, the TLS handshake and all request headers. */
  headersMs: number;
  /** Time for a whole request (headers and body) to arrive; responses are not limited. */
  requestMs: number;
  /** Idle time of a keep-alive connection between requests. */
  keepAliveMs: number;
  /** How often Node looks for requests over those limits. */
  checkIntervalMs: number;
}

function positiveInt(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Production defaults, overridable (tests use short ones) with PILOTHOUSE_HEADERS_TIMEOUT_MS / PILOTHOUSE_REQUEST_TIMEOUT_MS. */
export function serverTimeouts(env: Record<string, string | undefined>): ServerTimeouts {
  const headersMs = positiveInt(env.PILOTHOUSE_HEADERS_TIMEOUT_MS, 15_000);
  // Node refuses a request timeout shorter than the headers timeout.
  const requestMs = Math.max(headersMs, positiveInt(env.PILOTHOUSE_REQUEST_TIMEOUT_MS, 120_000));
  return { headersMs, requestMs, keepAliveMs: 65_000, checkIntervalMs: Math.min(1_000, headersMs) };
}

/**
 * Why a request may not be routed at all, or undefined. Only origin-form
 * targets ("/path?query") are served: an absolute-form target
 * ("http://other.example/…") would make Next.js build redirects to the
 * host it names, and the console is no forward proxy. Two Host headers are
 * refused as RFC 9112 requires.
 */
export function requestTargetProblem(url: string | undefined, rawHeaders: string[]): string | undefined {
  if (!url || !url.startsWith("/")) return "only origin-form request targets (a path starting with /) are served";
  let hosts = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === "host") hosts++;
  if (hosts > 1) return "more than one Host header";
  return undefined;
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The Host header when it is a plain host[:port] — fit to build a URL from — else undefined. */
export function plainHost(host: string | null | undefined): string | undefined {
  return host && host.length <= 260 && HOST.test(host) ? host : undefined;
}

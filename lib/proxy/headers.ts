import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

// Which headers cross the proxy. Pure, so the rules can be tested on their own.

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "http2-settings",
]);

/** Client headers that must never reach a cluster: identity and hop-by-hop. */
function droppedRequestHeader(raw: string): boolean {
  // "Impersonate_User" is not a header Kubernetes reads, but proxies in front
  // of a cluster may turn underscores into dashes (CGI-style): drop both spellings.
  const name = raw.replace(/_/g, "-");
  return (
    HOP_BY_HOP.has(name) ||
    // Answered by the console's own server before the body is read: the cluster gets a plain request.
    name === "expect" ||
    name === "host" ||
    name === "authorization" ||
    name === "cookie" ||
    name === "forwarded" ||
    name === "x-real-ip" ||
    name === "x-csrf-token" ||
    name.startsWith("impersonate-") ||
    name.startsWith("x-forwarded-") ||
    // Front-proxy identity headers (requestheader authentication).
    name.startsWith("x-remote-")
  );
}

const NO_TOKENS: ReadonlySet<string> = new Set();

function connectionTokens(h: IncomingHttpHeaders): ReadonlySet<string> {
  const c = h.connection;
  // Most messages name no header in Connection (or only keep-alive, itself dropped).
  if (c === undefined || c === "keep-alive" || c === "close") return NO_TOKENS;
  const v = Array.isArray(c) ? c.join(",") : c;
  return new Set(
    v
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * Headers to send upstream for a client request, as a flat [name, value, …]
 * list in the client's order (repeated headers stay repeated); names are
 * lower-cased.
 */
export function upstreamRawHeaders(rawHeaders: string[], incoming: IncomingHttpHeaders): string[] {
  const listed = connectionTokens(incoming);
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (droppedRequestHeader(name) || listed.has(name)) continue;
    const value = rawHeaders[i + 1];
    // CR/LF cannot appear here (Node's parser rejects them), but be explicit.
    if (/[\r\n]/.test(value)) continue;
    out.push(name, value);
  }
  return out;
}

/** upstreamRawHeaders as an object (repeated headers as arrays), for Node's own client. */
export function upstreamRequestHeaders(rawHeaders: string[], incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const flat = upstreamRawHeaders(rawHeaders, incoming);
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < flat.length; i += 2) add(out, flat[i], flat[i + 1]);
  return out;
}

function add(out: Record<string, string | string[]>, name: string, value: string) {
  const prev = out[name];
  if (prev === undefined) out[name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else out[name] = [prev, value];
}

/**
 * On every proxy answer. A pod or service behind pods/proxy answers on the
 * console's own origin: as a sandboxed document its scripts do not run and it
 * cannot act with the session of whoever opens it; nosniff keeps a browser
 * from reading JSON or text as HTML.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "sandbox; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
};

/** Headers to return to the client from an upstream response. */
export function downstreamResponseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionTokens(incoming);
  const out: OutgoingHttpHeaders = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) || listed.has(name) || name === "set-cookie") continue;
    out[name] = value;
  }
  // The upstream's own policy is replaced, not merged: ours is the stricter.
  return Object.assign(out, SECURITY_HEADERS);
}

/** downstreamResponseHeaders of an answer's raw [name, value, …] list (as the proxy's pool gives it). */
export function downstreamRawResponseHeaders(raw: readonly Buffer[]): OutgoingHttpHeaders {
  const out: Record<string, string | string[]> = {};
  let connection: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toString("latin1").toLowerCase();
    const value = raw[i + 1].toString("latin1");
    if (name === "connection") connection = connection === undefined ? value : `${connection},${value}`;
    if (HOP_BY_HOP.has(name) || name === "set-cookie") continue;
    add(out, name, value);
  }
  if (connection !== undefined) for (const t of connectionTokens({ connection })) delete out[t];
  return Object.assign(out, SECURITY_HEADERS);
}

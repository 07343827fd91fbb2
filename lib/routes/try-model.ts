import type { RouteKind, TryRouteAnswer, TryRouteBackend } from "@/lib/validations/route";
import { parseImageRef, shortDigest } from "@/lib/k8s/kinds/image";

// The pure parts of "try it": what to ask the gateway for a route (host, path,
// headers), what an answer says about the pod behind it, and the tally. The
// route object is a tenant's data: everything taken from it is checked before
// it goes on the wire.

export const MAX_ERRORS = 5;
const MAX_HEADERS = 16;

/** Host name of routes that match any host: reserved (RFC 6761), so it can only ever reach the route's own gateway rule. */
export function anyHost(name: string, namespace: string): string {
  return `${name}.${namespace}.route.invalid`;
}

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
// Headers that frame or address the request: the console sets them, never a route.
const RESERVED_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-authorization", "proxy-connection"]);

/**
 * A route host as a Host header: a wildcard's `*` becomes `try` (any one label
 * matches it); anything that is not a host name gives undefined.
 */
export function hostHeader(h: unknown): string | undefined {
  if (typeof h !== "string") return undefined;
  const v = (h.startsWith("*.") ? `try.${h.slice(2)}` : h).toLowerCase();
  return v.length <= 253 && HOST.test(v) ? v : undefined;
}

/** A path as sent: bytes outside visible ASCII, and '#', percent-encoded; always starting with "/". */
export function wirePath(p: string): string {
  const encoded = Array.from(new TextEncoder().encode(p))
    .map((b) => (b > 0x20 && b < 0x7f && b !== 0x23 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");
  return encoded.startsWith("/") ? encoded : `/${encoded}`;
}

export interface TryTarget {
  host: string;
  path: string;
  /** Exact header matches of the route's first match, sent along so the request matches it. */
  headers: Record<string, string>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** Host, path and headers that make a request match the route's first rule. */
export function routeTarget(kind: RouteKind, route: unknown, opts: { name: string; namespace: string; path?: string }): TryTarget {
  const spec = obj(obj(route)?.spec) ?? {};
  let host: string | undefined;
  let routePath: string | undefined;
  const headers: Record<string, string> = {};
  if (kind === "HTTPRoute") {
    host = hostHeader(arr(spec.hostnames)[0]);
    const match = obj(arr(obj(arr(spec.rules)[0])?.matches)[0]);
    const path = obj(match?.path);
    const type = str(path?.type) ?? "PathPrefix";
    if (type === "PathPrefix" || type === "Exact") routePath = str(path?.value);
    for (const h of arr(match?.headers)) {
      const m = obj(h);
      const name = str(m?.name);
      const value = m?.value;
      if ((str(m?.type) ?? "Exact") !== "Exact" || !name || typeof value !== "string") continue;
      if (!TOKEN.test(name) || RESERVED_HEADERS.has(name.toLowerCase()) || !HEADER_VALUE.test(value)) continue;
      if (Object.keys(headers).length >= MAX_HEADERS) break;
      headers[name.toLowerCase()] = value;
    }
  } else {
    const rules = arr(spec.rules).map(obj);
    // The path comes from the rule that gave the host, so the request matches that rule.
    const ruled = rules.find((r) => hostHeader(r?.host)) ?? rules[0];
    host = hostHeader(ruled?.host);
    routePath = str(obj(arr(obj(ruled?.http)?.paths)[0])?.path);
  }
  const path = opts.path ?? (routePath && routePath.startsWith("/") ? routePath : "/");
  return { host: host ?? anyHost(opts.name, opts.namespace), path: wirePath(path), headers };
}

/** Where requests go: the configured address with its path prefix (no trailing "/"), and the path after it. */
export function gatewayTarget(gatewayURL: string, path: string): { origin: string; path: string } {
  const u = new URL(gatewayURL);
  return { origin: u.origin, path: u.pathname.replace(/\/+$/, "") + path };
}

export interface EchoPod {
  pod: string;
  namespace: string;
  image?: string;
  labels?: Record<string, string>;
}

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The pod behind an answer: the echo responder's JSON body, else its
 * `X-Pilothouse-Pod: <namespace>/<name>` header; undefined for other answers.
 */
export function echoPod(body: string, header: string | undefined): EchoPod | undefined {
  if (body.trimStart().startsWith("{")) {
    try {
      const v = obj(JSON.parse(body));
      const pod = str(v?.pod);
      const namespace = str(v?.namespace);
      if (v && pod && namespace && NAME.test(pod) && NAME.test(namespace)) {
        const labels = Object.fromEntries(Object.entries(obj(v.labels) ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));
        return { pod, namespace, image: str(v.image), labels };
      }
    } catch {
      /* not the echo responder's JSON: the header may still say */
    }
  }
  const m = /^([a-z0-9][-a-z0-9.]*)\/([a-z0-9][-a-z0-9.]*)$/.exec(header?.trim() ?? "");
  return m && NAME.test(m[1]) && NAME.test(m[2]) ? { pod: m[2], namespace: m[1] } : undefined;
}

/** The tag of an image reference ("repo/app:1.2@sha256:…" → "1.2"); "latest" when it names none, a short digest when only that. */
export function imageTag(image: string): string {
  const { tag, digest } = parseImageRef(image);
  return tag ?? (digest ? shortDigest(digest) : "latest");
}

export function versionOf(p: EchoPod): string | null {
  return p.labels?.version || p.labels?.["app.kubernetes.io/version"] || (p.image ? imageTag(p.image) : null);
}

/** What a run has seen so far. */
export interface Tally {
  sent: number;
  answered: number;
  failed: number;
  statuses: Record<string, number>;
  backends: Map<string, Omit<TryRouteBackend, "percent">>;
  errors: string[];
}

export function newTally(): Tally {
  return { sent: 0, answered: 0, failed: 0, statuses: {}, backends: new Map(), errors: [] };
}

export function countAnswer(t: Tally, status: number, pod: EchoPod | undefined) {
  t.answered += 1;
  t.statuses[status] = (t.statuses[status] ?? 0) + 1;
  if (!pod) return;
  const key = `${pod.namespace}/${pod.pod}`;
  const b = t.backends.get(key);
  if (b) {
    b.count += 1;
    // An answer that named only the pod is completed by a later one that says more.
    b.image ??= pod.image ?? null;
    b.version ??= versionOf(pod);
  } else {
    t.backends.set(key, { pod: pod.pod, namespace: pod.namespace, version: versionOf(pod), image: pod.image ?? null, count: 1 });
  }
}

export function countFailure(t: Tally, reason: string) {
  t.failed += 1;
  if (t.errors.length < MAX_ERRORS && !t.errors.includes(reason)) t.errors.push(reason);
}

export function answerOf(t: Tally, at: { gateway: string; host: string; path: string; durationMs: number }): TryRouteAnswer {
  const backends = [...t.backends.values()]
    .sort((a, b) => b.count - a.count || a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod))
    .map((b) => ({ ...b, percent: t.answered ? Math.round((b.count / t.answered) * 1000) / 10 : 0 }));
  return {
    gateway: at.gateway,
    host: at.host,
    path: at.path,
    sent: t.sent,
    answered: t.answered,
    failed: t.failed,
    durationMs: Math.round(at.durationMs),
    statuses: t.statuses,
    backends,
    errors: t.errors,
  };
}

/** A failed request's reason in a few words: the same cause reads the same, so the list stays short. */
export function failureReason(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; code?: string; message?: string; cause?: unknown } | undefined;
  const code = err?.code ?? (err?.cause as { code?: string } | undefined)?.code;
  if (err?.name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") return `no answer within ${timeoutMs / 1000} s`;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused by the gateway";
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return `connecting to the gateway timed out`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
    case "EPIPE":
      return "the gateway closed the connection";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the gateway's host name does not resolve";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "the gateway's host is unreachable";
  }
  if (code && /CERT|TLS|SSL|SELF_SIGNED/.test(code)) return `TLS with the gateway failed (${code})`;
  const text = String(err?.message ?? e).replace(/[^\x21-\x7e]+/g, " ").trim();
  return text.slice(0, 200) || "the request failed";
}

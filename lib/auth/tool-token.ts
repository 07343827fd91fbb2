import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Short-lived tokens the console gives the tools it runs for a user (helm):
// "pht_<payload>.<mac>", payload = base64url JSON { u: user, c: cluster, e: expiry ms, n: nonce }.
// Stateless, so every replica accepts them (they share the session secret) and
// nothing is written per run; bound to one cluster and minutes of life.

const PREFIX = "pht_";
const MAX_TOKEN_CHARS = 1024;

export interface ToolClaims {
  user: string;
  cluster: string;
  expires: number;
}

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`tool\u0000${payload}`).digest("base64url");
}

export function isToolToken(raw: string): boolean {
  return raw.startsWith(PREFIX);
}

export function signToolToken(secret: string, claims: { user: string; cluster: string; ttlMs: number }, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ u: claims.user, c: claims.cluster, e: now + claims.ttlMs, n: randomBytes(6).toString("base64url") })).toString("base64url");
  return `${PREFIX}${payload}.${mac(secret, payload)}`;
}

/** The claims of a valid, unexpired tool token; a reason otherwise. */
export function verifyToolToken(secret: string, raw: string, now = Date.now()): { ok: true; claims: ToolClaims } | { ok: false; reason: string } {
  if (!isToolToken(raw) || raw.length > MAX_TOKEN_CHARS) return { ok: false, reason: "malformed token" };
  const body = raw.slice(PREFIX.length);
  const dot = body.lastIndexOf(".");
  if (dot <= 0) return { ok: false, reason: "malformed token" };
  const payload = body.slice(0, dot);
  const want = Buffer.from(mac(secret, payload));
  const got = Buffer.from(body.slice(dot + 1));
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: "invalid token" };
  let v: { u?: unknown; c?: unknown; e?: unknown };
  try {
    v = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof v;
  } catch {
    return { ok: false, reason: "malformed token" };
  }
  if (typeof v.u !== "string" || typeof v.c !== "string" || typeof v.e !== "number") return { ok: false, reason: "malformed token" };
  if (v.e <= now) return { ok: false, reason: "token expired" };
  return { ok: true, claims: { user: v.u, cluster: v.c, expires: v.e } };
}

import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { decode } from "next-auth/jwt";
import type { Store } from "@/lib/store/store";
import type { AccessTokenResource, UserResource } from "@/lib/store/types";
import type { Principal } from "./principal";
import { parseToken, secretMatches } from "./token-format";
import { lineageProblem, tokenParent } from "./token-policy";
import { isToolToken, signToolToken, verifyToolToken } from "./tool-token";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export type AuthResult =
  | { ok: true; principal: Principal; sessionToken?: string }
  | { ok: false; reason: string; anonymous: boolean };

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!k || out.has(k)) continue;
    let v = part.slice(i + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    try {
      out.set(k, decodeURIComponent(v));
    } catch {
      out.set(k, v);
    }
  }
  return out;
}

function sessionCookie(cookies: Map<string, string>): string | undefined {
  for (const name of SESSION_COOKIES) {
    const v = cookies.get(name);
    if (v) return v;
    // next-auth splits large cookies into name.0, name.1, …
    if (cookies.has(`${name}.0`)) {
      let s = "";
      for (let i = 0; cookies.has(`${name}.${i}`); i++) s += cookies.get(`${name}.${i}`);
      return s;
    }
  }
  return undefined;
}

interface CachedSession {
  uid: string;
  exp: number; // ms
}

/**
 * Resolves the caller of a request — bearer token or session cookie — to a
 * Principal, checking the live User resource every time so a disabled or
 * deleted user loses access at once.
 */
export class Authenticator {
  private cache = new Map<string, CachedSession>();

  constructor(
    private store: Store,
    private secret: string,
  ) {}

  principalFor(user: UserResource, via: Principal["via"], tokenId?: string): Principal {
    return {
      name: user.metadata.name!,
      username: user.spec.username,
      displayName: user.spec.displayName,
      groups: user.spec.groups ?? [],
      via,
      tokenId,
    };
  }

  async authenticate(headers: { authorization?: string | string[]; cookie?: string | string[] }): Promise<AuthResult> {
    const quick = this.authenticateSync(headers);
    if (quick) return quick;
    return this.bySession(sessionCookie(parseCookies(first(headers.cookie)))!);
  }

  /**
   * The answer when it needs no waiting (tokens, no credentials, a session
   * decoded in the last minute) — the proxy's hot path stays synchronous;
   * undefined when a session cookie must be decoded first.
   */
  authenticateSync(headers: { authorization?: string | string[]; cookie?: string | string[] }): AuthResult | undefined {
    const authz = first(headers.authorization);
    if (authz) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
      if (!m) return { ok: false, reason: "unsupported Authorization scheme (use Bearer <token>)", anonymous: false };
      return isToolToken(m[1]) ? this.byToolToken(m[1]) : this.byToken(m[1]);
    }
    const cookie = sessionCookie(parseCookies(first(headers.cookie)));
    if (!cookie) return { ok: false, reason: "no credentials", anonymous: true };
    const s = this.cache.get(cookie);
    if (!s || s.exp <= Date.now()) return undefined;
    const r = this.active(this.store.userByName(s.uid), "session");
    return r.ok ? { ...r, sessionToken: cookie } : r;
  }

  /**
   * Token secrets already checked, with the answer they got: reused while the
   * token's and its user's resources are the very objects the store holds
   * (any change replaces them) and the token has not expired. Hashing, and
   * even building the answer, per request would be most of a token check.
   */
  private verified = new Map<string, { token: AccessTokenResource; user: UserResource | undefined; expires: number; result: AuthResult }>();

  private byToken(raw: string): AuthResult {
    const t = parseToken(raw);
    if (!t) return { ok: false, reason: "malformed token", anonymous: false };
    const res = this.store.token(t.id);
    if (!res) return { ok: false, reason: "invalid or revoked token", anonymous: false };
    const seen = this.verified.get(raw);
    if (seen && seen.token === res && seen.user === this.store.userByName(res.spec.user) && Date.now() < seen.expires) return seen.result;
    // The stored hash is compared whenever the token changed, so a revoked or replaced token fails at once.
    if (seen?.token.spec.hash !== res.spec.hash && !secretMatches(t.secret, res.spec.hash)) {
      return { ok: false, reason: "invalid or revoked token", anonymous: false };
    }
    const expires = res.spec.expiresAt ? Date.parse(res.spec.expiresAt) : Infinity;
    if (expires <= Date.now()) return { ok: false, reason: "token expired", anonymous: false };
    const user = this.store.userByName(res.spec.user);
    const result = this.active(user, "token", t.id);
    // A token made with a token lives only as long as that one (and its own parents): checked every time.
    if (tokenParent(res)) {
      const link = (t: AccessTokenResource) => ({ user: t.spec.user, expiresAt: t.spec.expiresAt, parent: tokenParent(t) });
      const problem = lineageProblem(link(res), (id) => {
        const p = this.store.token(id);
        return p && link(p);
      });
      if (problem) return { ok: false, reason: problem, anonymous: false };
      return result;
    }
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(raw, { token: res, user, expires, result });
    return result;
  }

  /** A short-lived token for a tool the console runs as `user` against one cluster (see tool-token.ts). */
  toolToken(user: string, cluster: string, ttlMs: number): string {
    return signToolToken(this.secret, { user, cluster, ttlMs });
  }

  private byToolToken(raw: string): AuthResult {
    const v = verifyToolToken(this.secret, raw);
    if (!v.ok) return { ok: false, reason: v.reason, anonymous: false };
    const r = this.active(this.store.userByName(v.claims.user), "token");
    return r.ok ? { ok: true, principal: { ...r.principal, tool: { cluster: v.claims.cluster } } } : r;
  }

  private async bySession(cookie: string): Promise<AuthResult> {
    const now = Date.now();
    let s = this.cache.get(cookie);
    if (!s || s.exp <= now) {
      let tok;
      try {
        tok = await decode({ token: cookie, secret: this.secret });
      } catch {
        tok = null;
      }
      const uid = tok && typeof tok.uid === "string" ? tok.uid : undefined;
      const exp = tok && typeof tok.exp === "number" ? tok.exp * 1000 : 0;
      if (!uid || exp <= now) return { ok: false, reason: "session expired or invalid", anonymous: false };
      s = { uid, exp: Math.min(exp, now + 60_000) };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(cookie, s);
    }
    const r = this.active(this.store.userByName(s.uid), "session");
    return r.ok ? { ...r, sessionToken: cookie } : r;
  }

  private active(user: UserResource | undefined, via: Principal["via"], tokenId?: string): AuthResult {
    if (!user) return { ok: false, reason: "user no longer exists", anonymous: false };
    if (user.spec.disabled) return { ok: false, reason: "user is disabled", anonymous: false };
    return { ok: true, principal: this.principalFor(user, via, tokenId) };
  }

  /** CSRF proof bound to the session cookie: the browser gets it from the page, a forged request cannot. */
  csrfToken(sessionToken: string): string {
    return createHmac("sha256", this.secret).update(`csrf\u0000${sessionToken}`).digest("base64url");
  }

  csrfValid(sessionToken: string, presented: string | string[] | undefined): boolean {
    const p = first(presented);
    if (!p) return false;
    const want = Buffer.from(this.csrfToken(sessionToken));
    const got = Buffer.from(p);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

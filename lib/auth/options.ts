import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { AuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { auditLine } from "@/lib/audit/log";
import { K8sError } from "@/lib/k8s/api";
import type { Runtime } from "@/lib/runtime";
import { labelSafe } from "@/lib/store/store";
import type { UserResource } from "@/lib/store/types";
import { sameOriginRedirect } from "./callback-url";
import { hashPassword, verifyPassword } from "./passwords";

// Sign-in codes the sign-in page turns into messages (next-auth passes the
// thrown message through as ?error=…).
export const SIGNIN_ERRORS = ["invalid", "locked", "disabled", "oidc"] as const;

declare module "next-auth" {
  interface Session {
    uid?: string;
  }
  interface User {
    uid?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
  }
}

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
  [claim: string]: unknown;
}

/** Name of the User resource for an OIDC subject: stable, DNS-safe, and not collidable with local names. */
export function oidcUserName(sub: string): string {
  return `oidc-${createHash("sha256").update(sub).digest("hex").slice(0, 20)}`;
}

function claimGroups(profile: OidcProfile, claim: string): string[] {
  const v = profile[claim];
  if (Array.isArray(v)) return v.filter((g): g is string => typeof g === "string").slice(0, 200);
  if (typeof v === "string" && v) return [v];
  return [];
}

/** Finds or creates the User for an OIDC login and refreshes its groups from the token. */
async function upsertOidcUser(rt: Runtime, profile: OidcProfile): Promise<UserResource> {
  const { store } = rt;
  const groups = claimGroups(profile, rt.config.oidc!.groupsClaim);
  const existing = store.userBySubject("oidc", profile.sub);
  const username = profile.preferred_username || profile.email || profile.sub;
  if (existing) {
    if (JSON.stringify(existing.spec.groups ?? []) !== JSON.stringify(groups) || existing.spec.email !== profile.email) {
      return store.patchUser(existing.metadata.name!, { spec: { groups, email: profile.email } });
    }
    return existing;
  }
  // A local user of the same login name keeps it; the SSO user is told apart by a suffix.
  const taken = store.userByUsername(username);
  try {
    return await store.createUser(oidcUserName(profile.sub), {
      username: taken ? `${username}@${labelSafe(new URL(rt.config.oidc!.issuer).host)}` : username,
      displayName: profile.name,
      email: profile.email,
      provider: "oidc",
      subject: profile.sub,
      groups,
    });
  } catch (e) {
    if (e instanceof K8sError && e.code === 409) {
      const u = store.userByName(oidcUserName(profile.sub));
      if (u) return u;
    }
    throw e;
  }
}

// A hash nobody knows the password of, made once: unknown and SSO users are
// checked against it so a failed sign-in takes as long whoever it names.
let dummyHash: Promise<string> | undefined;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url")).catch((e: unknown) => {
    dummyHash = undefined;
    throw e;
  });
  return dummyHash;
}

/** The sign-in audit line: the name as typed (bounded), the client address, never the password. */
function signInAudit(username: string, ip: string | undefined, decision: "allow" | "deny", reason?: string, provider = "credentials") {
  auditLine({ event: "sign-in", provider, user: username.slice(0, 256), ip, decision, reason });
}

export function authOptions(rt: Runtime): AuthOptions {
  const { config, store } = rt;
  void dummyPasswordHash().catch(() => undefined);
  const providers: AuthOptions["providers"] = [
    Credentials({
      id: "credentials",
      name: "Pilothouse",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "").trim();
        const password = String(credentials?.password ?? "");
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const ip = headers["x-pilothouse-client-ip"] ?? "unknown";
        if (!username || !password) {
          signInAudit(username, ip, "deny", "invalid");
          throw new Error("invalid");
        }
        const wait = rt.loginLimiter.retryAfterMs(username, ip);
        if (wait > 0) {
          signInAudit(username, ip, "deny", "locked");
          throw new Error(`locked:${Math.ceil(wait / 1000)}`);
        }
        const user = store.userByUsername(username);
        const local = user?.spec.provider === "local" && user.spec.passwordHash ? user : undefined;
        // Always one argon2 verification, so the time taken does not tell whether the user exists.
        const ok = await verifyPassword(local ? local.spec.passwordHash : await dummyPasswordHash(), password);
        if (!local || !ok) {
          rt.loginLimiter.fail(username, ip);
          signInAudit(username, ip, "deny", "invalid");
          throw new Error("invalid");
        }
        if (local.spec.disabled) {
          signInAudit(username, ip, "deny", "disabled");
          throw new Error("disabled");
        }
        rt.loginLimiter.succeed(username, ip);
        signInAudit(username, ip, "allow");
        return { id: local.metadata.name!, uid: local.metadata.name!, name: local.spec.username, email: local.spec.email };
      },
    }),
  ];
  if (config.oidc) {
    const oidc: OAuthConfig<OidcProfile> = {
      id: "oidc",
      name: config.oidc.name,
      type: "oauth",
      wellKnown: `${config.oidc.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      clientId: config.oidc.clientId,
      clientSecret: config.oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      profile(p) {
        return { id: p.sub, name: p.preferred_username ?? p.name ?? p.sub, email: p.email };
      },
    };
    providers.push(oidc);
  }
  return {
    secret: rt.sessionSecret,
    providers,
    session: { strategy: "jwt", maxAge: config.sessionMaxAgeSeconds },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      // Only paths on this console, wherever next-auth took the callbackUrl from.
      async redirect({ url, baseUrl }) {
        return sameOriginRedirect(url, baseUrl);
      },
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const p = profile as OidcProfile | undefined;
        if (!p?.sub) return "/sign-in?error=oidc";
        const u = await upsertOidcUser(rt, p);
        if (u.spec.disabled) {
          signInAudit(u.spec.username, undefined, "deny", "disabled", "oidc");
          return "/sign-in?error=disabled";
        }
        signInAudit(u.spec.username, undefined, "allow", undefined, "oidc");
        return true;
      },
      async jwt({ token, user, account }) {
        // For SSO, user.id is the subject (see profile() above).
        if (account?.provider === "oidc" && user?.id) {
          token.uid = store.userBySubject("oidc", user.id)?.metadata.name ?? oidcUserName(user.id);
        } else if (user?.uid) {
          token.uid = user.uid;
        }
        return token;
      },
      async session({ session, token }) {
        session.uid = token.uid;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        const name = account?.provider === "oidc" ? oidcUserName(user.id) : (user as { uid?: string }).uid;
        if (name) await store.patchUser(name, { status: { lastLoginAt: new Date().toISOString() } }).catch(() => undefined);
      },
    },
    logger: {
      error(code, meta) {
        console.error(JSON.stringify({ level: "error", msg: "auth", code, err: String((meta as { message?: string })?.message ?? "") }));
      },
      warn(code) {
        if (code !== "NEXTAUTH_URL") console.warn(JSON.stringify({ level: "warn", msg: "auth", code }));
      },
      debug() {},
    },
  };
}

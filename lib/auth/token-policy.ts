// Lifetimes and lineage of personal access tokens. Pure: the API routes and the
// authenticator share these rules, and unit tests check them.

const DAY_MS = 86_400_000;

/** Days a token lives when the request does not say (also kubeconfig downloads). */
export const TOKEN_DEFAULT_DAYS = 90;
/** A token made with a token made with a token …: at most this many in a line. */
export const MAX_TOKEN_DEPTH = 4;

/** What the token form may offer: the platform's cap (null: none) and the default. */
export interface TokenPolicy {
  maxDays: number | null;
  defaultDays: number;
}

/** `capDays` is PILOTHOUSE_TOKEN_MAX_DAYS: 0 means no cap. */
export function tokenPolicy(capDays: number): TokenPolicy {
  return { maxDays: capDays > 0 ? capDays : null, defaultDays: capDays > 0 ? Math.min(TOKEN_DEFAULT_DAYS, capDays) : TOKEN_DEFAULT_DAYS };
}

const DAY_CHOICES = [7, 30, 90, 365];

/** What the token form offers: the usual lifetimes up to the cap, the cap itself, "never" only without a cap. */
export function expiryChoices(policy: TokenPolicy): string[] {
  const days = new Set(DAY_CHOICES.filter((d) => policy.maxDays === null || d <= policy.maxDays));
  days.add(policy.defaultDays);
  if (policy.maxDays !== null) days.add(policy.maxDays);
  return [...[...days].sort((a, b) => a - b).map(String), ...(policy.maxDays === null ? ["never"] : [])];
}

export type ExpiryDecision =
  | { ok: true; expiresAt?: string; cappedBy?: "parent" }
  | { ok: false; field: "expiresInDays"; message: string };

/**
 * When a new token expires: the request (days, null = never, undefined = the
 * default) within the platform cap, and never after the token that asks for it
 * (`parentExpiresAt`: undefined = no parent token, null = a parent that never expires).
 */
export function tokenExpiry(input: { requestedDays: number | null | undefined; capDays: number; parentExpiresAt?: string | null; now?: number }): ExpiryDecision {
  const policy = tokenPolicy(input.capDays);
  const now = input.now ?? Date.now();
  const days = input.requestedDays === undefined ? policy.defaultDays : input.requestedDays;
  if (days === null && policy.maxDays !== null) {
    return { ok: false, field: "expiresInDays", message: `Tokens must expire: at most ${policy.maxDays} days.` };
  }
  if (days !== null && policy.maxDays !== null && days > policy.maxDays) {
    return { ok: false, field: "expiresInDays", message: `At most ${policy.maxDays} days.` };
  }
  const wanted = days === null ? undefined : now + days * DAY_MS;
  if (input.parentExpiresAt) {
    const parent = Date.parse(input.parentExpiresAt);
    if (wanted === undefined || parent < wanted) return { ok: true, expiresAt: new Date(parent).toISOString(), cappedBy: "parent" };
  }
  return { ok: true, expiresAt: wanted === undefined ? undefined : new Date(wanted).toISOString() };
}

/**
 * The parent of a token is kept in spec.parent and, the same, in this label:
 * labels survive a console of an older version applying its CRD schema
 * (which prunes spec fields it does not know) during an upgrade.
 */
export const PARENT_LABEL = "pilothouse.dev/parent";

/** The id of the token that made this one, if any. */
export function tokenParent(t: { spec: { parent?: string }; metadata?: { labels?: Record<string, string> } }): string | undefined {
  return t.spec.parent || t.metadata?.labels?.[PARENT_LABEL] || undefined;
}

export interface TokenLink {
  user: string;
  expiresAt?: string;
  parent?: string;
}

/**
 * Why a token's line of parents makes it unusable, or undefined when it is fine:
 * every parent must still exist, belong to the same user and not have expired,
 * and the line may hold at most MAX_TOKEN_DEPTH tokens (this one included).
 */
export function lineageProblem(token: TokenLink, lookup: (id: string) => TokenLink | undefined, now = Date.now()): string | undefined {
  let cur = token;
  for (let depth = 1; cur.parent; depth++) {
    if (depth >= MAX_TOKEN_DEPTH) return "token made by too many tokens in a line";
    const parent = lookup(cur.parent);
    if (!parent || parent.user !== token.user) return "the token that made this token was revoked";
    if (parent.expiresAt && Date.parse(parent.expiresAt) <= now) return "the token that made this token has expired";
    cur = parent;
  }
  return undefined;
}

/** How many tokens are in the line ending at this one (1: made by signing in). */
export function tokenDepth(token: TokenLink, lookup: (id: string) => TokenLink | undefined): number {
  let depth = 1;
  for (let cur: TokenLink | undefined = token; cur?.parent && depth <= MAX_TOKEN_DEPTH; depth++) cur = lookup(cur.parent);
  return depth;
}

/** The tokens made, directly or not, by `id` (for revocation), children before grandchildren. */
export function descendants(id: string, all: { id: string; parent?: string }[]): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  for (let i = -1; i < out.length; i++) {
    const cur = i < 0 ? id : out[i];
    for (const t of all) {
      if (t.parent === cur && !seen.has(t.id)) {
        seen.add(t.id);
        out.push(t.id);
      }
    }
  }
  return out;
}

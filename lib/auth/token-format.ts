import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Personal access tokens: "ph_<id>_<secret>". The id names the AccessToken
// resource; only sha256(secret) is stored. The secret has 256 bits of entropy,
// so a fast hash is the right tool (a slow KDF protects guessable passwords).

// A kubeconfig's contexts carry "<token>.<cluster>": the same token, and the
// cluster a client means when it drops the server URL's path (`kubectl proxy`
// without --append-server-path asks for /api/… at the console's root). The
// suffix only routes; every request is still authorized for that cluster.
const TOKEN = /^ph_([a-z0-9]{12})_([A-Za-z0-9_-]{43})(?:\.([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?))?$/;

export function newToken(): { id: string; secret: string; token: string; hash: string } {
  const id = randomBytes(9).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0").slice(0, 12);
  const secret = randomBytes(32).toString("base64url");
  return { id, secret, token: `ph_${id}_${secret}`, hash: hashSecret(secret) };
}

export function parseToken(token: string): { id: string; secret: string; token: string; cluster?: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { id: m[1], secret: m[2], token: `ph_${m[1]}_${m[2]}`, ...(m[3] ? { cluster: m[3] } : {}) } : undefined;
}

/** The cluster a kubeconfig's token is addressed to, if any. */
export function clusterOfToken(token: string): string | undefined {
  return parseToken(token)?.cluster;
}

/** The token a kubeconfig context of `cluster` carries. */
export function tokenForCluster(token: string, cluster: string): string {
  const t = parseToken(token);
  if (!t) throw new Error("not a personal access token");
  return `${t.token}.${cluster}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

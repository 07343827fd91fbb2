import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Personal access tokens: "ph_<id>_<secret>". The id names the AccessToken
// resource; only sha256(secret) is stored. The secret has 256 bits of entropy,
// so a fast hash is the right tool (a slow KDF protects guessable passwords).

const TOKEN = /^ph_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function newToken(): { id: string; secret: string; token: string; hash: string } {
  const id = randomBytes(9).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0").slice(0, 12);
  const secret = randomBytes(32).toString("base64url");
  return { id, secret, token: `ph_${id}_${secret}`, hash: hashSecret(secret) };
}

export function parseToken(token: string): { id: string; secret: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { id: m[1], secret: m[2] } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

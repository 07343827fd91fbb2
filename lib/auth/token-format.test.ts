import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clusterOfToken, hashSecret, newToken, parseToken, secretMatches, tokenForCluster } from "./token-format";

const FORMAT = /^ph_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/;
const ID = "abcdef012345";
const SECRET = "A".repeat(20) + "b".repeat(20) + "_-9";

describe("newToken", () => {
  it("has the documented shape", () => {
    const t = newToken();
    expect(t.token).toMatch(FORMAT);
    expect(t.id).toMatch(/^[a-z0-9]{12}$/);
    expect(t.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.token).toBe(`ph_${t.id}_${t.secret}`);
  });

  it("stores the sha256 of the secret, not the secret", () => {
    const t = newToken();
    expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(t.hash).toBe(createHash("sha256").update(t.secret).digest("hex"));
    expect(t.hash).not.toContain(t.secret);
  });

  it("parses back into its own id and secret, which match its hash", () => {
    for (let i = 0; i < 200; i++) {
      const t = newToken();
      expect(t.token).toMatch(FORMAT);
      expect(parseToken(t.token)).toEqual({ id: t.id, secret: t.secret, token: t.token });
      expect(secretMatches(t.secret, t.hash)).toBe(true);
    }
  });

  it("is different every time", () => {
    const tokens = Array.from({ length: 100 }, () => newToken());
    expect(new Set(tokens.map((t) => t.id)).size).toBe(100);
    expect(new Set(tokens.map((t) => t.secret)).size).toBe(100);
  });
});

describe("parseToken", () => {
  it("splits a well-formed token", () => {
    expect(parseToken(`ph_${ID}_${SECRET}`)).toEqual({ id: ID, secret: SECRET, token: `ph_${ID}_${SECRET}` });
  });

  it("allows '_' inside the secret", () => {
    const secret = "_".repeat(43);
    expect(parseToken(`ph_${ID}_${secret}`)).toEqual({ id: ID, secret, token: `ph_${ID}_${secret}` });
  });

  it.each([
    ["empty", ""],
    ["prefix only", "ph_"],
    ["wrong prefix", `pa_${ID}_${SECRET}`],
    ["upper-case prefix", `PH_${ID}_${SECRET}`],
    ["no prefix", `${ID}_${SECRET}`],
    ["id too short", `ph_${ID.slice(1)}_${SECRET}`],
    ["id too long", `ph_${ID}0_${SECRET}`],
    ["upper-case id", `ph_${ID.toUpperCase()}_${SECRET}`],
    ["id with a dash", `ph_abcdef-12345_${SECRET}`],
    ["secret too short", `ph_${ID}_${SECRET.slice(1)}`],
    ["secret too long", `ph_${ID}_${SECRET}A`],
    ["secret with '+'", `ph_${ID}_${SECRET.slice(1)}+`],
    ["secret with '/'", `ph_${ID}_${SECRET.slice(1)}/`],
    ["secret with '=' padding", `ph_${ID}_${SECRET.slice(1)}=`],
    ["missing separator", `ph_${ID}${SECRET}`],
    ["leading space", ` ph_${ID}_${SECRET}`],
    ["trailing space", `ph_${ID}_${SECRET} `],
    ["trailing newline", `ph_${ID}_${SECRET}\n`],
    ["Bearer prefix", `Bearer ph_${ID}_${SECRET}`],
    ["two tokens", `ph_${ID}_${SECRET}ph_${ID}_${SECRET}`],
  ])("rejects %s", (_what, token) => {
    expect(parseToken(token)).toBeUndefined();
  });
});

describe("hashSecret", () => {
  it("is deterministic lower-case hex sha256", () => {
    expect(hashSecret("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    expect(hashSecret(SECRET)).toBe(hashSecret(SECRET));
  });

  it("differs for different secrets", () => {
    expect(hashSecret("a")).not.toBe(hashSecret("b"));
    expect(hashSecret(SECRET)).not.toBe(hashSecret(SECRET.toLowerCase()));
  });
});

describe("secretMatches", () => {
  const stored = hashSecret(SECRET);

  it("is true for the right secret", () => {
    expect(secretMatches(SECRET, stored)).toBe(true);
  });

  it("accepts an upper-case stored hash (hex is case-insensitive)", () => {
    expect(secretMatches(SECRET, stored.toUpperCase())).toBe(true);
  });

  it("is false for a wrong secret", () => {
    expect(secretMatches(SECRET.slice(0, -1) + "X", stored)).toBe(false);
    expect(secretMatches("", stored)).toBe(false);
  });

  it("is false for a stored hash of another length, without throwing", () => {
    expect(secretMatches(SECRET, stored.slice(0, 62))).toBe(false);
    expect(secretMatches(SECRET, stored + "00")).toBe(false);
    expect(secretMatches(SECRET, "")).toBe(false);
  });

  it("is false for a stored hash that is not hex", () => {
    expect(secretMatches(SECRET, "z".repeat(64))).toBe(false);
  });

  it("is false when the stored value is the secret itself", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(false);
  });
});

describe("tokens addressed to a cluster", () => {
  it("are the same token with the cluster a client means when it drops the server's path", () => {
    const t = newToken();
    const addressed = tokenForCluster(t.token, "member-1");
    expect(addressed).toBe(`${t.token}.member-1`);
    expect(parseToken(addressed)).toEqual({ id: t.id, secret: t.secret, token: t.token, cluster: "member-1" });
    expect(clusterOfToken(addressed)).toBe("member-1");
    expect(clusterOfToken(t.token)).toBeUndefined();
    // Re-addressing replaces the cluster rather than stacking suffixes.
    expect(tokenForCluster(addressed, "host")).toBe(`${t.token}.host`);
  });

  it("name only a DNS label", () => {
    const t = newToken();
    for (const bad of [".", ".Member", ".-a", ".a-", `.${"a".repeat(64)}`, ".a.b", ".a/b", "..a"]) expect(parseToken(`${t.token}${bad}`)).toBeUndefined();
  });
});

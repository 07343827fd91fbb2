import { describe, expect, it } from "vitest";
import { signToolToken, verifyToolToken } from "./tool-token";

describe("tool tokens", () => {
  const secret = "s".repeat(32);
  it("carry the user and the one cluster they were made for", () => {
    const t = signToolToken(secret, { user: "alice", cluster: "member-1", ttlMs: 60_000 }, 1_000);
    const v = verifyToolToken(secret, t, 2_000);
    expect(v).toEqual({ ok: true, claims: { user: "alice", cluster: "member-1", expires: 61_000 } });
  });
  it("expire", () => {
    const t = signToolToken(secret, { user: "alice", cluster: "member-1", ttlMs: 60_000 }, 1_000);
    expect(verifyToolToken(secret, t, 61_000)).toEqual({ ok: false, reason: "token expired" });
  });
  it("are refused when changed or signed with another secret", () => {
    const t = signToolToken(secret, { user: "alice", cluster: "member-1", ttlMs: 60_000 });
    const [payload, sig] = t.slice(4).split(".");
    const forged = Buffer.from(JSON.stringify({ u: "admin", c: "member-1", e: Date.now() + 60_000, n: "x" })).toString("base64url");
    expect(verifyToolToken(secret, `pht_${forged}.${sig}`).ok).toBe(false);
    expect(verifyToolToken("other".repeat(8), t).ok).toBe(false);
    expect(verifyToolToken(secret, `pht_${payload}`).ok).toBe(false);
    expect(verifyToolToken(secret, "pht_" + "a".repeat(2000)).ok).toBe(false);
  });
});

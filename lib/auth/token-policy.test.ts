import { describe, expect, it } from "vitest";
import { MAX_TOKEN_DEPTH, PARENT_LABEL, type TokenLink, descendants, expiryChoices, lineageProblem, tokenDepth, tokenExpiry, tokenParent, tokenPolicy } from "./token-policy";

const now = Date.parse("2030-01-01T00:00:00Z");
const inDays = (d: number) => new Date(now + d * 86_400_000).toISOString();

describe("tokenPolicy", () => {
  it("caps at PILOTHOUSE_TOKEN_MAX_DAYS; 0 means no cap", () => {
    expect(tokenPolicy(365)).toEqual({ maxDays: 365, defaultDays: 90 });
    expect(tokenPolicy(30)).toEqual({ maxDays: 30, defaultDays: 30 });
    expect(tokenPolicy(0)).toEqual({ maxDays: null, defaultDays: 90 });
  });
});

describe("expiryChoices (the token form)", () => {
  it("offers only what the cap allows, and the cap itself", () => {
    expect(expiryChoices(tokenPolicy(365))).toEqual(["7", "30", "90", "365"]);
    expect(expiryChoices(tokenPolicy(45))).toEqual(["7", "30", "45"]);
    expect(expiryChoices(tokenPolicy(1))).toEqual(["1"]);
    expect(expiryChoices(tokenPolicy(0))).toEqual(["7", "30", "90", "365", "never"]);
    // Every choice is accepted by the server's rule.
    for (const cap of [0, 1, 45, 365, 1000]) {
      for (const c of expiryChoices(tokenPolicy(cap))) {
        expect(tokenExpiry({ requestedDays: c === "never" ? null : Number(c), capDays: cap, now }).ok).toBe(true);
      }
    }
  });
});

describe("tokenExpiry", () => {
  it("gives the default, or what was asked within the cap", () => {
    expect(tokenExpiry({ requestedDays: undefined, capDays: 365, now })).toEqual({ ok: true, expiresAt: inDays(90) });
    expect(tokenExpiry({ requestedDays: 7, capDays: 365, now })).toEqual({ ok: true, expiresAt: inDays(7) });
    expect(tokenExpiry({ requestedDays: undefined, capDays: 30, now })).toEqual({ ok: true, expiresAt: inDays(30) });
  });

  it("refuses more than the cap, and never-expiring tokens unless there is no cap", () => {
    expect(tokenExpiry({ requestedDays: 366, capDays: 365, now })).toEqual({ ok: false, field: "expiresInDays", message: "At most 365 days." });
    expect(tokenExpiry({ requestedDays: null, capDays: 365, now })).toMatchObject({ ok: false, field: "expiresInDays", message: expect.stringMatching(/must expire/) });
    expect(tokenExpiry({ requestedDays: null, capDays: 0, now })).toEqual({ ok: true, expiresAt: undefined });
    expect(tokenExpiry({ requestedDays: 5000, capDays: 0, now })).toEqual({ ok: true, expiresAt: inDays(5000) });
  });

  it("never outlives the token that asks, and says so", () => {
    expect(tokenExpiry({ requestedDays: 30, capDays: 365, parentExpiresAt: inDays(1), now })).toEqual({ ok: true, expiresAt: inDays(1), cappedBy: "parent" });
    expect(tokenExpiry({ requestedDays: null, capDays: 0, parentExpiresAt: inDays(1), now })).toEqual({ ok: true, expiresAt: inDays(1), cappedBy: "parent" });
    expect(tokenExpiry({ requestedDays: undefined, capDays: 0, parentExpiresAt: inDays(1), now })).toEqual({ ok: true, expiresAt: inDays(1), cappedBy: "parent" });
    // A parent that lives longer, or forever, changes nothing.
    expect(tokenExpiry({ requestedDays: 1, capDays: 365, parentExpiresAt: inDays(30), now })).toEqual({ ok: true, expiresAt: inDays(1) });
    expect(tokenExpiry({ requestedDays: null, capDays: 0, parentExpiresAt: null, now })).toEqual({ ok: true, expiresAt: undefined });
  });
});

describe("token lineage", () => {
  const chain = (n: number, edit: (t: Record<string, TokenLink>) => void = () => {}) => {
    const t: Record<string, TokenLink> = {};
    for (let i = 1; i <= n; i++) t[`t${i}`] = { user: "u", expiresAt: inDays(10), parent: i > 1 ? `t${i - 1}` : undefined };
    edit(t);
    return { t, lookup: (id: string) => t[id] };
  };

  it("accepts lines of up to MAX_TOKEN_DEPTH tokens", () => {
    const { t, lookup } = chain(MAX_TOKEN_DEPTH);
    expect(lineageProblem(t[`t${MAX_TOKEN_DEPTH}`], lookup, now)).toBeUndefined();
    expect(tokenDepth(t[`t${MAX_TOKEN_DEPTH}`], lookup)).toBe(MAX_TOKEN_DEPTH);
    expect(tokenDepth(t.t1, lookup)).toBe(1);
  });

  it("refuses longer lines, revoked, expired or foreign parents", () => {
    const long = chain(MAX_TOKEN_DEPTH + 1);
    expect(lineageProblem(long.t[`t${MAX_TOKEN_DEPTH + 1}`], long.lookup, now)).toMatch(/too many/);
    const revoked = chain(3, (t) => delete t.t1);
    expect(lineageProblem(revoked.t.t3, revoked.lookup, now)).toMatch(/revoked/);
    const expired = chain(3, (t) => (t.t1.expiresAt = inDays(-1)));
    expect(lineageProblem(expired.t.t3, expired.lookup, now)).toMatch(/expired/);
    const foreign = chain(2, (t) => (t.t1.user = "someone-else"));
    expect(lineageProblem(foreign.t.t2, foreign.lookup, now)).toMatch(/revoked/);
    const loop = chain(2, (t) => (t.t1.parent = "t2"));
    expect(lineageProblem(loop.t.t2, loop.lookup, now)).toMatch(/too many/);
  });

  it("reads the parent from spec.parent or, when an older schema pruned it, from the label", () => {
    expect(tokenParent({ spec: { parent: "a" } })).toBe("a");
    expect(tokenParent({ spec: {}, metadata: { labels: { [PARENT_LABEL]: "b" } } })).toBe("b");
    expect(tokenParent({ spec: {}, metadata: { labels: {} } })).toBeUndefined();
  });

  it("finds every token made from one, children first", () => {
    const all = [
      { id: "a" },
      { id: "b", parent: "a" },
      { id: "c", parent: "b" },
      { id: "d", parent: "a" },
      { id: "e" },
      { id: "f", parent: "e" },
    ];
    expect(descendants("a", all)).toEqual(["b", "d", "c"]);
    expect(descendants("c", all)).toEqual([]);
    expect(descendants("x", [{ id: "x", parent: "y" }, { id: "y", parent: "x" }])).toEqual(["y"]);
  });
});

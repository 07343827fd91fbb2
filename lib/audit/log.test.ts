import { afterEach, describe, expect, it, vi } from "vitest";
import { auditLine, auditRecord } from "./log";

const token = `ph_abcdefghijkl_${"A".repeat(43)}`;

describe("audit lines", () => {
  afterEach(() => vi.restoreAllMocks());

  it("are one JSON line with time and audit: true", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    auditLine({ event: "sign-in", user: "ann", decision: "deny", reason: "invalid", skipped: undefined });
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls[0][0] as string;
    expect(line).not.toContain("\n");
    const rec = JSON.parse(line);
    expect(rec).toMatchObject({ audit: true, event: "sign-in", user: "ann", decision: "deny", reason: "invalid" });
    expect(Date.parse(rec.time)).not.toBeNaN();
    expect("skipped" in rec).toBe(false);
  });

  it("never carry fields that hold credentials, nor a token typed where a name belongs", () => {
    const rec = auditRecord({ user: `x ${token} y`, password: "hunter22", passwordHash: "$argon2id$…", token, secret: "s", authorization: `Bearer ${token}`, tokenId: "abcdefghijkl", cascade: [token] });
    const text = JSON.stringify(rec);
    for (const s of [token, "hunter22", "argon2id", "Bearer"]) expect(text).not.toContain(s);
    expect(rec).toMatchObject({ user: "x ph_[redacted] y", tokenId: "abcdefghijkl", cascade: ["ph_[redacted]"] });
  });

  it("cannot be made to lie about being an audit line or its time", () => {
    const rec = auditRecord({ audit: false, time: "1970-01-01T00:00:00Z" }, new Date("2030-01-01T00:00:00Z"));
    expect(rec).toEqual({ time: "2030-01-01T00:00:00.000Z", audit: true });
  });
});

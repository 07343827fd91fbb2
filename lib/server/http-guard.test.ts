import { describe, expect, it } from "vitest";
import { plainHost, requestTargetProblem, serverTimeouts } from "./http-guard";

describe("serverTimeouts", () => {
  it("has production defaults", () => {
    expect(serverTimeouts({})).toEqual({ headersMs: 15_000, requestMs: 120_000, keepAliveMs: 65_000, checkIntervalMs: 1_000 });
  });

  it("takes both limits from the environment", () => {
    const t = serverTimeouts({ PILOTHOUSE_HEADERS_TIMEOUT_MS: "800", PILOTHOUSE_REQUEST_TIMEOUT_MS: "3000" });
    expect(t).toMatchObject({ headersMs: 800, requestMs: 3000, checkIntervalMs: 800 });
  });

  it("ignores values that are not positive whole numbers", () => {
    for (const v of ["", "0", "-5", "1.5", "abc", "1e3x"]) {
      expect(serverTimeouts({ PILOTHOUSE_HEADERS_TIMEOUT_MS: v }).headersMs).toBe(15_000);
    }
  });

  it("never makes the request limit shorter than the headers limit (Node refuses that)", () => {
    expect(serverTimeouts({ PILOTHOUSE_HEADERS_TIMEOUT_MS: "5000", PILOTHOUSE_REQUEST_TIMEOUT_MS: "1000" }).requestMs).toBe(5000);
  });
});

describe("requestTargetProblem", () => {
  it("accepts origin-form targets with one Host header", () => {
    expect(requestTargetProblem("/clusters/a/api", ["Host", "x"])).toBeUndefined();
    expect(requestTargetProblem("/", ["host", "x", "Accept", "*/*"])).toBeUndefined();
    expect(requestTargetProblem("/api/healthz?x=http://y", [])).toBeUndefined();
  });

  it.each([
    ["absolute-form", "http://evil.example/clusters/a/api"],
    ["absolute-form with https", "https://127.0.0.1:3000/api/session"],
    ["asterisk-form", "*"],
    ["authority-form", "127.0.0.1:443"],
    ["empty", ""],
    ["missing", undefined],
  ])("refuses %s", (_what, url) => {
    expect(requestTargetProblem(url, ["Host", "x"])).toMatch(/origin-form/);
  });

  it("refuses two Host headers, whatever their case", () => {
    expect(requestTargetProblem("/", ["Host", "a", "X-A", "b", "HOST", "b"])).toMatch(/more than one Host/);
  });
});

describe("plainHost", () => {
  it.each(["localhost", "localhost:3000", "console.example.com", "console.example.com:443", "10.0.0.1:3000", "[::1]:3000", "[fd00::2]"])("keeps %s", (h) => {
    expect(plainHost(h)).toBe(h);
  });

  it.each(["a@evil.example", "evil.example/x", "evil.example?x", "evil.example#x", "a b", "x:y:z", "-a.example", "", "a..b", "host:123456", "a\\b"])(
    "refuses %j",
    (h) => {
      expect(plainHost(h)).toBeUndefined();
    },
  );

  it("refuses a missing or absurdly long header", () => {
    expect(plainHost(undefined)).toBeUndefined();
    expect(plainHost(null)).toBeUndefined();
    expect(plainHost(`${"a".repeat(300)}.example`)).toBeUndefined();
  });
});

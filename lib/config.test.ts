import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

const env = (vars: Record<string, string>) => ({ NODE_ENV: "test", ...vars }) as NodeJS.ProcessEnv;

describe("PILOTHOUSE_TOKEN_MAX_DAYS", () => {
  it("defaults to 365; 0 lifts the cap", () => {
    expect(loadConfig(env({})).tokenMaxDays).toBe(365);
    expect(loadConfig(env({ PILOTHOUSE_TOKEN_MAX_DAYS: "30" })).tokenMaxDays).toBe(30);
    expect(loadConfig(env({ PILOTHOUSE_TOKEN_MAX_DAYS: "0" })).tokenMaxDays).toBe(0);
  });

  it.each(["-1", "1.5", "ten", "1e9"])("stops the start for %s rather than lifting the cap", (v) => {
    expect(() => loadConfig(env({ PILOTHOUSE_TOKEN_MAX_DAYS: v }))).toThrow(/PILOTHOUSE_TOKEN_MAX_DAYS/);
  });
});

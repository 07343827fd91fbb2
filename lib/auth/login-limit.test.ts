import { describe, expect, it } from "vitest";
import { LoginLimiter } from "./login-limit";

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;

/** A limiter with the default limits and a clock the test moves by hand. */
function setup(max = 5, windowMs = WINDOW) {
  const clock = { t: 1_700_000_000_000 };
  const limiter = new LoginLimiter(max, windowMs, () => clock.t);
  return { clock, limiter };
}

describe("LoginLimiter", () => {
  it("allows attempts while failures stay under the limit", () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 4; i++) {
      expect(limiter.retryAfterMs("alice", "10.0.0.1")).toBe(0);
      limiter.fail("alice", "10.0.0.1");
      clock.t += 1_000;
    }
    expect(limiter.retryAfterMs("alice", "10.0.0.1")).toBe(0);
  });

  it("locks after 5 failures until the oldest of them leaves the window", () => {
    const { clock, limiter } = setup();
    const start = clock.t;
    for (let i = 0; i < 5; i++) {
      limiter.fail("alice", "10.0.0.1");
      clock.t += 1_000;
    }
    // Now = start + 5s; the first failure (at start) expires at start + 15min.
    expect(limiter.retryAfterMs("alice", "10.0.0.1")).toBe(start + WINDOW - clock.t);
    expect(limiter.retryAfterMs("alice", "10.0.0.1")).toBe(WINDOW - 5_000);
  });

  it("retryAfterMs counts down as time passes", () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.fail("alice", "ip");
    const first = limiter.retryAfterMs("alice", "ip");
    expect(first).toBe(WINDOW);
    clock.t += MINUTE;
    const second = limiter.retryAfterMs("alice", "ip");
    expect(second).toBe(WINDOW - MINUTE);
    clock.t += 10 * MINUTE;
    const third = limiter.retryAfterMs("alice", "ip");
    expect(third).toBe(WINDOW - 11 * MINUTE);
    expect(first).toBeGreaterThan(second);
    expect(second).toBeGreaterThan(third);
  });

  it("unlocks exactly when the window has passed", () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.fail("alice", "ip");
    clock.t += WINDOW - 1;
    expect(limiter.retryAfterMs("alice", "ip")).toBe(1);
    clock.t += 1;
    expect(limiter.retryAfterMs("alice", "ip")).toBe(0);
  });

  it("after expiry the count starts over", () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.fail("alice", "ip");
    clock.t += WINDOW;
    expect(limiter.retryAfterMs("alice", "ip")).toBe(0);
    for (let i = 0; i < 4; i++) limiter.fail("alice", "ip");
    expect(limiter.retryAfterMs("alice", "ip")).toBe(0);
    limiter.fail("alice", "ip");
    expect(limiter.retryAfterMs("alice", "ip")).toBe(WINDOW);
  });

  it("is a sliding window: spread-out failures never lock", () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 20; i++) {
      limiter.fail("alice", "ip");
      expect(limiter.retryAfterMs("alice", "ip")).toBe(0);
      clock.t += WINDOW / 4; // at most 4 failures are ever inside one window
    }
  });

  it("waits for the failure that brings the count back under the limit", () => {
    const { clock, limiter } = setup();
    const start = clock.t;
    // Failures at 0, 1, 2, 3, 4 and 5 minutes: six within the window.
    for (let i = 0; i < 6; i++) {
      limiter.fail("alice", "ip");
      clock.t += MINUTE;
    }
    // Two must expire to get under 5, so the wait runs to the second one (start + 1min) + window.
    expect(limiter.retryAfterMs("alice", "ip")).toBe(start + MINUTE + WINDOW - clock.t);
  });

  it("succeed() clears the failures", () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.fail("alice", "ip");
    expect(limiter.retryAfterMs("alice", "ip")).toBeGreaterThan(0);
    limiter.succeed("alice", "ip");
    expect(limiter.retryAfterMs("alice", "ip")).toBe(0);
    // And the next lock needs a full 5 new failures.
    for (let i = 0; i < 4; i++) limiter.fail("alice", "ip");
    expect(limiter.retryAfterMs("alice", "ip")).toBe(0);
  });

  it("succeed() for an unknown user is harmless", () => {
    const { limiter } = setup();
    expect(() => limiter.succeed("nobody", "ip")).not.toThrow();
    expect(limiter.retryAfterMs("nobody", "ip")).toBe(0);
  });

  it("keeps each user and IP apart", () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.fail("alice", "10.0.0.1");
    expect(limiter.retryAfterMs("alice", "10.0.0.1")).toBeGreaterThan(0);
    expect(limiter.retryAfterMs("alice", "10.0.0.2")).toBe(0);
    expect(limiter.retryAfterMs("bob", "10.0.0.1")).toBe(0);
    // succeed() on another IP does not unlock this one.
    limiter.succeed("alice", "10.0.0.2");
    expect(limiter.retryAfterMs("alice", "10.0.0.1")).toBeGreaterThan(0);
  });

  it("does not confuse user/IP pairs whose concatenations collide", () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.fail("ab", "c");
    expect(limiter.retryAfterMs("a", "bc")).toBe(0);
    expect(limiter.retryAfterMs("abc", "")).toBe(0);
  });

  it("treats user names case-insensitively", () => {
    const { limiter } = setup();
    limiter.fail("Alice", "ip");
    limiter.fail("ALICE", "ip");
    limiter.fail("alice", "ip");
    limiter.fail("aLiCe", "ip");
    limiter.fail("alicE", "ip");
    expect(limiter.retryAfterMs("alice", "ip")).toBeGreaterThan(0);
    expect(limiter.retryAfterMs("ALICE", "ip")).toBeGreaterThan(0);
    limiter.succeed("ALICE", "ip");
    expect(limiter.retryAfterMs("alice", "ip")).toBe(0);
  });

  it("honours a custom limit and window", () => {
    const { clock, limiter } = setup(2, 1_000);
    limiter.fail("u", "ip");
    expect(limiter.retryAfterMs("u", "ip")).toBe(0);
    limiter.fail("u", "ip");
    expect(limiter.retryAfterMs("u", "ip")).toBe(1_000);
    clock.t += 1_000;
    expect(limiter.retryAfterMs("u", "ip")).toBe(0);
  });

  it("defaults to 5 failures in 15 minutes", () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 4; i++) limiter.fail("u", "ip");
    expect(limiter.retryAfterMs("u", "ip")).toBe(0);
    limiter.fail("u", "ip");
    const wait = limiter.retryAfterMs("u", "ip");
    expect(wait).toBeGreaterThan(WINDOW - 5_000);
    expect(wait).toBeLessThanOrEqual(WINDOW);
  });
});

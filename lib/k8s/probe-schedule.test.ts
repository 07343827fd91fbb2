import { describe, expect, it } from "vitest";
import { Limiter, PROBE_BACKOFF_SHARE, PROBE_BASE_MS, PROBE_GRACE_MS, PROBE_MAX_MS, READY_INTERVAL_MS, failureDelay, firstDelay, fleetPeriod, readyDelay } from "./probe-schedule";

describe("failureDelay", () => {
  it("probes every second during the grace", () => {
    for (const down of [0, 1_000, PROBE_GRACE_MS - 1]) {
      expect(failureDelay(down, () => 0)).toBe(PROBE_BASE_MS);
      expect(failureDelay(down, () => 1)).toBe(PROBE_BASE_MS);
    }
  });

  it("then waits up to a share of the outage so far, up to the cap", () => {
    expect(failureDelay(60_000, () => 1)).toBe(60_000 * PROBE_BACKOFF_SHARE);
    expect(failureDelay(600_000, () => 1)).toBe(100_000);
    expect(failureDelay(3_600_000, () => 1)).toBe(PROBE_MAX_MS);
    expect(failureDelay(1e12, () => 1)).toBe(PROBE_MAX_MS);
  });

  it("grows exponentially in the number of probes", () => {
    // Worst case (every probe at the end of its window): the outage seen so far grows by a constant factor.
    let down = PROBE_GRACE_MS;
    let probes = 0;
    while (failureDelay(down, () => 1) < PROBE_MAX_MS) {
      down += failureDelay(down, () => 1);
      probes++;
    }
    expect(probes).toBeLessThan(40);
    expect(down).toBeGreaterThan(25 * 60_000);
  });

  it("jitters over the whole window, never below the base", () => {
    const down = 3_600_000;
    expect(failureDelay(down, () => 0)).toBe(PROBE_BASE_MS);
    expect(failureDelay(down, () => 0.5)).toBe(Math.round(PROBE_BASE_MS + 0.5 * (PROBE_MAX_MS - PROBE_BASE_MS)));
    const seen = new Set(Array.from({ length: 50 }, () => failureDelay(down)));
    expect(seen.size).toBeGreaterThan(40);
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(PROBE_BASE_MS);
      expect(d).toBeLessThanOrEqual(PROBE_MAX_MS);
    }
  });
});

describe("readyDelay", () => {
  it("keeps the usual period for a small fleet, jittered by ±20 %", () => {
    expect(readyDelay(3, () => 0.5)).toBe(READY_INTERVAL_MS);
    expect(readyDelay(3, () => 0)).toBe(0.8 * READY_INTERVAL_MS);
    expect(readyDelay(3, () => 1)).toBe(1.2 * READY_INTERVAL_MS);
  });

  it("stretches the period so 1,000 clusters stay within the fleet's probe rate", () => {
    expect(readyDelay(1_000, () => 0.5)).toBe(125_000);
  });
});

describe("fleetPeriod", () => {
  it("is the period for a small fleet and stretches to the fleet-wide rate for a large one", () => {
    expect(fleetPeriod(3, 30_000, 2)).toBe(30_000);
    expect(fleetPeriod(60, 30_000, 2)).toBe(30_000);
    expect(fleetPeriod(1_000, 30_000, 2)).toBe(500_000);
    expect(fleetPeriod(0, 30_000, 2)).toBe(30_000);
  });
});

describe("firstDelay", () => {
  it("probes a lone cluster at once and spreads a crowd over at most one period", () => {
    expect(firstDelay(1, () => 1)).toBe(0);
    expect(firstDelay(3, () => 1)).toBe(20);
    expect(firstDelay(2_000, () => 1)).toBe(READY_INTERVAL_MS);
    expect(firstDelay(2_000, () => 0.25)).toBe(READY_INTERVAL_MS / 4);
  });
});

describe("Limiter", () => {
  it("runs at most `limit` tasks at once, in arrival order, and passes on errors", async () => {
    const l = new Limiter(2);
    let peak = 0;
    let live = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      live++;
      peak = Math.max(peak, live);
      order.push(i);
      await new Promise((r) => setTimeout(r, 5));
      live--;
      if (i === 3) throw new Error("boom");
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => l.run(task(i))));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results[3].status).toBe("rejected");
    expect(results[5]).toEqual({ status: "fulfilled", value: 5 });
    expect(l.active).toBe(0);
    expect(l.waiting).toBe(0);
  });
});

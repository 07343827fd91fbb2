/**
 * When to probe a cluster next, and how many probes may run at once: pure
 * pieces of the cluster manager, so a fleet of 1,000 registered clusters (some
 * long dead) costs little CPU and never floods the event loop or sockets.
 */

export const PROBE_BASE_MS = 1_000;
export const PROBE_MAX_MS = 5 * 60_000;
/** Down this long, a cluster is still probed every second: short outages are noticed ending at once. */
export const PROBE_GRACE_MS = 10_000;
/** Past the grace, the next probe comes within this share of the outage so far. */
export const PROBE_BACKOFF_SHARE = 1 / 6;
export const READY_INTERVAL_MS = 10_000;
/** Probes per second the whole fleet of Ready clusters may take in steady state. */
export const READY_PROBES_PER_S = 8;

/**
 * Delay before the next probe of a cluster that has been down for `downMs`:
 * every second during the grace, then up to a sixth of the outage so far (each
 * probe's window ~1.1× the last: exponential in the number of probes, yet a
 * cluster back after a one-minute outage is seen within ten seconds), capped
 * at 5 min. Full jitter above the base (uniform in [base, window]) so dead
 * clusters spread out instead of marching in step.
 */
export function failureDelay(downMs: number, rand: () => number = Math.random, o = { base: PROBE_BASE_MS, max: PROBE_MAX_MS, grace: PROBE_GRACE_MS, share: PROBE_BACKOFF_SHARE }): number {
  const window = downMs < o.grace ? o.base : Math.min(o.max, Math.max(o.base, downMs * o.share));
  return Math.round(o.base + rand() * (window - o.base));
}

/**
 * Delay before re-probing a Ready cluster: the usual period, stretched so the
 * fleet as a whole stays under READY_PROBES_PER_S, with ±20 % jitter.
 */
export function readyDelay(clusters: number, rand: () => number = Math.random, o = { period: READY_INTERVAL_MS, perSecond: READY_PROBES_PER_S }): number {
  return Math.round(fleetPeriod(clusters, o.period, o.perSecond) * (0.8 + 0.4 * rand()));
}

/**
 * How often a per-cluster chore comes round for each cluster: every `periodMs`,
 * stretched so the whole fleet stays under `perSecond` of it.
 */
export function fleetPeriod(clusters: number, periodMs: number, perSecond: number): number {
  return Math.max(periodMs, (clusters / perSecond) * 1000);
}

/** Delay of a new cluster's first probe: spread over up to one period when many arrive together. */
export function firstDelay(arriving: number, rand: () => number = Math.random, o = { perMs: 10, period: READY_INTERVAL_MS }): number {
  return Math.round(rand() * Math.min(o.period, Math.max(0, arriving - 1) * o.perMs));
}

/**
 * A counting semaphore with a FIFO queue: at most `limit` tasks run at once;
 * the rest wait their turn.
 */
export class Limiter {
  private running = 0;
  private queue: (() => void)[] = [];

  constructor(readonly limit: number) {}

  get active() {
    return this.running;
  }

  get waiting() {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      // The slot passes straight to the next waiter.
      if (next) next();
      else this.running--;
    }
  }
}

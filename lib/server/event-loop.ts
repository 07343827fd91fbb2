import "server-only";
import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";

// Liveness: is the event loop turning, and how late do its timers run? The
// delay is sampled all the time and summed up per interval; a console whose
// loop stays late for a whole interval (p99 above the limit) is wedged — a
// runaway parse, a sync loop — and restarting it is the cure. One slow turn
// (a 3 s GC pause) does not fail it: it is one sample among hundreds.

/** Length of one measuring interval. */
export const INTERVAL_MS = 10_000;
/** p99 delay over an interval above which the console says it is not live. */
export const MAX_P99_MS = 2_000;

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Length of the interval these figures cover. */
  intervalMs: number;
}

interface Monitor {
  histogram: IntervalHistogram;
  last?: LoopDelay;
  since: number;
}

const KEY = Symbol.for("pilothouse.event-loop");
type Global = typeof globalThis & { [KEY]?: Monitor };

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

function summary(h: IntervalHistogram, intervalMs: number): LoopDelay {
  // An empty histogram (no sample yet) reports NaN/huge values.
  if (h.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0, intervalMs };
  return { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max), intervalMs };
}

/** Starts measuring (once per process: the custom server and the Next.js bundles share it). */
export function startEventLoopMonitor(): Monitor {
  const g = globalThis as Global;
  if (g[KEY]) return g[KEY];
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  const m: Monitor = { histogram, since: Date.now() };
  const roll = setInterval(() => {
    const now = Date.now();
    m.last = summary(histogram, now - m.since);
    m.since = now;
    histogram.reset();
  }, INTERVAL_MS);
  roll.unref();
  g[KEY] = m;
  return m;
}

/** The last whole interval (or what there is of the first), and whether it is within the limit. */
export function eventLoopHealth(): { ok: boolean; delay: LoopDelay } {
  const m = startEventLoopMonitor();
  const delay = m.last ?? summary(m.histogram, Date.now() - m.since);
  // Only a whole interval can say "wedged": the first one holds the start (bundles loaded synchronously), not a stall.
  return { ok: !m.last || delay.p99Ms <= MAX_P99_MS, delay };
}

// Values of metric templates as people read them: cores as "250m" or
// "1.5 cores", bytes in binary units, ratios as percentages. Pure; the words
// are passed in so the same rules serve every locale.

import type { Template } from "./templates";

/** A template's unit, or "number" for free-form queries (plain numbers of any size). */
export type Unit = Template["unit"] | "number";

export interface UnitWords {
  /** "1.5 cores": the number, already formatted, with its word. */
  cores: (value: string, n: number) => string;
}

export const EN_WORDS: UnitWords = {
  cores: (v, n) => `${v} ${n === 1 ? "core" : "cores"}`,
};

const DASH = "—";
const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** At most `digits` significant digits, without trailing zeros: 1.50 → "1.5", 1234 → "1234". */
function sig(n: number, digits = 3): string {
  if (n === 0) return "0";
  if (Math.abs(n) >= 10 ** digits) return String(Math.round(n));
  return String(Number(n.toPrecision(digits)));
}

export function formatCores(n: number, words: UnitWords = EN_WORDS): string {
  const abs = Math.abs(n);
  if (abs === 0) return "0";
  if (abs < 1) {
    const m = n * 1000;
    // Below 10m keep one decimal, so an idle pod does not read as "0m".
    return `${Math.abs(m) < 10 ? sig(m, 2) : String(Math.round(m))}m`;
  }
  const v = sig(n);
  return words.cores(v, Number(v));
}

export function formatBytes(n: number): string {
  let i = 0;
  let v = n;
  while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? String(Math.round(v)) : sig(v)} ${BYTE_UNITS[i]}`;
}

export function formatRatio(n: number): string {
  const p = n * 100;
  const abs = Math.abs(p);
  if (abs === 0) return "0%";
  if (abs < 0.1) return "<0.1%";
  return `${abs >= 10 ? String(Number(p.toFixed(1))) : sig(p, 2)}%`;
}

export function formatCount(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${sig(n / 1e9)}G`;
  if (abs >= 1e6) return `${sig(n / 1e6)}M`;
  if (abs >= 1e4) return `${sig(n / 1e3)}k`;
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

/** One value in its unit; "—" for a gap. */
export function formatValue(v: number | null | undefined, unit: Unit, words: UnitWords = EN_WORDS): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  switch (unit) {
    case "cores":
      return formatCores(v, words);
    case "bytes":
      return formatBytes(v);
    case "ratio":
      return formatRatio(v);
    case "number":
      return formatNumber(v);
    default:
      return formatCount(v);
  }
}

/** "used / limit" with a shared unit written once: "1.3 / 3 cores", "512 MiB / 2 GiB", "500m / 2 cores". */
export function formatUsedOf(used: number | null | undefined, limit: number | null | undefined, unit: Unit, words: UnitWords = EN_WORDS): string {
  const a = formatValue(used, unit, words);
  const b = formatValue(limit, unit, words);
  const sa = a.lastIndexOf(" ");
  const sb = b.lastIndexOf(" ");
  if (sa > 0 && sb > 0 && a.slice(sa) === b.slice(sb)) return `${a.slice(0, sa)} / ${b}`;
  return `${a} / ${b}`;
}

/** Any number, to four significant digits: 0.0001234, 42, 1.235e+9. */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return n.toExponential(3).replace(/\.?0+e/, "e");
  return sig(n, 4);
}

/**
 * Axis ticks of one unit: all in the same scale (MiB or GiB, m or cores) so
 * the axis reads evenly, with as many decimals as the spacing needs.
 */
export function formatTicks(ticks: number[], unit: Unit): string[] {
  const finite = ticks.filter((t) => Number.isFinite(t));
  if (!finite.length) return ticks.map(() => "");
  const max = Math.max(...finite.map(Math.abs));
  const sorted = [...finite].sort((a, b) => a - b);
  const step = sorted.length > 1 ? Math.min(...sorted.slice(1).map((t, i) => t - sorted[i]).filter((d) => d > 0)) : max || 1;
  const decimals = (scaledStep: number, most = 3) =>
    Number.isFinite(scaledStep) && scaledStep > 0 ? Math.max(0, Math.min(most, -Math.floor(Math.log10(scaledStep) + 1e-9))) : 0;
  const fixed = (v: number, d: number) => (v === 0 ? "0" : v.toFixed(d));
  switch (unit) {
    case "bytes": {
      let i = 0;
      while (max / 1024 ** i >= 1024 && i < BYTE_UNITS.length - 1) i++;
      const d = decimals(step / 1024 ** i);
      return ticks.map((t) => `${fixed(t / 1024 ** i, d)} ${BYTE_UNITS[i]}`);
    }
    case "cores": {
      if (max < 1) {
        const d = decimals(step * 1000);
        return ticks.map((t) => (t === 0 ? "0" : `${(t * 1000).toFixed(d)}m`));
      }
      const d = decimals(step);
      return ticks.map((t) => fixed(t, d));
    }
    case "ratio": {
      const d = decimals(step * 100);
      return ticks.map((t) => `${fixed(t * 100, d)}%`);
    }
    case "number": {
      if (max >= 1e4) return ticks.map((t) => formatCount(t));
      if (max > 0 && max < 1e-4) return ticks.map((t) => (t === 0 ? "0" : formatNumber(t)));
      const d = decimals(step, 6);
      return ticks.map((t) => fixed(t, d));
    }
    default: {
      if (max >= 1e4) return ticks.map((t) => formatCount(t));
      const d = decimals(step);
      return ticks.map((t) => fixed(t, d));
    }
  }
}

/**
 * Tick spacings uPlot may choose from: powers of two of each binary unit for
 * bytes (256 MiB, 512 MiB, 1 GiB …), whole numbers for counts.
 */
export function tickIncrements(unit: Unit): number[] | undefined {
  if (unit === "bytes") {
    const out: number[] = [];
    for (let e = 0; e <= 55; e++) out.push(2 ** e);
    return out;
  }
  if (unit === "count") {
    const out: number[] = [];
    for (let e = 0; e <= 9; e++) for (const m of [1, 2, 5]) out.push(m * 10 ** e);
    return out;
  }
  return undefined;
}

// Shapes of the metrics API (docs/api.md "Monitoring") for the browser, and
// the pure steps from a response to a chart: aligning series on one time
// axis, counting points, latest values. Pure.

import type { Unit } from "./format";

export interface Series {
  metric: Record<string, string>;
  values: [number, number | null][];
}

export type MetricsErrorCode = "no_metrics" | "unavailable" | "query_failed";

export type PanelResult =
  | { template: string; cluster: string; unit: Unit; series: Series[]; error?: undefined }
  | { template: string; cluster: string; unit: Unit; series?: undefined; error: { code: MetricsErrorCode | (string & {}); message: string } };

export interface MetricsResponse {
  start: number;
  end: number;
  step: number;
  results: PanelResult[];
}

export interface Alert {
  cluster: string;
  name: string;
  state: "firing" | "pending";
  severity?: string;
  namespace?: string;
  summary?: string;
  description?: string;
  activeAt?: string;
  labels: Record<string, string>;
}

export interface AlertsResponse {
  alerts: Alert[];
  errors: { cluster: string; code: string; message: string }[];
}

export interface ExploreResponse {
  start?: number;
  end?: number;
  step?: number;
  series: Series[];
  truncated: boolean;
}

/** One line on a chart. */
export interface ChartLine {
  /** Stable identity (for colours and React keys). */
  key: string;
  label: string;
  values: [number, number | null][];
  /** A limit (capacity, quota hard) is drawn dashed; requests in a muted colour; neither is filled. */
  role?: "limit" | "request";
}

/** uPlot's aligned data: the shared x values (Unix seconds) and one y array per line. */
export type Aligned = [number[], ...(number | null)[][]];

/** Puts lines with different timestamps on one axis; a line without a value at a time has a gap there. */
export function align(lines: ChartLine[]): Aligned {
  const xs = new Set<number>();
  for (const l of lines) for (const [t] of l.values) xs.add(t);
  const x = [...xs].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const ys = lines.map((l) => {
    const y: (number | null)[] = new Array(x.length).fill(null);
    for (const [t, v] of l.values) y[index.get(t)!] = v;
    return y;
  });
  return [x, ...ys];
}

/** Non-null points across the successful results: "did any data arrive?". */
export function countPoints(results: PanelResult[]): number {
  let n = 0;
  for (const r of results) if (r.series) for (const s of r.series) for (const [, v] of s.values) if (v !== null) n++;
  return n;
}

export function countLinePoints(lines: ChartLine[]): number {
  let n = 0;
  for (const l of lines) for (const [, v] of l.values) if (v !== null) n++;
  return n;
}

/** The last non-null value of a series, or undefined. */
export function lastValue(values: [number, number | null][]): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i][1];
    if (v !== null) return v;
  }
  return undefined;
}

/** The latest value of a template on a cluster, summed over its series (undefined without data). */
export function latest(results: PanelResult[], template: string, cluster?: string): number | undefined {
  const r = results.find((x) => x.template === template && (cluster === undefined || x.cluster === cluster));
  if (!r?.series?.length) return undefined;
  let sum: number | undefined;
  for (const s of r.series) {
    const v = lastValue(s.values);
    if (v !== undefined) sum = (sum ?? 0) + v;
  }
  return sum;
}

/** The result of each series, ranked by its latest value (largest first): for "top pods" lists. */
export function ranked(result: PanelResult | undefined, label: string, limit = 5): { name: string; value: number }[] {
  if (!result?.series) return [];
  const byName = new Map<string, number>();
  for (const s of result.series) {
    const v = lastValue(s.values);
    const name = s.metric[label];
    // topk over a range picks the top at each step: the union can hold more than `limit` series.
    if (v !== undefined && name) byName.set(name, Math.max(v, byName.get(name) ?? -Infinity));
  }
  return [...byName]
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** A short name for a series from its labels: the labels it was grouped by, or "{}" for none. */
export function seriesName(metric: Record<string, string>): string {
  const name = metric.__name__;
  const rest = Object.entries(metric)
    .filter(([k]) => k !== "__name__")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`)
    .join(", ");
  return `${name ?? ""}{${rest}}`;
}

/** The errors of a response, worst first: "unavailable" and "query_failed" before "no_metrics". */
export function failures(results: PanelResult[]): { cluster: string; template: string; code: string; message: string }[] {
  const rank = (c: string) => (c === "no_metrics" ? 1 : 0);
  return results
    .filter((r): r is Extract<PanelResult, { error: object }> => !!r.error)
    .map((r) => ({ cluster: r.cluster, template: r.template, code: r.error.code, message: r.error.message }))
    .sort((a, b) => rank(a.code) - rank(b.code));
}

/** How a template's results become lines on a chart. */
export interface LineSpec {
  template: string;
  /** The line's name (one series per cluster), e.g. "Usage". */
  label?: string;
  /** The metric label naming each series of a grouped template, e.g. "node", "pod", "phase". */
  by?: string;
  role?: ChartLine["role"];
}

/**
 * The lines of a chart, in the order of the specs, then of the clusters
 * asked for, then by name. Several clusters on one chart: each line is named
 * after its cluster (and after its template when there are several).
 */
export function linesFrom(results: PanelResult[], specs: LineSpec[], clusterName: (cluster: string) => string = (c) => c): ChartLine[] {
  const clusters = [...new Set(results.map((r) => r.cluster))];
  const multi = clusters.length > 1;
  const out: { line: ChartLine; order: [number, number] }[] = [];
  for (const r of results) {
    const si = specs.findIndex((s) => s.template === r.template);
    if (si < 0 || !r.series) continue;
    const spec = specs[si];
    for (const s of r.series) {
      const parts: string[] = [];
      if (multi) parts.push(clusterName(r.cluster));
      if (spec.by) parts.push(s.metric[spec.by] ?? "—");
      else if (spec.label && (!multi || specs.length > 1)) parts.push(spec.label);
      const line: ChartLine = { key: `${r.template}|${r.cluster}|${seriesName(s.metric)}`, label: parts.join(" · ") || spec.label || r.template, values: s.values };
      if (spec.role) line.role = spec.role;
      out.push({ line, order: [si, clusters.indexOf(r.cluster)] });
    }
  }
  return out
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.line.label.localeCompare(b.line.label))
    .map((x) => x.line);
}

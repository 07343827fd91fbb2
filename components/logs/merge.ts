import { type LabelSelector, selectorString, withQuery } from "@/lib/k8s/kinds/common";
import type { LogKind } from "@/lib/validations/logs";

// The model of a workload's merged logs, free of React and of the network:
// timestamps, the time-ordered bounded buffer, search, pod colours, the
// streams a pod offers and the row geometry of the virtualized view.

export type LineKind = "line" | "joined" | "left";

export interface LogLine {
  /** Microseconds since the epoch: the merge order. */
  key: number;
  /** Arrival order, for lines of one instant (pods of one workload often log together). */
  seq: number;
  kind: LineKind;
  pod: string;
  /** "" for a pod's joined/left marker. */
  container: string;
  /** RFC3339Nano as the kubelet sent it; "" when the line had none. */
  ts: string;
  text: string;
  /** Display columns of `text`, measured once (see textColumns). */
  cols?: number;
}

// The kubelet's `timestamps=true` prefix: RFC3339Nano and one space.
const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/** The merge key of an RFC3339(Nano) time: microseconds since the epoch (exact in a double until year 2255). */
export function timeKey(ts: string): number | undefined {
  const m = TS.exec(`${ts} `);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return ms * 1000 + Number((m[2] ?? "").padEnd(6, "0").slice(0, 6));
}

/** A raw line split into its timestamp (and key) and its text. */
export function splitTimestamp(raw: string): { ts: string; key?: number; text: string } {
  const m = TS.exec(raw);
  if (!m) return { ts: "", text: raw };
  const ts = m[0].slice(0, -1);
  return { ts, key: timeKey(ts), text: raw.slice(m[0].length) };
}

export const keyOfDate = (ms: number) => ms * 1000;

const before = (a: LogLine, b: LogLine) => a.key < b.key || (a.key === b.key && a.seq < b.seq);

/**
 * Where a line of `key` goes in time-ordered `lines`: after every line of the
 * same key or earlier. Most lines are the newest, so the end is checked first.
 */
export function insertionPoint(lines: readonly LogLine[], key: number): number {
  const n = lines.length;
  if (n === 0 || lines[n - 1].key <= key) return n;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid].key <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The lines of all streams in time order, the newest `max` of them; older ones are dropped and counted. */
export class LogBuffer {
  lines: readonly LogLine[] = [];
  dropped = 0;
  constructor(readonly max = 20_000) {}

  /** Adds a batch (any order); the buffer is replaced, never changed in place, so views can compare it. */
  add(batch: LogLine[]): void {
    if (batch.length === 0) return;
    const incoming = [...batch].sort((a, b) => a.key - b.key || a.seq - b.seq);
    const at = insertionPoint(this.lines, incoming[0].key);
    let next: LogLine[];
    if (at === this.lines.length) next = this.lines.concat(incoming);
    else {
      // Only the tail from the earliest new line on is merged; the rest is kept as is.
      const tail = this.lines.slice(at);
      const merged: LogLine[] = this.lines.slice(0, at);
      let i = 0;
      let j = 0;
      while (i < tail.length && j < incoming.length) merged.push(before(incoming[j], tail[i]) ? incoming[j++] : tail[i++]);
      while (i < tail.length) merged.push(tail[i++]);
      while (j < incoming.length) merged.push(incoming[j++]);
      next = merged;
    }
    if (next.length > this.max) {
      this.dropped += next.length - this.max;
      next = next.slice(next.length - this.max);
    }
    this.lines = next;
  }

  /** The key of the newest line, or `fallback` when empty. */
  lastKey(fallback: number): number {
    return this.lines.length ? this.lines[this.lines.length - 1].key : fallback;
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A case-insensitive plain-text search: whether a text matches and where. */
export interface Search {
  query: string;
  test(text: string): boolean;
  ranges(text: string): [number, number][];
}

export function search(query: string): Search | undefined {
  if (!query) return undefined;
  const re = new RegExp(escapeRegExp(query), "giu");
  return {
    query,
    test: (text) => {
      re.lastIndex = 0;
      return re.test(text);
    },
    ranges: (text) => {
      const out: [number, number][] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
      return out;
    },
  };
}

/** A text cut into plain and matching parts, for highlighting. */
export function highlightParts(text: string, ranges: [number, number][]): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) parts.push({ text: text.slice(at, s), match: false });
    parts.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/** Pod colours, readable on the log's dark background; told apart by hue first. */
export const POD_COLOURS = ["#38bdf8", "#f472b6", "#a3e635", "#fbbf24", "#c084fc", "#2dd4bf", "#fb923c", "#818cf8", "#f87171", "#4ade80", "#e879f9", "#facc15"] as const;

/**
 * Colours for pods: those already coloured keep theirs (their lines stay on
 * screen after they leave), each new pod takes the least used one.
 */
export function assignColours(prev: ReadonlyMap<string, number>, pods: readonly string[]): Map<string, number> {
  const out = new Map(prev);
  const used = new Array<number>(POD_COLOURS.length).fill(0);
  for (const c of out.values()) used[c]++;
  for (const p of pods) {
    if (out.has(p)) continue;
    let best = 0;
    for (let i = 1; i < used.length; i++) if (used[i] < used[best]) best = i;
    out.set(p, best);
    used[best]++;
  }
  return out;
}

/** The labelSelector of a workload's pods ("" when it has none: it would match every pod). */
export const workloadSelector = (w: { spec?: { selector?: LabelSelector } }) => selectorString(w.spec?.selector);

export const SINCE = { "5m": 300, "1h": 3_600, "6h": 21_600, "24h": 86_400, all: undefined } as const;
export type Since = keyof typeof SINCE;
export const TAILS = [100, 500, 1000, 5000] as const;
export type Tail = (typeof TAILS)[number] | "all";

export interface StreamOptions {
  follow: boolean;
  previous: boolean;
  tail: Tail;
  since: Since;
}

/** The one request of a workload's logs (GET /api/logs): every pod and container, as events. */
export function logsURL(cluster: string, kind: LogKind, ns: string, name: string, o: StreamOptions): string {
  return withQuery("/api/logs", {
    cluster,
    namespace: ns,
    kind,
    name,
    follow: o.follow,
    previous: o.previous,
    init: true,
    tailLines: o.tail === "all" ? undefined : o.tail,
    sinceSeconds: SINCE[o.since],
  });
}

export { type ContainerRef, loggableContainers } from "@/lib/logs/events";

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** The columns a text takes in a monospace font: tabs to the next multiple of 8, East Asian wide characters two. */
export function textColumns(text: string): number {
  if (!/[^\x20-\x7e]/.test(text)) return text.length;
  let col = 0;
  for (const ch of text) {
    if (ch === "\t") col += 8 - (col % 8);
    else if (WIDE.test(ch)) col += 2;
    else col += 1;
  }
  return col;
}

/** What each row shows before its text. */
export interface Prefix {
  timestamps: boolean;
  containers: boolean;
}

/** The prefix of a line: its timestamp (when shown) and its pod (and container when a pod has several). */
export function linePrefix(l: LogLine, p: Prefix): { ts: string; source: string } {
  return { ts: p.timestamps && l.ts ? l.ts : "", source: l.kind === "line" && p.containers && l.container ? `${l.pod}/${l.container}` : l.pod };
}

/** Columns a row takes: prefix, a space, and its text (measured once per line). */
export function rowColumns(l: LogLine, p: Prefix, markerText: string): number {
  const { ts, source } = linePrefix(l, p);
  if (l.kind !== "line") return (ts ? ts.length + 1 : 0) + source.length + 1 + textColumns(markerText);
  l.cols ??= textColumns(l.text);
  return (ts ? ts.length + 1 : 0) + source.length + 1 + l.cols;
}

/** Screen lines a row takes when wrapped at `width` columns. */
export const rowUnits = (cols: number, width: number) => (width > 0 ? Math.max(1, Math.ceil(cols / width)) : 1);

/** Where each row starts, in screen lines (n+1 entries: the last is the total). */
export function rowOffsets(n: number, units: (i: number) => number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) out[i + 1] = out[i] + units(i);
  return out;
}

/** The row at screen line `unit`: the last whose start is at or before it. */
export function rowAt(offsets: Float64Array, unit: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid] <= unit) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A row as text, for the download. */
export function lineText(l: LogLine, p: Prefix, markerText: string): string {
  const { ts, source } = linePrefix(l, p);
  return `${ts ? `${ts} ` : ""}${source} ${l.kind === "line" ? l.text : markerText}`;
}

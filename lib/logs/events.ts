import type { ContainerStatus, PodObject } from "@/lib/k8s/kinds/pod";

// The events of GET /api/logs (one JSON object a line, application/x-ndjson)
// and the pure parts of making them: a log's lines cut from its bytes, the
// kubelet's timestamp split off, which containers of a pod have a log. Shared
// by the server (lib/logs/fan-in.ts) and the browser (components/logs/session.ts).

export interface PodContainers {
  pod: string;
  containers: string[];
}

export type LogEvent =
  | { t: "pods"; pods: PodContainers[] }
  | ({ t: "join" } & PodContainers)
  | { t: "leave"; pod: string }
  | { t: "line"; pod: string; container: string; ts: string; text: string }
  /** One stream's failure (pod and container), or the whole stream's (both ""): an HTTP status and its message. */
  | { t: "error"; pod: string; container: string; code: number; message: string }
  | { t: "end"; pod: string; container: string }
  | { t: "ping" };

export const encodeEvent = (e: LogEvent): string => `${JSON.stringify(e)}\n`;

/** An event line as sent; undefined for a blank or unreadable line (a stream cut mid-line). */
export function decodeEvent(line: string): LogEvent | undefined {
  if (!line.trim()) return undefined;
  try {
    const e = JSON.parse(line) as LogEvent;
    return e && typeof e === "object" && typeof e.t === "string" ? e : undefined;
  } catch {
    return undefined;
  }
}

/** A log line's longest part kept, in bytes (UTF-8); the rest of a longer line is dropped. */
export const MAX_LINE_BYTES = 16 * 1024;

/**
 * Cuts a byte stream into lines, each at most `max` bytes: a longer line is
 * handed on cut at `max` as soon as it gets there, and its rest is dropped up
 * to the next line break. Holds at most `max` bytes.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private skipping = false;
  constructor(private readonly max = MAX_LINE_BYTES) {}

  push(chunk: Buffer): string[] {
    const out: string[] = [];
    let at = 0;
    while (at < chunk.length) {
      const nl = chunk.indexOf(10, at);
      const end = nl < 0 ? chunk.length : nl;
      if (!this.skipping) {
        const room = this.max - this.size;
        const piece = chunk.subarray(at, Math.min(end, at + room));
        if (piece.length) {
          this.parts.push(piece);
          this.size += piece.length;
        }
        if (end - at > room) {
          out.push(this.take(true));
          this.skipping = true;
        }
      }
      if (nl < 0) break;
      if (this.skipping) this.skipping = false;
      else out.push(this.take(false));
      at = nl + 1;
    }
    return out;
  }

  /** What is left after the last line break (a last line without one). */
  flush(): string[] {
    if (this.skipping || this.size === 0) {
      this.skipping = false;
      return [];
    }
    return [this.take(false)];
  }

  private take(cut: boolean): string {
    let s = Buffer.concat(this.parts, this.size).toString("utf8");
    this.parts = [];
    this.size = 0;
    // A character cut in two at the limit decodes as U+FFFD: dropped.
    if (cut) s = s.replace(/\uFFFD$/, "");
    return s.endsWith("\r") ? s.slice(0, -1) : s;
  }
}

// The kubelet's `timestamps=true` prefix: RFC3339Nano and one space.
const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) /;

/** A log line as the kubelet sends it with timestamps: its time ("" without one) and its text. */
export function parseLogLine(raw: string): { ts: string; text: string } {
  const m = TS.exec(raw);
  return m ? { ts: m[1], text: raw.slice(m[0].length) } : { ts: "", text: raw };
}

export interface ContainerRef {
  name: string;
  init: boolean;
  restarts: number;
}

const started = (s: ContainerStatus) => !!(s.state?.running || s.state?.terminated);

/**
 * The containers of a pod with a log to read: started ones (running or
 * finished; a waiting container has none yet), or for `previous` those with a
 * status (the API server says when there is no previous instance).
 */
export function loggableContainers(pod: PodObject, previous: boolean): ContainerRef[] {
  const out: ContainerRef[] = [];
  const add = (names: string[], statuses: ContainerStatus[] | undefined, init: boolean) => {
    for (const name of names) {
      const s = statuses?.find((x) => x.name === name);
      if (!s) continue;
      if (previous ? !init || s.restartCount > 0 : started(s)) out.push({ name, init, restarts: s.restartCount ?? 0 });
    }
  };
  add((pod.spec?.initContainers ?? []).map((c) => c.name), pod.status?.initContainerStatuses, true);
  add((pod.spec?.containers ?? []).map((c) => c.name), pod.status?.containerStatuses, false);
  return out;
}

/** The containers a pod's logs are read from: the one asked for, init containers when asked. */
export function podContainers(pod: PodObject, o: { container?: string; init: boolean }): string[] {
  const names = [...(o.init ? (pod.spec?.initContainers ?? []) : []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  return o.container ? names.filter((n) => n === o.container) : names;
}

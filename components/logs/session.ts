import { ApiClientError, send } from "@/lib/client/api";
import { bodyLines } from "@/lib/client/kube";
import { type LogEvent, decodeEvent } from "@/lib/logs/events";
import { LogBuffer, type LogLine, assignColours, keyOfDate, timeKey } from "./merge";

// One run of a workload's logs: ONE stream from the console (GET /api/logs)
// carrying every pod's and container's lines as events, merged into one
// time-ordered buffer. The console follows the pods: those that appear join
// and those that go leave, each with a marker line. Lines are applied in
// batches, so fifty pods make one update per flush, not one per line.

/** Opens the event stream: resolves once the console answered, with its lines as they come. */
export type Opener = (url: string, signal: AbortSignal) => Promise<AsyncIterable<string>>;

/** The browser's opener: the session cookie goes along (lib/client/api), a refusal rejects with ApiClientError. */
export const openEvents: Opener = async (url, signal) => bodyLines(await send(url, { accept: "application/x-ndjson", signal }));

export type StreamState = "connecting" | "streaming" | "ended" | "error";

export interface StreamInfo {
  id: string;
  pod: string;
  container: string;
  state: StreamState;
  lines: number;
  message?: string;
  /** The HTTP status of a refused request (403 forbidden, 400 no previous instance…). */
  status?: number;
}

export interface PodInfo {
  name: string;
  colour: number;
  /** False once the pod left (its lines stay). */
  present: boolean;
}

export interface Snapshot {
  lines: readonly LogLine[];
  dropped: number;
  streams: StreamInfo[];
  pods: PodInfo[];
  containers: string[];
  /** The pod list has been applied (an empty one then means no pods), or the stream failed. */
  loaded: boolean;
  /** The whole stream was refused or broke off (403, 503…). */
  error?: { status?: number; message: string };
  /** Messages about the stream as a whole (too many pods, the pods' watch failing). */
  notices: string[];
}

interface Stream {
  info: StreamInfo;
  lastKey?: number;
}

export interface SessionConfig {
  /** The stream's URL (logsURL). */
  url: string;
  open: Opener;
  /** Lines kept (default 20,000). */
  max?: number;
  /** How often batches are applied (default 100 ms). */
  flushMs?: number;
  now?: () => number;
}

const EMPTY: Snapshot = { lines: [], dropped: 0, streams: [], pods: [], containers: [], loaded: false, notices: [] };

export class LogSession {
  private buffer: LogBuffer;
  /** By "<pod>/<container>". */
  private streams = new Map<string, Stream>();
  private present = new Set<string>();
  private colours = new Map<string, number>();
  private pending: LogLine[] = [];
  private notices: string[] = [];
  private error: Snapshot["error"];
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private seen = false;
  private ac: AbortController | undefined;
  private listeners = new Set<() => void>();
  private snapshot: Snapshot = EMPTY;

  constructor(private readonly cfg: SessionConfig) {
    this.buffer = new LogBuffer(cfg.max);
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };

  getSnapshot = () => this.snapshot;

  /** Opens the stream (again, after stop) from a clean slate. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.buffer = new LogBuffer(this.cfg.max);
    this.streams.clear();
    this.present.clear();
    this.colours.clear();
    this.pending = [];
    this.notices = [];
    this.error = undefined;
    this.seen = false;
    const ac = new AbortController();
    this.ac = ac;
    void this.run(ac);
  }

  /** Ends the stream; the snapshot stays as it was. */
  stop(): void {
    this.running = false;
    this.ac?.abort();
    this.ac = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(ac: AbortController): Promise<void> {
    const current = () => this.running && this.ac === ac;
    try {
      const lines = await this.cfg.open(this.cfg.url, ac.signal);
      for await (const line of lines) {
        if (!current()) return;
        const e = decodeEvent(line);
        if (e) this.apply(e);
      }
    } catch (e) {
      if (!current() || ac.signal.aborted) return;
      this.error = { status: e instanceof ApiClientError ? e.status : undefined, message: e instanceof Error ? e.message : String(e) };
    }
    if (!current()) return;
    // The stream is over: so is every log it carried.
    for (const s of this.streams.values()) if (s.info.state === "streaming" || s.info.state === "connecting") s.info = { ...s.info, state: "ended" };
    this.seen = true;
    this.schedule();
  }

  /** One event of the stream. */
  apply(e: LogEvent): void {
    switch (e.t) {
      case "pods":
        for (const p of e.pods) this.join(p.pod, p.containers, false);
        this.seen = true;
        break;
      case "join":
        this.join(e.pod, e.containers, true);
        break;
      case "leave":
        if (!this.present.delete(e.pod)) return;
        for (const s of this.streams.values()) if (s.info.pod === e.pod && s.info.state !== "error") s.info = { ...s.info, state: "ended" };
        this.marker("left", e.pod);
        break;
      case "line": {
        const s = this.stream(e.pod, e.container);
        // A line without a time stays where its stream was.
        const key = timeKey(e.ts) ?? s.lastKey ?? this.nowKey();
        s.lastKey = key;
        this.pending.push({ key, seq: this.seq++, kind: "line", pod: e.pod, container: e.container, ts: e.ts, text: e.text });
        s.info.lines++;
        // A container that restarted after its log ended is followed again.
        if (s.info.state !== "streaming") s.info = { ...s.info, state: "streaming", message: undefined, status: undefined };
        break;
      }
      case "error":
        if (!e.pod) this.notices = [...this.notices, e.message];
        else {
          const s = this.stream(e.pod, e.container);
          s.info = { ...s.info, state: "error", message: e.message, status: e.code };
        }
        break;
      case "end": {
        const s = this.stream(e.pod, e.container);
        s.info = { ...s.info, state: "ended" };
        break;
      }
      default:
        return;
    }
    this.schedule();
  }

  private join(pod: string, containers: readonly string[], marker: boolean): void {
    // A pod of the same name again (a StatefulSet's replacement): its logs start over.
    for (const [id, s] of this.streams) if (s.info.pod === pod) this.streams.delete(id);
    this.present.add(pod);
    for (const c of containers) this.stream(pod, c);
    this.colours = assignColours(this.colours, [...this.present]);
    if (marker && this.seen) this.marker("joined", pod);
  }

  private stream(pod: string, container: string): Stream {
    const id = `${pod}/${container}`;
    let s = this.streams.get(id);
    if (!s) {
      s = { info: { id, pod, container, state: "streaming", lines: 0 } };
      this.streams.set(id, s);
    }
    return s;
  }

  private nowKey(): number {
    return keyOfDate(this.cfg.now?.() ?? Date.now());
  }

  /** A joined/left line, after the newest line seen: it happened now, as far as the stream shows. */
  private marker(kind: "joined" | "left", pod: string): void {
    let key = this.buffer.lastKey(-Infinity);
    for (const l of this.pending) if (l.key > key) key = l.key;
    if (key === -Infinity) key = this.nowKey();
    this.pending.push({ key, seq: this.seq++, kind, pod, container: "", ts: "", text: "" });
  }

  private schedule(): void {
    if (!this.running || this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), this.cfg.flushMs ?? 100);
  }

  /** Applies what arrived since the last flush and tells the listeners. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length) {
      this.buffer.add(this.pending);
      this.pending = [];
    }
    const streams = [...this.streams.values()].map((s) => ({ ...s.info }));
    this.snapshot = {
      lines: this.buffer.lines,
      dropped: this.buffer.dropped,
      streams,
      pods: [...this.colours].map(([name, colour]) => ({ name, colour, present: this.present.has(name) })),
      containers: [...new Set(streams.map((s) => s.container))].sort(),
      loaded: this.seen,
      error: this.error,
      notices: this.notices,
    };
    for (const fn of this.listeners) fn();
  }
}

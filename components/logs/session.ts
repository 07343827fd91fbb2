import { ApiClientError } from "@/lib/client/api";
import type { PodObject } from "@/lib/k8s/kinds/pod";
import { type ContainerRef, LogBuffer, type LogLine, type StreamOptions, assignColours, keyOfDate, loggableContainers, splitTimestamp, streamPath } from "./merge";

// One run of a workload's logs: a stream per pod and container, merged into
// one time-ordered buffer. The pods come from the caller (a watch of the
// workload's pods); while following, pods that appear join and pods that go
// leave, each with a marker line. Lines are applied in batches, so fifty
// streams make one update per flush, not one per line.

/** Opens a log: resolves once the API server answered, with its lines as they come (kubeLogs). */
export type Opener = (path: string, signal: AbortSignal) => Promise<AsyncIterable<string>>;

export type StreamState = "connecting" | "streaming" | "ended" | "error";

export interface StreamInfo {
  id: string;
  pod: string;
  container: string;
  init: boolean;
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
  /** The pod list has been applied (an empty one then means no pods). */
  loaded: boolean;
}

interface Stream {
  info: StreamInfo;
  ac: AbortController;
  uid: string;
  restarts: number;
  lastKey?: number;
}

export interface SessionConfig {
  ns: string;
  options: StreamOptions;
  open: Opener;
  /** Lines kept (default 20,000). */
  max?: number;
  /** How often batches are applied (default 100 ms). */
  flushMs?: number;
  now?: () => number;
}

const EMPTY: Snapshot = { lines: [], dropped: 0, streams: [], pods: [], containers: [], loaded: false };

const podUid = (p: PodObject) => p.metadata.uid || p.metadata.name || "";

export class LogSession {
  private buffer: LogBuffer;
  private streams = new Map<string, Stream>();
  /** Pods of the last list: uid → name. */
  private present = new Map<string, string>();
  private colours = new Map<string, number>();
  private pending: LogLine[] = [];
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private seen = false;
  private lastPods: readonly PodObject[] | undefined;
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

  /** Starts (again, after stop) from a clean slate with the last pods given. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.buffer = new LogBuffer(this.cfg.max);
    this.streams.clear();
    this.present.clear();
    this.colours.clear();
    this.pending = [];
    this.seen = false;
    if (this.lastPods) this.reconcile(this.lastPods);
  }

  /** Ends every stream; the snapshot stays as it was. */
  stop(): void {
    this.running = false;
    for (const s of this.streams.values()) s.ac.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The workload's pods now. */
  setPods(pods: readonly PodObject[]): void {
    this.lastPods = pods;
    if (this.running) this.reconcile(pods);
  }

  private reconcile(pods: readonly PodObject[]): void {
    const { follow, previous } = this.cfg.options;
    // Without follow the logs are a snapshot of the pods there were.
    if (this.seen && !follow) return;
    const now = new Map(pods.map((p) => [podUid(p), p] as const));
    for (const [uid, name] of this.present) {
      if (now.has(uid)) continue;
      this.present.delete(uid);
      for (const s of this.streams.values()) if (s.uid === uid) s.ac.abort();
      this.marker("left", name);
    }
    for (const [uid, p] of now) {
      if (this.present.has(uid)) continue;
      const name = p.metadata.name ?? "";
      this.present.set(uid, name);
      if (this.seen) this.marker("joined", name);
    }
    this.colours = assignColours(this.colours, [...this.present.values()]);
    for (const [uid, p] of now) {
      for (const c of loggableContainers(p, previous)) {
        const id = `${uid}/${c.name}`;
        const s = this.streams.get(id);
        // A container that restarted after its stream ended: follow its new instance.
        const restarted = s && follow && !previous && (s.info.state === "ended" || s.info.state === "error") && c.restarts > s.restarts;
        if (!s || restarted) this.open(id, uid, p.metadata.name ?? "", c);
      }
    }
    this.seen = true;
    this.schedule();
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

  private open(id: string, uid: string, pod: string, c: ContainerRef): void {
    const ac = new AbortController();
    const s: Stream = { info: { id, pod, container: c.name, init: c.init, state: "connecting", lines: 0 }, ac, uid, restarts: c.restarts };
    this.streams.set(id, s);
    const current = () => this.running && this.streams.get(id) === s;
    const set = (patch: Partial<StreamInfo>) => {
      if (!current()) return;
      s.info = { ...s.info, ...patch };
      this.schedule();
    };
    void (async () => {
      try {
        const lines = await this.cfg.open(streamPath(this.cfg.ns, pod, c.name, this.cfg.options), ac.signal);
        set({ state: "streaming" });
        for await (const raw of lines) {
          if (!current() || ac.signal.aborted) break;
          const { ts, key, text } = splitTimestamp(raw);
          // A line without a time stays where its stream was.
          const k = key ?? s.lastKey ?? this.nowKey();
          s.lastKey = k;
          this.pending.push({ key: k, seq: this.seq++, kind: "line", pod, container: c.name, ts, text });
          s.info.lines++;
          this.schedule();
        }
        set({ state: "ended" });
      } catch (e) {
        if (ac.signal.aborted) return set({ state: "ended" });
        set({ state: "error", message: e instanceof Error ? e.message : String(e), status: e instanceof ApiClientError ? e.status : undefined });
      }
    })();
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
    const names = new Set(this.present.values());
    const streams = [...this.streams.values()].map((s) => ({ ...s.info }));
    this.snapshot = {
      lines: this.buffer.lines,
      dropped: this.buffer.dropped,
      streams,
      pods: [...this.colours].map(([name, colour]) => ({ name, colour, present: names.has(name) })),
      containers: [...new Set(streams.map((s) => s.container))].sort(),
      loaded: this.seen,
    };
    for (const fn of this.listeners) fn();
  }
}

import "server-only";
import type http from "node:http";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { K8sError, k8sJSON, statusFrom, watchStream } from "@/lib/k8s/api";
import { describe } from "@/lib/k8s/clusters";
import { type Connection, startRequest } from "@/lib/k8s/connection";
import { type LabelSelector, collectionPath, namedPath, selectorString, withQuery } from "@/lib/k8s/kinds/common";
import { type PodObject, podLogPath } from "@/lib/k8s/kinds/pod";
import type { KubeList, KubeObject, WatchEvent } from "@/lib/k8s/types";
import { asCaller, callFailure, mayCall } from "@/lib/proxy/on-behalf";
import type { Runtime } from "@/lib/server/context";
import type { LogKind, StreamLogsQuery } from "@/lib/validations/logs";
import { LineSplitter, type LogEvent, type PodContainers, encodeEvent, loggableContainers, parseLogLine, podContainers } from "./events";

// A workload's logs as one stream (GET /api/logs): the console lists and
// watches the workload's pods and reads every pod × container's log itself,
// handing the lines on as events. The browser holds one connection however
// many pods there are (it has six per origin over HTTP/1.1, and a log stream
// per container used them all up). Every call is decided first as the caller,
// the way the proxy decides it.

export const MAX_PODS = 100;
const PING_MS = 15_000;
const TIMEOUT_MS = 10_000;
/** Tries of a container's log while its pod is still starting it (the kubelet answers 400 until it runs). */
const START_TRIES = 8;
/** What is queued for a slow reader before the upstream logs are paused. */
const HIGH_WATER_BYTES = 256 * 1024;

const GROUP: Record<LogKind, string> = { deployments: "apps", statefulsets: "apps", daemonsets: "apps", jobs: "batch" };
export const workloadPath = (kind: LogKind, ns: string, name: string) => namedPath(GROUP[kind], "v1", kind, ns, name);
const podsPath = (ns: string) => collectionPath("", "v1", "pods", ns);

type Workload = KubeObject & { spec?: { selector?: LabelSelector } };

/**
 * Checks the caller may read the workload, list and watch its pods and read
 * their logs; reads the workload and its pods. Throws an ApiError (403, 404,
 * 503…) before anything streams; the body then streams the events.
 */
export async function openLogs(rt: Runtime, p: Principal, q: StreamLogsQuery, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const { cluster, namespace: ns, kind, name } = q;
  const where = `in namespace "${ns}" on cluster "${cluster}"`;
  const wl = await asCaller(rt, p, "GET", cluster, workloadPath(kind, ns, name), `get ${kind} ${where}`);
  await asCaller(rt, p, "GET", cluster, podsPath(ns), `list pods ${where}`);
  await asCaller(rt, p, "GET", cluster, withQuery(podsPath(ns), { watch: 1 }), `watch pods ${where}`);
  // pods/log is decided again per pod as its log is opened; the name here only stands for "a pod".
  await asCaller(rt, p, "GET", cluster, `${podsPath(ns)}/${name}/log`, `get pods/log ${where}`);

  const workload = await k8sJSON<Workload>(wl.conn, wl.path, { timeoutMs: TIMEOUT_MS, signal }).catch((e) => {
    throw callFailure(rt, e, cluster, `${kind} "${name}" was not found ${where}.`);
  });
  const selector = selectorString(workload.spec?.selector);
  if (!selector) throw new ApiError("bad_request", `${kind} "${name}" has no pod selector.`);
  const list = await k8sJSON<KubeList<PodObject>>(wl.conn, withQuery(podsPath(ns), { labelSelector: selector }), { timeoutMs: TIMEOUT_MS, signal }).catch((e) => {
    throw callFailure(rt, e, cluster, `Namespace "${ns}" was not found ${where}.`);
  });
  const fan = new FanIn(rt, p, wl.conn, q, selector, signal);
  return fan.stream(list);
}

interface Stream {
  ac: AbortController;
  state: "opening" | "open" | "ended" | "error";
  restarts: number;
  tries: number;
  res?: http.IncomingMessage;
  timer?: ReturnType<typeof setTimeout>;
}

interface Pod {
  name: string;
  streams: Map<string, Stream>;
}

class FanIn {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly ac = new AbortController();
  private readonly pods = new Map<string, Pod>();
  private readonly encoder = new TextEncoder();
  private closed = false;
  private paused = false;
  private capped = false;
  private capWarned = false;
  /** Log requests not yet ended (a stream without follow ends with the last). */
  private pending = 0;
  private ping?: ReturnType<typeof setInterval>;

  constructor(
    private readonly rt: Runtime,
    private readonly p: Principal,
    private readonly conn: Connection,
    private readonly q: StreamLogsQuery,
    private readonly selector: string,
    signal: AbortSignal,
  ) {
    if (signal.aborted) this.ac.abort();
    else signal.addEventListener("abort", () => this.close(), { once: true });
  }

  stream(list: KubeList<PodObject>): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
          const first: PodContainers[] = [];
          for (const pod of list.items) {
            const added = this.add(pod);
            if (added) first.push(added);
          }
          this.emit({ t: "pods", pods: first });
          if (this.capped) this.emitCap();
          for (const pod of list.items) this.reconcile(pod);
          if (this.q.follow) {
            this.ping = setInterval(() => this.emit({ t: "ping" }), PING_MS);
            void this.watch(list.metadata?.resourceVersion ?? "");
          } else this.maybeDone();
        },
        // The reader has room again: upstream logs go on.
        pull: () => this.resume(),
        cancel: () => this.close(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }),
    );
  }

  private emit(e: LogEvent): void {
    if (this.closed) return;
    try {
      this.controller.enqueue(this.encoder.encode(encodeEvent(e)));
    } catch {
      return this.close();
    }
    // Backpressure: the queue is full, so the upstream sockets stop being read until pull().
    if ((this.controller.desiredSize ?? 1) <= 0 && !this.paused) {
      this.paused = true;
      for (const pod of this.pods.values()) for (const s of pod.streams.values()) s.res?.pause();
    }
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const pod of this.pods.values()) for (const s of pod.streams.values()) s.res?.resume();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ping);
    this.ac.abort();
    for (const pod of this.pods.values()) for (const s of pod.streams.values()) this.stop(s);
    try {
      this.controller?.close();
    } catch {
      /* already closed or errored */
    }
  }

  private stop(s: Stream): void {
    clearTimeout(s.timer);
    s.ac.abort();
  }

  private emitCap(): void {
    if (this.capWarned) return;
    this.capWarned = true;
    this.emit({ t: "error", pod: "", container: "", code: 413, message: `This workload has more than ${MAX_PODS} pods; the logs of the first ${MAX_PODS} are followed.` });
  }

  /** A new pod: known from now on (unless over the cap), with the containers it will be read from. */
  private add(pod: PodObject): PodContainers | undefined {
    const uid = pod.metadata.uid ?? pod.metadata.name ?? "";
    if (this.pods.has(uid)) return undefined;
    if (this.pods.size >= MAX_PODS) {
      this.capped = true;
      return undefined;
    }
    const name = pod.metadata.name ?? "";
    this.pods.set(uid, { name, streams: new Map() });
    // Without follow only the containers with a log now are read; following, waiting ones are opened once they start.
    const containers = this.q.follow
      ? podContainers(pod, { container: this.q.container, init: this.q.init })
      : this.loggable(pod).map((c) => c.name);
    return { pod: name, containers };
  }

  private loggable(pod: PodObject) {
    return loggableContainers(pod, this.q.previous).filter((c) => (!c.init || this.q.init) && (!this.q.container || c.name === this.q.container));
  }

  /** Opens the logs of a known pod's containers that have one (again, for one that restarted since its log ended). */
  private reconcile(pod: PodObject): void {
    const known = this.pods.get(pod.metadata.uid ?? pod.metadata.name ?? "");
    if (!known || this.closed) return;
    for (const c of this.loggable(pod)) {
      const s = known.streams.get(c.name);
      const restarted = s && this.q.follow && !this.q.previous && (s.state === "ended" || s.state === "error") && c.restarts > s.restarts;
      if (!s || restarted) this.open(known, c.name, c.restarts);
    }
  }

  private leave(uid: string): void {
    const pod = this.pods.get(uid);
    if (!pod) return;
    this.pods.delete(uid);
    for (const s of pod.streams.values()) this.stop(s);
    this.emit({ t: "leave", pod: pod.name });
  }

  private open(pod: Pod, container: string, restarts: number): void {
    const old = pod.streams.get(container);
    if (old) this.stop(old);
    const s: Stream = { ac: new AbortController(), state: "opening", restarts, tries: 0 };
    pod.streams.set(container, s);
    this.pending++;
    const { ns, q } = { ns: this.q.namespace, q: this.q };
    const path = withQuery(podLogPath(ns, pod.name, { container, follow: q.follow, previous: q.previous, timestamps: true, tailLines: q.tailLines }), { sinceSeconds: q.sinceSeconds });
    const current = () => !this.closed && pod.streams.get(container) === s && !s.ac.signal.aborted;
    const finish = (e?: { code: number; message: string }) => {
      if (s.state === "ended" || s.state === "error") return;
      s.state = e ? "error" : "ended";
      s.res = undefined;
      this.pending--;
      if (current()) this.emit(e ? { t: "error", pod: pod.name, container, ...e } : { t: "end", pod: pod.name, container });
      this.maybeDone();
    };
    s.ac.signal.addEventListener("abort", () => finish(), { once: true });
    if (!mayCall(this.rt, this.p, "GET", q.cluster, `${podsPath(ns)}/${pod.name}/log`)) {
      return finish({ code: 403, message: `You may not get pods/log of pod "${pod.name}" in namespace "${ns}" on cluster "${q.cluster}".` });
    }
    const attempt = () => {
      if (!current()) return;
      const req = startRequest(this.conn, { path, headers: { accept: "*/*" }, signal: s.ac.signal, timeoutMs: TIMEOUT_MS });
      req.on("error", (e) => {
        if (current()) finish({ code: 503, message: `Cluster "${q.cluster}" is unreachable: ${describe(e)}` });
      });
      req.on("response", (res) => {
        if (!current()) return void res.destroy();
        const code = res.statusCode ?? 0;
        if (code >= 300) {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size <= 64 * 1024) chunks.push(c);
          });
          res.on("end", () => {
            const st = statusFrom(code, Buffer.concat(chunks), `HTTP ${code}`);
            // A container the kubelet has not started yet: its pod is still coming up, so try again shortly.
            if (code === 400 && q.follow && !q.previous && s.tries < START_TRIES && /waiting to start|ContainerCreating|PodInitializing/i.test(st.message ?? "")) {
              s.timer = setTimeout(attempt, Math.min(250 * 2 ** s.tries++, 4_000));
              return;
            }
            finish({ code, message: st.message ?? `HTTP ${code}` });
          });
          res.on("error", () => finish({ code, message: `HTTP ${code}` }));
          return;
        }
        s.state = "open";
        s.res = res;
        if (this.paused) res.pause();
        const split = new LineSplitter();
        const send = (raw: string) => {
          const { ts, text } = parseLogLine(raw);
          this.emit({ t: "line", pod: pod.name, container, ts, text });
        };
        res.on("data", (chunk: Buffer) => {
          if (!current()) return;
          for (const raw of split.push(chunk)) send(raw);
        });
        res.on("end", () => {
          if (current()) for (const raw of split.flush()) send(raw);
          finish();
        });
        res.on("error", (e) => finish(current() ? { code: 502, message: `The log of ${pod.name}/${container} broke off: ${describe(e)}` } : undefined));
        res.on("aborted", () => finish());
      });
      req.end();
    };
    attempt();
  }

  private maybeDone(): void {
    if (!this.q.follow && this.pending === 0) this.close();
  }

  /** Follows the pods: joins, leaves, containers starting and restarting; resumes on expiry, lists again when too old. */
  private async watch(rv: string): Promise<void> {
    const { namespace: ns, cluster } = this.q;
    let failures = 0;
    while (!this.closed) {
      try {
        const path = withQuery(podsPath(ns), { labelSelector: this.selector, watch: 1, allowWatchBookmarks: true, resourceVersion: rv || undefined, timeoutSeconds: 240 });
        await watchStream(this.conn, path, (ev: WatchEvent) => {
          if (ev.type === "ERROR") throw new K8sError(ev.object as never, cluster);
          const obj = ev.object as PodObject;
          if (obj.metadata?.resourceVersion) rv = obj.metadata.resourceVersion;
          if (ev.type === "BOOKMARK") return;
          failures = 0;
          this.seen(ev.type, obj);
        }, this.ac.signal);
      } catch (e) {
        if (this.closed) return;
        if (e instanceof K8sError && e.code === 410) {
          rv = await this.relist().catch(() => "");
          continue;
        }
        failures++;
        if (failures === 3) this.emit({ t: "error", pod: "", container: "", code: e instanceof K8sError ? e.code : 503, message: `Following the pods on cluster "${cluster}" failed: ${e instanceof Error ? e.message : String(e)}; trying again.` });
        if (!(e instanceof K8sError)) this.rt.clusters.reportFailure(cluster, e);
        await new Promise((r) => setTimeout(r, Math.min(1_000 * 2 ** (failures - 1), 10_000)));
      }
    }
  }

  private seen(type: string, pod: PodObject): void {
    const uid = pod.metadata.uid ?? pod.metadata.name ?? "";
    if (type === "DELETED") return this.leave(uid);
    if (!this.pods.has(uid)) {
      const added = this.add(pod);
      if (!added) return this.emitCap();
      this.emit({ t: "join", ...added });
    }
    this.reconcile(pod);
  }

  /** After a watch too old to resume: the pods now, with leaves for those gone. */
  private async relist(): Promise<string> {
    const list = await k8sJSON<KubeList<PodObject>>(this.conn, withQuery(podsPath(this.q.namespace), { labelSelector: this.selector }), { timeoutMs: TIMEOUT_MS, signal: this.ac.signal });
    const now = new Set(list.items.map((p) => p.metadata.uid ?? p.metadata.name ?? ""));
    for (const uid of [...this.pods.keys()]) if (!now.has(uid)) this.leave(uid);
    for (const p of list.items) this.seen("MODIFIED", p);
    return list.metadata?.resourceVersion ?? "";
  }
}

import type { KubeObject } from "../types";
import { type Condition, type Container, type PodSpec, type Tone, findCondition, namedPath, withQuery } from "./common";

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode: number; signal?: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string };
}

export interface ContainerStatus {
  name: string;
  image?: string;
  imageID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodObject extends KubeObject {
  spec?: PodSpec;
  status?: {
    phase?: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";
    reason?: string;
    message?: string;
    conditions?: Condition[];
    hostIP?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    startTime?: string;
    qosClass?: string;
    nominatedNodeName?: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export const podPath = (ns: string, name: string) => namedPath("", "v1", "pods", ns, name);

export interface LogOptions {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  /** Lines from the end; all when undefined. */
  tailLines?: number;
  timestamps?: boolean;
}

/** The log subresource, e.g. …/pods/web-0/log?container=app&follow=true&tailLines=500. */
export function podLogPath(ns: string, name: string, o: LogOptions = {}): string {
  return withQuery(`${podPath(ns, name)}/log`, {
    container: o.container,
    follow: o.follow,
    previous: o.previous,
    tailLines: o.tailLines,
    timestamps: o.timestamps,
  });
}

export const podPhase = (p: PodObject) => p.status?.phase ?? "Unknown";
export const podNode = (p: PodObject) => p.spec?.nodeName ?? "";
export const podIP = (p: PodObject) => p.status?.podIP ?? "";
export const podContainerNames = (p: PodObject) => (p.spec?.containers ?? []).map((c) => c.name);
export const podInitContainerNames = (p: PodObject) => (p.spec?.initContainers ?? []).map((c) => c.name);

export function podReady(p: PodObject): { ready: number; total: number } {
  const statuses = p.status?.containerStatuses ?? [];
  const total = p.spec?.containers?.length ?? statuses.length;
  return { ready: statuses.filter((s) => s.ready).length, total };
}

export const podReadyText = (p: PodObject) => {
  const r = podReady(p);
  return `${r.ready}/${r.total}`;
};

/** Restarts of all containers (init containers included), as kubectl counts them. */
export function podRestarts(p: PodObject): number {
  return [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

const restartableInit = (p: PodObject, name: string) => p.spec?.initContainers?.find((c) => c.name === name)?.restartPolicy === "Always";

/**
 * The STATUS column of `kubectl get pods`: the phase, or what the containers
 * say (CrashLoopBackOff, ImagePullBackOff, OOMKilled, Init:1/2, Completed,
 * Terminating …). Follows kubectl's printer.
 */
export function podStatusReason(p: PodObject): string {
  let reason: string = p.status?.reason || p.status?.phase || "Unknown";
  const inits = p.status?.initContainerStatuses ?? [];
  const initCount = p.spec?.initContainers?.length ?? inits.length;
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i];
    const t = s.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (restartableInit(p, s.name) && s.started) continue;
    if (t) {
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    } else if (s.state?.waiting?.reason && s.state.waiting.reason !== "PodInitializing") {
      reason = `Init:${s.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const statuses = p.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i];
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated?.reason) reason = s.state.terminated.reason;
      else if (s.state?.terminated) reason = s.state.terminated.signal ? `Signal:${s.state.terminated.signal}` : `ExitCode:${s.state.terminated.exitCode}`;
      else if (s.ready && s.state?.running) hasRunning = true;
    }
    // A pod whose containers finished but one still runs is Running (or NotReady).
    if (reason === "Completed" && hasRunning) {
      reason = findCondition(p.status?.conditions, "Ready")?.status === "True" ? "Running" : "NotReady";
    }
  }
  if (p.metadata.deletionTimestamp) reason = p.status?.reason === "NodeLost" ? "Unknown" : "Terminating";
  return reason;
}

const BAD = /BackOff|Err|Error|Failed|OOMKilled|Invalid|Evicted|ContainerCannotRun|DeadlineExceeded|Signal|ExitCode|Unknown|NotReady/;

/** A colour for a pod status reason. */
export function podStatusTone(reason: string): Tone {
  if (reason === "Running") return "green";
  if (reason === "Completed" || reason === "Succeeded") return "slate";
  if (BAD.test(reason)) return "red";
  if (reason === "Terminating") return "slate";
  return "amber";
}

export type ContainerStateName = "running" | "waiting" | "terminated" | "unknown";

export interface ContainerView {
  name: string;
  init: boolean;
  image: string;
  ready: boolean;
  restarts: number;
  state: ContainerStateName;
  /** Reason of the current state (e.g. CrashLoopBackOff, Completed). */
  reason?: string;
  message?: string;
  exitCode?: number;
  startedAt?: string;
  /** The last termination, when the container restarted. */
  lastTerminated?: { reason?: string; exitCode: number; finishedAt?: string; message?: string };
  spec?: Container;
}

function stateOf(s: ContainerStatus | undefined): Pick<ContainerView, "state" | "reason" | "message" | "exitCode" | "startedAt"> {
  const st = s?.state;
  if (st?.running) return { state: "running", startedAt: st.running.startedAt };
  if (st?.terminated) return { state: "terminated", reason: st.terminated.reason, message: st.terminated.message, exitCode: st.terminated.exitCode, startedAt: st.terminated.startedAt };
  if (st?.waiting) return { state: "waiting", reason: st.waiting.reason, message: st.waiting.message };
  return { state: "unknown" };
}

/** Every container of a pod (init containers first) with its spec and status. */
export function podContainers(p: PodObject): ContainerView[] {
  const view = (c: Container, s: ContainerStatus | undefined, init: boolean): ContainerView => ({
    name: c.name,
    init,
    image: s?.image || c.image || "",
    ready: s?.ready ?? false,
    restarts: s?.restartCount ?? 0,
    ...stateOf(s),
    lastTerminated: s?.lastState?.terminated
      ? { reason: s.lastState.terminated.reason, exitCode: s.lastState.terminated.exitCode, finishedAt: s.lastState.terminated.finishedAt, message: s.lastState.terminated.message }
      : undefined,
    spec: c,
  });
  const inits = (p.spec?.initContainers ?? []).map((c) => view(c, p.status?.initContainerStatuses?.find((s) => s.name === c.name), true));
  const main = (p.spec?.containers ?? []).map((c) => view(c, p.status?.containerStatuses?.find((s) => s.name === c.name), false));
  return [...inits, ...main];
}

/** The container whose logs to show first: the default-container annotation, else the first one. */
export function defaultLogContainer(p: PodObject): string {
  const annotated = p.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
  const names = [...podContainerNames(p), ...podInitContainerNames(p)];
  if (annotated && names.includes(annotated)) return annotated;
  return names[0] ?? "";
}

/** Names of the PersistentVolumeClaims a pod mounts. */
export function podClaims(p: PodObject): string[] {
  return (p.spec?.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName).filter((n): n is string => !!n);
}

/** The file name a downloaded log gets. */
export function logFileName(pod: string, container: string): string {
  return `${pod}-${container}.log`;
}

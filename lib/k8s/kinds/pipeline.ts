import type { KubeObject } from "../types";
import { type Condition, findCondition } from "./common";

// Tekton Pipelines (tekton.dev/v1): a pipeline's task graph as Tekton orders
// it, and a run's state in Tekton's own words. Pure.

export const TEKTON_GROUP = "tekton.dev";

export interface ParamSpec {
  name: string;
  type?: "string" | "array" | "object";
  description?: string;
  default?: unknown;
}

export interface Param {
  name: string;
  value: unknown;
}

export interface WhenExpression {
  input?: string;
  operator?: string;
  values?: string[];
  cel?: string;
}

export interface PipelineTask {
  name: string;
  displayName?: string;
  runAfter?: string[];
  params?: Param[];
  when?: WhenExpression[];
  matrix?: { params?: Param[]; include?: { params?: Param[] }[] };
  taskRef?: { name?: string; kind?: string };
  taskSpec?: { steps?: { name?: string }[]; results?: { name: string }[] };
  retries?: number;
  timeout?: string;
}

export interface PipelineSpec {
  description?: string;
  params?: ParamSpec[];
  tasks?: PipelineTask[];
  finally?: PipelineTask[];
  results?: { name: string; value: unknown }[];
  workspaces?: { name: string; optional?: boolean; description?: string }[];
}

export interface PipelineObject extends KubeObject {
  spec?: PipelineSpec;
}

export interface PipelineRunObject extends KubeObject {
  spec?: {
    pipelineRef?: { name?: string };
    pipelineSpec?: PipelineSpec;
    params?: Param[];
    status?: "Cancelled" | "CancelledRunFinally" | "StoppedRunFinally" | "PipelineRunPending";
    timeouts?: { pipeline?: string; tasks?: string; finally?: string };
    workspaces?: Record<string, unknown>[];
    taskRunTemplate?: Record<string, unknown>;
  };
  status?: {
    conditions?: Condition[];
    startTime?: string;
    completionTime?: string;
    pipelineSpec?: PipelineSpec;
    results?: { name: string; value: unknown }[];
    childReferences?: { kind?: string; name: string; pipelineTaskName: string }[];
    skippedTasks?: { name: string; reason?: string }[];
  };
}

/** An edge of the graph: `to` waits for `from`, by order (runAfter) or by a result it reads. */
export interface PipelineEdge {
  from: string;
  to: string;
  kind: "runAfter" | "result";
}

export interface PipelineGraph {
  /** The tasks in spec order, then the finally tasks (which wait for all of them). */
  tasks: string[];
  finally: string[];
  edges: PipelineEdge[];
}

const RESULT_REF = /\$\(tasks\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.results\.[^)]+\)/g;

/** Every string inside a value (params may be strings, arrays or objects). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** The tasks whose results a pipeline task reads, in its params, when expressions and matrix. */
export function resultSources(t: PipelineTask): string[] {
  const texts = strings([t.params?.map((p) => p.value), t.when, t.matrix]);
  const found = new Set<string>();
  for (const s of texts) for (const m of s.matchAll(RESULT_REF)) found.add(m[1]);
  return [...found];
}

/**
 * The graph Tekton runs: runAfter and result edges among the tasks (an edge
 * named both ways is a result edge; references to tasks that do not exist are
 * left out, Tekton refuses such a pipeline), finally tasks apart.
 */
export function pipelineGraph(spec: PipelineSpec | undefined): PipelineGraph {
  const tasks = (spec?.tasks ?? []).map((t) => t.name);
  const fin = (spec?.finally ?? []).map((t) => t.name);
  const known = new Set(tasks);
  const edges = new Map<string, PipelineEdge>();
  for (const t of spec?.tasks ?? []) {
    for (const from of t.runAfter ?? []) if (known.has(from) && from !== t.name) edges.set(`${from}>${t.name}`, { from, to: t.name, kind: "runAfter" });
    for (const from of resultSources(t)) if (known.has(from) && from !== t.name) edges.set(`${from}>${t.name}`, { from, to: t.name, kind: "result" });
  }
  // Finally tasks may read results too; they run after every task regardless.
  for (const t of spec?.finally ?? []) for (const from of resultSources(t)) if (known.has(from)) edges.set(`${from}>${t.name}`, { from, to: t.name, kind: "result" });
  return { tasks, finally: fin, edges: [...edges.values()] };
}

export type RunStatus = "Succeeded" | "Failed" | "Running" | "Pending" | "Cancelled" | "Cancelling" | "TimedOut";

/** A PipelineRun's or TaskRun's state from its Succeeded condition (Tekton's reasons), "Pending" before it has one. */
export function runStatus(r: { spec?: { status?: string }; status?: { conditions?: Condition[] } }): RunStatus {
  const c = findCondition(r.status?.conditions, "Succeeded");
  const reason = c?.reason ?? "";
  if (!c) return r.spec?.status === "PipelineRunPending" ? "Pending" : r.spec?.status ? "Cancelling" : "Pending";
  if (c.status === "True") return "Succeeded";
  if (c.status === "False") {
    if (/Cancelled$/.test(reason)) return "Cancelled";
    if (/Timeout$/.test(reason)) return "TimedOut";
    return "Failed";
  }
  if (r.spec?.status && r.spec.status !== "PipelineRunPending") return "Cancelling";
  return reason === "Pending" || reason === "PipelineRunPending" ? "Pending" : "Running";
}

/** Why a run did not succeed: its condition's message, else its reason. */
export function runProblem(r: { status?: { conditions?: Condition[] } }): string | undefined {
  const c = findCondition(r.status?.conditions, "Succeeded");
  return c?.status === "False" ? c.message || c.reason : undefined;
}

/** Seconds from start to completion (to `now` while running); undefined before it started. */
export function runSeconds(r: { status?: { startTime?: string; completionTime?: string } }, now = Date.now()): number | undefined {
  const start = r.status?.startTime ? Date.parse(r.status.startTime) : NaN;
  if (!Number.isFinite(start)) return undefined;
  const end = r.status?.completionTime ? Date.parse(r.status.completionTime) : now;
  return Math.max(0, Math.round((end - start) / 1000));
}

/** Annotation the console sets on runs it starts: who started it. */
export const STARTED_BY_ANNOTATION = "pilothouse.dev/started-by";

/** A param's or result's value as one line: strings as they are, arrays and objects as JSON. */
export function valueText(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** "name=value" lines of params or results. */
export function paramLines(params: { name: string; value?: unknown; default?: unknown }[] | undefined, key: "value" | "default" = "value"): string[] {
  return (params ?? []).map((p) => (p[key] === undefined ? p.name : `${p.name}=${valueText(p[key])}`));
}

/** The colour of a run's status: done green, failed red, going sky, cancelled grey. */
export function runTone(status: string): "green" | "red" | "sky" | "slate" {
  if (status === "Succeeded") return "green";
  if (status === "Failed" || status === "TimedOut") return "red";
  if (status === "Running" || status === "Pending" || status === "Cancelling") return "sky";
  return "slate";
}

/** Who started a run, when the console did. */
export const runStartedBy = (r: KubeObject) => r.metadata.annotations?.[STARTED_BY_ANNOTATION];

/** A pipeline's task in order with what it waits for (by order or by results); finally tasks wait for all. */
export interface TaskWaits {
  name: string;
  finally: boolean;
  after: { from: string; kind: PipelineEdge["kind"] }[];
}

export function pipelineTaskWaits(spec: PipelineSpec | undefined): TaskWaits[] {
  const g = pipelineGraph(spec);
  const waits = (name: string) => g.edges.filter((e) => e.to === name).map((e) => ({ from: e.from, kind: e.kind }));
  return [...g.tasks.map((name) => ({ name, finally: false, after: waits(name) })), ...g.finally.map((name) => ({ name, finally: true, after: waits(name) }))];
}

/** The pipeline a run references (none when it embeds its pipelineSpec). */
export const runPipelineName = (r: PipelineRunObject) => r.spec?.pipelineRef?.name;

/** How a pipeline's recent runs went: its newest run, and over the finished ones among the last `window`, the share that succeeded and the mean duration. */
export interface PipelineRunStats {
  last: PipelineRunObject;
  finished: number;
  succeeded: number;
  /** Rounded mean seconds of the finished runs; undefined when none finished. */
  meanSeconds?: number;
}

const FINISHED = new Set<RunStatus>(["Succeeded", "Failed", "Cancelled", "TimedOut"]);

/** Stats by `key(run)` (e.g. cluster/namespace/pipeline), newest runs first, at most `window` runs a pipeline. */
export function pipelineRunStats<R>(rows: R[], run: (r: R) => PipelineRunObject, key: (r: R) => string | undefined, window = 20): Map<string, PipelineRunStats> {
  const newest = [...rows].sort((a, b) => (run(b).metadata.creationTimestamp ?? "").localeCompare(run(a).metadata.creationTimestamp ?? ""));
  const out = new Map<string, PipelineRunStats & { seen: number; seconds: number }>();
  for (const row of newest) {
    const k = key(row);
    if (!k) continue;
    const r = run(row);
    let s = out.get(k);
    if (!s) out.set(k, (s = { last: r, finished: 0, succeeded: 0, seen: 0, seconds: 0 }));
    if (s.seen >= window) continue;
    s.seen += 1;
    const status = runStatus(r);
    if (!FINISHED.has(status)) continue;
    s.finished += 1;
    if (status === "Succeeded") s.succeeded += 1;
    s.seconds += runSeconds(r) ?? 0;
  }
  return new Map([...out].map(([k, s]) => [k, { last: s.last, finished: s.finished, succeeded: s.succeeded, meanSeconds: s.finished ? Math.round(s.seconds / s.finished) : undefined }]));
}

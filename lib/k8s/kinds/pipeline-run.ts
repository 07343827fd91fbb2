import { type Param, type ParamSpec, type PipelineObject, type PipelineRunObject, STARTED_BY_ANNOTATION, TEKTON_GROUP, runStatus } from "./pipeline";

// Starting, rerunning and stopping PipelineRuns: the object the console
// creates and the patches it sends. Pure, shared by the server route and the
// browser's form.

/** Annotation on a run the console started again from another: which one. */
export const RERUN_OF_ANNOTATION = "pilothouse.dev/rerun-of";

/** What a form sends for one param: text, a list of texts, or keys with texts. */
export type ParamValue = string | string[] | Record<string, string>;

export interface RunParamsResult {
  params: Param[];
  /** By param name: what is wrong with the value given (or missing). */
  errors: Record<string, string>;
}

const typeOf = (s: ParamSpec) => s.type ?? "string";

function matches(spec: ParamSpec, v: unknown): boolean {
  const t = typeOf(spec);
  if (t === "array") return Array.isArray(v) && v.every((x) => typeof x === "string");
  if (t === "object") return !!v && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");
  return typeof v === "string";
}

const kindWord = { string: "a text", array: "a list of texts", object: "keys with text values" } as const;

/**
 * A new run's params: every param the pipeline declares, from `given` or
 * its default, checked as Tekton would check them (missing without a default,
 * wrong type, not declared) so the run is not created only to fail.
 */
export function runParams(specs: ParamSpec[] | undefined, given: Record<string, unknown>): RunParamsResult {
  const errors: Record<string, string> = {};
  const params: Param[] = [];
  const declared = new Map((specs ?? []).map((s) => [s.name, s]));
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) errors[name] = `The pipeline has no param "${name}".`;
  }
  for (const s of specs ?? []) {
    const has = Object.hasOwn(given, s.name) && given[s.name] !== undefined;
    const value = has ? given[s.name] : s.default;
    if (value === undefined) {
      errors[s.name] = `Enter a value: "${s.name}" has no default.`;
      continue;
    }
    if (!matches(s, value)) {
      errors[s.name] = `"${s.name}" takes ${kindWord[typeOf(s)]}.`;
      continue;
    }
    // Object params: only the keys the pipeline declares are checked by Tekton; all are passed on.
    params.push({ name: s.name, value });
  }
  return { params, errors };
}

/** A run's params as the form's values, by name. */
export function paramValues(params: Param[] | undefined): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of params ?? []) out[p.name] = p.value as ParamValue;
  return out;
}

/** generateName for a pipeline's runs: its name and a dash, short enough for Tekton's label values (63) with the 5 random letters. */
export function runNamePrefix(pipeline: string): string {
  return `${pipeline.slice(0, 57).replace(/-+$/, "")}-`;
}

const OWN_ANNOTATIONS = new Set([STARTED_BY_ANNOTATION, RERUN_OF_ANNOTATION, "kubectl.kubernetes.io/last-applied-configuration"]);

function without<T>(rec: Record<string, T> | undefined, drop: (k: string) => boolean): Record<string, T> | undefined {
  if (!rec) return undefined;
  const out = Object.fromEntries(Object.entries(rec).filter(([k]) => !drop(k)));
  return Object.keys(out).length ? out : undefined;
}

/**
 * A new PipelineRun of `pipeline`: its declared workspaces bound to emptyDir
 * (the console cannot know better; a rerun keeps the original's bindings).
 */
export function newPipelineRun(pipeline: PipelineObject, params: Param[], startedBy: string): PipelineRunObject {
  const name = pipeline.metadata.name ?? "";
  const workspaces = (pipeline.spec?.workspaces ?? []).filter((w) => !w.optional).map((w) => ({ name: w.name, emptyDir: {} }));
  return {
    apiVersion: `${TEKTON_GROUP}/v1`,
    kind: "PipelineRun",
    metadata: { generateName: runNamePrefix(name), namespace: pipeline.metadata.namespace, annotations: { [STARTED_BY_ANNOTATION]: startedBy } },
    spec: { pipelineRef: { name }, params, ...(workspaces.length ? { workspaces } : {}) },
  };
}

/**
 * A run started again from `base`: the same pipeline (by reference or
 * embedded), workspaces, timeouts and templates; new params; none of its
 * status or Tekton's labels.
 */
export function rerunOf(base: PipelineRunObject, params: Param[], startedBy: string): PipelineRunObject {
  const spec = { ...base.spec };
  delete spec.status;
  delete spec.params;
  const baseName = base.metadata.name ?? "";
  const pipeline = base.spec?.pipelineRef?.name ?? base.metadata.labels?.["tekton.dev/pipeline"] ?? baseName.replace(/-[a-z0-9]{5}$/, "");
  return {
    apiVersion: `${TEKTON_GROUP}/v1`,
    kind: "PipelineRun",
    metadata: {
      generateName: runNamePrefix(pipeline),
      namespace: base.metadata.namespace,
      labels: without(base.metadata.labels, (k) => k.startsWith("tekton.dev/")),
      annotations: { ...without(base.metadata.annotations, (k) => OWN_ANNOTATIONS.has(k)), [STARTED_BY_ANNOTATION]: startedBy, [RERUN_OF_ANNOTATION]: baseName },
    },
    spec: { ...spec, params },
  };
}

/** The param specs a rerun is checked against: the pipeline the run resolved (status), else its embedded spec. */
export const runParamSpecs = (r: PipelineRunObject): ParamSpec[] | undefined => r.status?.pipelineSpec?.params ?? r.spec?.pipelineSpec?.params;

/**
 * How a running run is ended (Tekton's spec.status): cancel now (finally
 * tasks skipped), cancel and run the finally tasks, or stop scheduling new
 * tasks, let running ones finish, then run finally.
 */
export const RUN_STOPS = ["Cancelled", "CancelledRunFinally", "StoppedRunFinally"] as const;
export type RunStop = (typeof RUN_STOPS)[number];

export const stopPatch = (how: RunStop) => ({ spec: { status: how } });

/** Whether a run can still be cancelled or stopped: it has not finished and nobody asked yet. */
export function canStop(r: PipelineRunObject): boolean {
  const s = runStatus(r);
  return (s === "Running" || s === "Pending") && !r.spec?.status?.startsWith("Cancelled") && r.spec?.status !== "StoppedRunFinally";
}

/** A project's setting (an annotation on its namespaces): how many runs of each pipeline the console keeps. */
export const RETENTION_ANNOTATION = "pilothouse.dev/pipeline-run-retention";
export const DEFAULT_RETENTION = 50;
export const MAX_RETENTION = 1000;
/**
 * On a run whose step logs a console kept: the name of what holds them. One key per console installation (its
 * namespace in the host cluster): several installations may share a member cluster, and each keeps its own copy.
 */
export function logsKeptAnnotation(consoleNamespace: string): string {
  return `kept.pilothouse.dev/${consoleNamespace}`;
}

/** The retention a namespace asks for: its annotation when it is a whole number in 1…MAX_RETENTION, else the default. */
export function retentionOf(annotations: Record<string, string> | undefined): number {
  const v = annotations?.[RETENTION_ANNOTATION];
  const n = v && /^\d+$/.test(v) ? Number(v) : NaN;
  return n >= 1 && n <= MAX_RETENTION ? n : DEFAULT_RETENTION;
}

/** The finished runs to delete: beyond the newest `keep` of each pipeline (running ones count, but stay). */
export function runsBeyond(runs: PipelineRunObject[], keep: number): PipelineRunObject[] {
  const byPipeline = new Map<string, PipelineRunObject[]>();
  for (const r of runs) {
    const p = r.metadata.labels?.["tekton.dev/pipeline"] ?? r.spec?.pipelineRef?.name;
    if (!p) continue;
    byPipeline.set(p, [...(byPipeline.get(p) ?? []), r]);
  }
  const out: PipelineRunObject[] = [];
  for (const list of byPipeline.values()) {
    list.sort((a, b) => (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "") || (b.metadata.name ?? "").localeCompare(a.metadata.name ?? ""));
    for (const r of list.slice(keep)) if (isFinished(r)) out.push(r);
  }
  return out;
}

export function isFinished(r: PipelineRunObject): boolean {
  const s = runStatus(r);
  return s === "Succeeded" || s === "Failed" || s === "Cancelled" || s === "TimedOut";
}

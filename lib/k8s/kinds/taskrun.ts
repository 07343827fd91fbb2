import type { KubeObject } from "../types";
import { type Condition, collectionPath, withQuery } from "./common";
import { type Param, TEKTON_GROUP } from "./pipeline";

// Tekton TaskRuns (tekton.dev/v1): the runs of a pipeline's tasks and their
// steps as Tekton reports them. Pure.

/** Labels Tekton puts on the TaskRuns of a PipelineRun. */
export const PIPELINE_RUN_LABEL = "tekton.dev/pipelineRun";
export const PIPELINE_TASK_LABEL = "tekton.dev/pipelineTask";

export interface StepState {
  name: string;
  container?: string;
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: { exitCode?: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string };
}

export interface TaskRunObject extends KubeObject {
  spec?: {
    params?: Param[];
    taskRef?: { name?: string; kind?: string };
    taskSpec?: { steps?: { name?: string }[] };
    status?: "TaskRunCancelled";
    timeout?: string;
  };
  status?: {
    conditions?: Condition[];
    startTime?: string;
    completionTime?: string;
    podName?: string;
    steps?: StepState[];
    results?: { name: string; type?: string; value: unknown }[];
    taskSpec?: { steps?: { name?: string }[] };
  };
}

/** The TaskRuns of one PipelineRun, by the label Tekton puts on them. */
export const pipelineRunTaskRunsPath = (ns: string, run: string) => withQuery(collectionPath(TEKTON_GROUP, "v1", "taskruns", ns), { labelSelector: `${PIPELINE_RUN_LABEL}=${run}` });

export const taskRunPipelineRun = (t: TaskRunObject) => t.metadata.labels?.[PIPELINE_RUN_LABEL];
export const taskRunPipelineTask = (t: TaskRunObject) => t.metadata.labels?.[PIPELINE_TASK_LABEL];

/** The task it runs: a referenced Task's name, else the pipeline task it was made for (embedded taskSpec). */
export const taskRunTask = (t: TaskRunObject) => t.spec?.taskRef?.name ?? taskRunPipelineTask(t);

/** How many steps: as reported, else as its spec names them. */
export const taskRunStepCount = (t: TaskRunObject) => t.status?.steps?.length || (t.status?.taskSpec?.steps ?? t.spec?.taskSpec?.steps ?? []).length;

export type StepStatus = "Succeeded" | "Failed" | "Running" | "Waiting";

export interface StepRow {
  name: string;
  status: StepStatus;
  /** The terminated or waiting reason (Completed, Error, PodInitializing…). */
  reason?: string;
  exitCode?: number;
  /** Seconds it ran (to now while running). */
  seconds?: number;
}

const secondsBetween = (from: string | undefined, to: number) => {
  const start = from ? Date.parse(from) : NaN;
  return Number.isFinite(start) ? Math.max(0, Math.round((to - start) / 1000)) : undefined;
};

/** A TaskRun's steps in order: how each ended (by exit code), or that it runs or waits. */
export function taskRunSteps(t: TaskRunObject, now = Date.now()): StepRow[] {
  return (t.status?.steps ?? []).map((s) => {
    if (s.terminated) {
      const end = s.terminated.finishedAt ? Date.parse(s.terminated.finishedAt) : NaN;
      return {
        name: s.name,
        status: s.terminated.exitCode === 0 ? "Succeeded" : "Failed",
        reason: s.terminated.reason,
        exitCode: s.terminated.exitCode,
        seconds: Number.isFinite(end) ? secondsBetween(s.terminated.startedAt, end) : undefined,
      };
    }
    if (s.running) return { name: s.name, status: "Running", seconds: secondsBetween(s.running.startedAt, now) };
    return { name: s.name, status: "Waiting", reason: s.waiting?.reason };
  });
}

export interface StepLog {
  name: string;
  /** The step's container in the TaskRun's pod. */
  container: string;
  status: StepStatus;
  /** Read as it is written while the step runs; once it ended the log is whole. */
  follow: boolean;
}

/** The logs of a TaskRun's steps, and the step to show first: the running one, else the first that failed, else the first. */
export function taskRunStepLogs(t: TaskRunObject): { pod?: string; steps: StepLog[]; first?: string } {
  const rows = taskRunSteps(t);
  const containers = new Map((t.status?.steps ?? []).map((s) => [s.name, s.container ?? `step-${s.name}`]));
  const steps = rows.map((r) => ({ name: r.name, container: containers.get(r.name) ?? `step-${r.name}`, status: r.status, follow: r.status === "Running" || r.status === "Waiting" }));
  const first = (steps.find((s) => s.status === "Running") ?? steps.find((s) => s.status === "Failed") ?? steps[0])?.name;
  return { pod: t.status?.podName, steps, first };
}

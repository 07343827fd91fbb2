import { formatDuration } from "./duration";
import type { KubeObject } from "../types";
import { type Condition, type LabelSelector, type PodTemplateSpec, findCondition, templateImages } from "./common";

export interface JobObject extends KubeObject {
  spec?: {
    completions?: number | null;
    parallelism?: number;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    suspend?: boolean;
    completionMode?: "NonIndexed" | "Indexed";
    selector?: LabelSelector;
    template?: PodTemplateSpec;
  };
  status?: {
    active?: number;
    ready?: number;
    succeeded?: number;
    failed?: number;
    terminating?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: Condition[];
  };
}

/** Label the Job controller puts on its pods. */
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

export const jobImages = (j: JobObject) => templateImages(j.spec?.template);
export const jobSucceeded = (j: JobObject) => j.status?.succeeded ?? 0;

/** Completions as kubectl shows them: "1/1", or "2/1 of 3" style for unbounded jobs ("2" when no target). */
export function jobCompletions(j: JobObject): string {
  const target = j.spec?.completions;
  // Work-queue jobs (completions unset) finish when one pod succeeds: kubectl shows "n/1 of parallelism".
  if (target === undefined || target === null) {
    const p = j.spec?.parallelism ?? 1;
    return p > 1 ? `${jobSucceeded(j)}/1 of ${p}` : `${jobSucceeded(j)}/1`;
  }
  return `${jobSucceeded(j)}/${target}`;
}

export type JobStatus = "Complete" | "Failed" | "Suspended" | "Running" | "Pending";

export function jobStatus(j: JobObject): JobStatus {
  const c = j.status?.conditions;
  if (findCondition(c, "Complete")?.status === "True") return "Complete";
  if (findCondition(c, "Failed")?.status === "True") return "Failed";
  if (j.spec?.suspend || findCondition(c, "Suspended")?.status === "True") return "Suspended";
  if ((j.status?.active ?? 0) > 0) return "Running";
  return "Pending";
}

/** Why a job failed, from its Failed condition. */
export function jobFailure(j: JobObject): string | undefined {
  const f = findCondition(j.status?.conditions, "Failed");
  return f?.status === "True" ? (f.message ?? f.reason) : undefined;
}

/** How long it ran (until now while running); undefined before it started. */
export function jobDurationSeconds(j: JobObject, now = Date.now()): number | undefined {
  const start = j.status?.startTime ? Date.parse(j.status.startTime) : NaN;
  if (!Number.isFinite(start)) return undefined;
  const end = j.status?.completionTime ? Date.parse(j.status.completionTime) : now;
  return Math.max(0, Math.round((end - start) / 1000));
}

export const jobDuration = (j: JobObject, now = Date.now()) => formatDuration(jobDurationSeconds(j, now));

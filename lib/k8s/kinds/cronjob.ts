import type { KubeObject, ObjectMeta } from "../types";
import { ownedBy, templateImages } from "./common";
import type { JobObject } from "./job";

export interface CronJobObject extends KubeObject {
  spec?: {
    schedule?: string;
    timeZone?: string;
    suspend?: boolean;
    concurrencyPolicy?: "Allow" | "Forbid" | "Replace";
    startingDeadlineSeconds?: number;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate?: { metadata?: ObjectMeta; spec?: JobObject["spec"] };
  };
  status?: {
    active?: { name?: string; namespace?: string; uid?: string; kind?: string }[];
    lastScheduleTime?: string;
    lastSuccessfulTime?: string;
  };
}

export const cronJobSchedule = (c: CronJobObject) => c.spec?.schedule ?? "";
/** The schedule with its time zone when one is set, e.g. "0 3 * * * (Asia/Shanghai)". */
export const cronJobScheduleText = (c: CronJobObject) => (c.spec?.timeZone ? `${cronJobSchedule(c)} (${c.spec.timeZone})` : cronJobSchedule(c));
export const cronJobSuspended = (c: CronJobObject) => c.spec?.suspend === true;
export const cronJobActive = (c: CronJobObject) => c.status?.active?.length ?? 0;
export const cronJobLastSchedule = (c: CronJobObject) => c.status?.lastScheduleTime;
export const cronJobLastSuccess = (c: CronJobObject) => c.status?.lastSuccessfulTime;
export const cronJobImages = (c: CronJobObject) => templateImages(c.spec?.jobTemplate?.spec?.template);

/** The merge patch that suspends or resumes a cronjob. */
export const suspendPatch = (suspend: boolean) => ({ spec: { suspend } });

/** Jobs the cronjob created, newest first. */
export function cronJobJobs(c: CronJobObject, jobs: JobObject[]): JobObject[] {
  return ownedBy(jobs, c).sort((a, b) => (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? ""));
}

/**
 * A Job made from the cronjob's template now, like `kubectl create job --from=cronjob/<name>`.
 * The name gets a minute-resolution suffix, as the controller's names do.
 */
export function jobFromCronJob(c: CronJobObject, now: Date = new Date()): JobObject {
  const t = c.spec?.jobTemplate ?? {};
  const suffix = Math.floor(now.getTime() / 60000).toString();
  const base = (c.metadata.name ?? "job").slice(0, 52 - suffix.length);
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: `${base}-manual-${suffix}`.slice(0, 63),
      namespace: c.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}) },
      annotations: { ...(t.metadata?.annotations ?? {}), "cronjob.kubernetes.io/instantiate": "manual" },
      ownerReferences: c.metadata.uid
        ? [{ apiVersion: "batch/v1", kind: "CronJob", name: c.metadata.name ?? "", uid: c.metadata.uid, controller: true, blockOwnerDeletion: true }]
        : undefined,
    },
    spec: structuredClone(t.spec ?? {}),
  };
}

import { describe, expect, it } from "vitest";
import { type CronJobObject, cronJobJobs, cronJobScheduleText, jobFromCronJob, suspendPatch } from "./cronjob";
import type { JobObject } from "./job";

describe("cronjob", () => {
  const cj: CronJobObject = {
    metadata: { name: "nightly", namespace: "shop", uid: "c1" },
    spec: {
      schedule: "0 3 * * *",
      timeZone: "Asia/Shanghai",
      jobTemplate: { metadata: { labels: { app: "nightly" } }, spec: { template: { spec: { containers: [{ name: "run", image: "busybox" }], restartPolicy: "Never" } } } },
    },
  };
  it("shows its schedule and suspends", () => {
    expect(cronJobScheduleText(cj)).toBe("0 3 * * * (Asia/Shanghai)");
    expect(cronJobScheduleText({ metadata: {}, spec: { schedule: "*/5 * * * *" } })).toBe("*/5 * * * *");
    expect(suspendPatch(true)).toEqual({ spec: { suspend: true } });
  });
  it("lists its jobs, newest first", () => {
    const j = (name: string, ts: string, uid = "c1"): JobObject => ({
      metadata: { name, creationTimestamp: ts, ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: "nightly", uid }] },
    });
    expect(cronJobJobs(cj, [j("a", "2025-01-01T03:00:00Z"), j("b", "2025-01-02T03:00:00Z"), j("x", "2025-01-03T03:00:00Z", "c2")]).map((x) => x.metadata.name)).toEqual(["b", "a"]);
  });
  it("makes a job from its template", () => {
    const job = jobFromCronJob(cj, new Date("2025-01-01T00:00:00Z"));
    expect(job.metadata.name).toBe(`nightly-manual-${Math.floor(Date.parse("2025-01-01T00:00:00Z") / 60000)}`);
    expect(job.metadata.annotations?.["cronjob.kubernetes.io/instantiate"]).toBe("manual");
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: "CronJob", uid: "c1", controller: true });
    expect(job.spec?.template?.spec?.containers[0].image).toBe("busybox");
    expect(job.metadata.name!.length).toBeLessThanOrEqual(63);
  });
});

import { WorkloadLogsTab } from "@/components/logs/workload-logs-tab";
import { OwnedPods } from "@/components/workloads/related";
import { useNow } from "@/lib/client/use-now";
import { type JobObject, jobCompletions, jobDuration, jobDurationSeconds, jobFailure, jobImages, jobStatus } from "@/lib/k8s/kinds/job";
import { imagesColumn, lines, statusColumn } from "./columns";
import { defineKind } from "./kind";

export const jobs = defineKind<JobObject>({
  slug: "jobs",
  kind: "Job",
  group: "batch",
  version: "v1",
  rowId: "job",
  initialSort: { id: "age", desc: false },
  columns: [
    statusColumn(jobStatus, { title: jobFailure }),
    { id: "completions", label: "completions", width: "8rem", cell: (j) => <span data-testid="job-completions">{jobCompletions(j)}</span>, sortValue: (j) => j.status?.succeeded ?? 0 },
    { id: "duration", label: "duration", width: "7rem", cell: (j) => <JobDuration job={j} />, sortValue: (j) => jobDurationSeconds(j) ?? -1 },
    imagesColumn(jobImages),
  ],
  status: jobStatus,
  problem: jobFailure,
  conditions: (j) => j.status?.conditions,
  summary: [
    { label: "completions", value: (j) => <span data-testid="job-completions">{jobCompletions(j)}</span> },
    { label: "parallelism", value: (j) => j.spec?.parallelism ?? 1 },
    { label: "activePods", value: (j) => j.status?.active ?? 0 },
    { label: "failedPods", value: (j) => j.status?.failed ?? 0 },
    { label: "duration", value: (j) => <JobDuration job={j} /> },
    { label: "backoffLimit", value: (j) => j.spec?.backoffLimit ?? 6 },
    { label: "images", value: (j) => lines(jobImages(j)) },
  ],
  brief: (j) => `${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`,
  related: OwnedPods,
  tabs: [{ key: "logs", render: WorkloadLogsTab, requires: { verb: "get", resource: "core/pods/log" } }],
  starter: (ns) => ({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "example", namespace: ns },
    spec: { backoffLimit: 2, template: { spec: { restartPolicy: "Never", containers: [{ name: "example", image: "busybox:1.36", command: ["echo", "hello"] }] } } },
  }),
});

/** A running job's duration counts up to now: the same now on server and client. */
function JobDuration({ job }: { job: JobObject }) {
  return <>{jobDuration(job, useNow())}</>;
}

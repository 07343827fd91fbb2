import { CronJobActions } from "@/components/workloads/actions";
import { Ago, StatusBadge } from "@/components/workloads/columns";
import { CronJobRelated } from "@/components/workloads/related";
import { Age } from "@/components/ui/age";
import { ageOrder } from "@/lib/format";
import { type CronJobObject, cronJobActive, cronJobImages, cronJobLastSchedule, cronJobLastSuccess, cronJobScheduleText, cronJobSuspended } from "@/lib/k8s/kinds/cronjob";
import { imagesColumn, lines, mono, valueColumn } from "./columns";
import { defineKind } from "./kind";

const suspendBadge = (c: CronJobObject) => (cronJobSuspended(c) ? <StatusBadge status="Suspended" tone="amber" /> : <StatusBadge status="Scheduled" tone="green" />);

export const cronjobs = defineKind<CronJobObject>({
  slug: "cronjobs",
  kind: "CronJob",
  group: "batch",
  version: "v1",
  rowId: "cronjob",
  columns: [
    { id: "schedule", label: "schedule", width: "minmax(9rem,1fr)", cell: (c) => <span className="font-mono text-xs">{cronJobScheduleText(c)}</span>, sortValue: cronJobScheduleText },
    { id: "suspend", label: "suspend", width: "8rem", cell: suspendBadge, sortValue: (c) => (cronJobSuspended(c) ? 1 : 0) },
    valueColumn("active", "active", "6rem", cronJobActive),
    { id: "lastSchedule", label: "lastSchedule", width: "8rem", cell: (c) => <Age ts={cronJobLastSchedule(c)} />, sortValue: (c) => ageOrder(cronJobLastSchedule(c)) },
    imagesColumn(cronJobImages),
  ],
  status: (c) => (cronJobSuspended(c) ? "Suspended" : "Active"),
  summary: [
    { label: "schedule", value: (c) => mono(cronJobScheduleText(c)) },
    { label: "suspend", value: suspendBadge },
    { label: "concurrency", value: (c) => c.spec?.concurrencyPolicy ?? "Allow" },
    { label: "activeJobs", value: cronJobActive },
    { label: "lastSchedule", value: (c) => <Ago time={cronJobLastSchedule(c)} /> },
    { label: "lastSuccess", value: (c) => <Ago time={cronJobLastSuccess(c)} /> },
    { label: "images", value: (c) => lines(cronJobImages(c)) },
  ],
  brief: (c) => c.spec?.schedule ?? "",
  related: CronJobRelated,
  actions: CronJobActions,
  starter: (ns) => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "example", namespace: ns },
    spec: {
      schedule: "0 3 * * *",
      jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "example", image: "busybox:1.36", command: ["echo", "hello"] }] } } } },
    },
  }),
});

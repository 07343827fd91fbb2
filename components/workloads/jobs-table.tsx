"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { type JobObject, jobCompletions, jobDuration, jobDurationSeconds, jobFailure, jobImages, jobStatus, jobsPath } from "@/lib/k8s/kinds/job";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { StatusBadge, imagesColumn, linkNameColumn, toneOf } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function JobsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<JobObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.jobs);
  const columns = useMemo<Column<JobObject>[]>(
    () => [
      linkNameColumn(t("name"), (j) => detailHref(cluster, ns, "jobs", j.metadata.name ?? ""), (j) => `job-row-${j.metadata.name}`),
      { id: "status", header: t("status"), width: "8rem", cell: (j) => <StatusBadge status={jobStatus(j)} tone={toneOf(jobStatus(j))} title={jobFailure(j)} />, sortValue: jobStatus },
      { id: "completions", header: t("completions"), width: "8rem", cell: (j) => <span data-testid="job-completions">{jobCompletions(j)}</span>, sortValue: (j) => j.status?.succeeded ?? 0 },
      { id: "duration", header: t("duration"), width: "7rem", cell: (j) => jobDuration(j), sortValue: (j) => jobDurationSeconds(j) ?? -1 },
      imagesColumn(t("images"), jobImages),
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.jobs, can, "9rem"),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(j) => j.metadata.uid ?? j.metadata.name ?? ""}
      label={tk("jobs")}
      initialSort={{ id: "age", desc: false }}
      empty={tt("empty.jobs")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function JobsTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<JobObject>(cluster, jobsPath(ns));
  return <JobsTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

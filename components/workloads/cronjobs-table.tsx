"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { Badge } from "@/components/ui/status-badge";
import { useLiveList } from "@/lib/client/use-live-list";
import { ageSeconds, formatAge } from "@/lib/format";
import {
  type CronJobObject,
  cronJobActive,
  cronJobImages,
  cronJobLastSchedule,
  cronJobScheduleText,
  cronJobSuspended,
  cronJobsPath,
} from "@/lib/k8s/kinds/cronjob";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { imagesColumn, linkNameColumn } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function CronJobsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<CronJobObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const ts = useTranslations("workloads.status");
  const can = useKindCan(cluster, ns, KINDS.cronjobs);
  const columns = useMemo<Column<CronJobObject>[]>(
    () => [
      linkNameColumn(t("name"), (c) => detailHref(cluster, ns, "cronjobs", c.metadata.name ?? ""), (c) => `cronjob-row-${c.metadata.name}`),
      { id: "schedule", header: t("schedule"), width: "minmax(9rem,1fr)", cell: (c) => <span className="font-mono text-xs">{cronJobScheduleText(c)}</span>, sortValue: cronJobScheduleText },
      {
        id: "suspend",
        header: t("suspend"),
        width: "8rem",
        cell: (c) => (cronJobSuspended(c) ? <Badge tone="amber">{ts("Suspended")}</Badge> : <Badge tone="green">{ts("Scheduled")}</Badge>),
        sortValue: (c) => (cronJobSuspended(c) ? 1 : 0),
      },
      { id: "active", header: t("active"), width: "6rem", cell: cronJobActive, sortValue: cronJobActive },
      { id: "lastSchedule", header: t("lastSchedule"), width: "8rem", cell: (c) => formatAge(cronJobLastSchedule(c)), sortValue: (c) => ageSeconds(cronJobLastSchedule(c)) },
      imagesColumn(t("images"), cronJobImages),
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.cronjobs, can, "9rem"),
    ],
    [t, ts, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(c) => c.metadata.uid ?? c.metadata.name ?? ""}
      label={tk("cronjobs")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.cronjobs")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function CronJobsTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<CronJobObject>(cluster, cronJobsPath(ns));
  return <CronJobsTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import {
  type DaemonSetObject,
  daemonSetDesired,
  daemonSetImages,
  daemonSetNodeSelector,
  daemonSetReady,
  daemonSetReadyText,
  daemonSetStatus,
  daemonSetsPath,
} from "@/lib/k8s/kinds/daemonset";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { StatusBadge, imagesColumn, linkNameColumn, toneOf } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function DaemonSetsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<DaemonSetObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.daemonsets);
  const columns = useMemo<Column<DaemonSetObject>[]>(
    () => [
      linkNameColumn(t("name"), (d) => detailHref(cluster, ns, "daemonsets", d.metadata.name ?? ""), (d) => `daemonset-row-${d.metadata.name}`),
      { id: "desired", header: t("desired"), width: "6rem", cell: daemonSetDesired, sortValue: daemonSetDesired },
      { id: "ready", header: t("ready"), width: "6rem", cell: (d) => <span data-testid="ready-replicas">{daemonSetReadyText(d)}</span>, sortValue: daemonSetReady },
      { id: "upToDate", header: t("upToDate"), width: "6rem", cell: (d) => d.status?.updatedNumberScheduled ?? 0, sortValue: (d) => d.status?.updatedNumberScheduled ?? 0 },
      { id: "status", header: t("status"), width: "8rem", cell: (d) => <StatusBadge status={daemonSetStatus(d)} tone={toneOf(daemonSetStatus(d))} />, sortValue: daemonSetStatus },
      { id: "nodeSelector", header: t("nodeSelector"), width: "minmax(8rem,1fr)", cell: (d) => daemonSetNodeSelector(d) || "—", sortValue: daemonSetNodeSelector },
      imagesColumn(t("images"), daemonSetImages),
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.daemonsets, can, "9rem"),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(d) => d.metadata.uid ?? d.metadata.name ?? ""}
      label={tk("daemonsets")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.daemonsets")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function DaemonSetsTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<DaemonSetObject>(cluster, daemonSetsPath(ns));
  return <DaemonSetsTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import {
  type StatefulSetObject,
  statefulSetImages,
  statefulSetReady,
  statefulSetReadyText,
  statefulSetStatus,
  statefulSetsPath,
} from "@/lib/k8s/kinds/statefulset";
import { StatusBadge, imagesColumn, linkNameColumn, toneOf } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function StatefulSetsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<StatefulSetObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.statefulsets);
  const columns = useMemo<Column<StatefulSetObject>[]>(
    () => [
      linkNameColumn(t("name"), (s) => detailHref(cluster, ns, "statefulsets", s.metadata.name ?? ""), (s) => `statefulset-row-${s.metadata.name}`),
      { id: "ready", header: t("ready"), width: "6rem", cell: (s) => <span data-testid="ready-replicas">{statefulSetReadyText(s)}</span>, sortValue: statefulSetReady },
      { id: "status", header: t("status"), width: "8rem", cell: (s) => <StatusBadge status={statefulSetStatus(s)} tone={toneOf(statefulSetStatus(s))} />, sortValue: statefulSetStatus },
      { id: "service", header: t("serviceName"), width: "10rem", cell: (s) => s.spec?.serviceName || "—", sortValue: (s) => s.spec?.serviceName ?? "" },
      imagesColumn(t("images"), statefulSetImages),
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.statefulsets, can),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(s) => s.metadata.uid ?? s.metadata.name ?? ""}
      label={tk("statefulsets")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.statefulsets")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function StatefulSetsTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<StatefulSetObject>(cluster, statefulSetsPath(ns));
  return <StatefulSetsTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

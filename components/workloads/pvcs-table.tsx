"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { type PvcObject, pvcAccessModes, pvcCapacity, pvcCapacityBytes, pvcRequested, pvcStatus, pvcStorageClass, pvcVolume, pvcsPath } from "@/lib/k8s/kinds/pvc";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { StatusBadge, linkNameColumn, toneOf } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function PvcsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<PvcObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.persistentvolumeclaims);
  const columns = useMemo<Column<PvcObject>[]>(
    () => [
      linkNameColumn(t("name"), (p) => detailHref(cluster, ns, "persistentvolumeclaims", p.metadata.name ?? ""), (p) => `pvc-row-${p.metadata.name}`),
      { id: "status", header: t("status"), width: "8rem", cell: (p) => <StatusBadge status={pvcStatus(p)} tone={toneOf(pvcStatus(p))} />, sortValue: pvcStatus },
      { id: "volume", header: t("volume"), width: "minmax(10rem,1.5fr)", cell: (p) => <span className="font-mono text-xs">{pvcVolume(p) || "—"}</span>, sortValue: pvcVolume },
      { id: "capacity", header: t("capacity"), width: "7rem", cell: (p) => pvcCapacity(p) || pvcRequested(p) || "—", sortValue: pvcCapacityBytes },
      { id: "accessModes", header: t("accessModes"), width: "8rem", cell: (p) => pvcAccessModes(p) || "—", sortValue: pvcAccessModes },
      { id: "storageClass", header: t("storageClass"), width: "9rem", cell: (p) => pvcStorageClass(p) || "—", sortValue: pvcStorageClass },
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.persistentvolumeclaims, can, "9rem"),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(p) => p.metadata.uid ?? p.metadata.name ?? ""}
      label={tk("persistentvolumeclaims")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.persistentvolumeclaims")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function PvcsTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<PvcObject>(cluster, pvcsPath(ns));
  return <PvcsTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

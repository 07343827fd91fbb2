"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { type ConfigMapObject, configMapKeys, configMapSize, configMapsPath } from "@/lib/k8s/kinds/configmap";
import { formatBytes } from "@/lib/k8s/quantity";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { linkNameColumn } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function ConfigMapsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<ConfigMapObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.configmaps);
  const columns = useMemo<Column<ConfigMapObject>[]>(
    () => [
      linkNameColumn(t("name"), (c) => detailHref(cluster, ns, "configmaps", c.metadata.name ?? ""), (c) => `configmap-row-${c.metadata.name}`),
      {
        id: "keys",
        header: t("keys"),
        width: "minmax(10rem,2fr)",
        cell: (c) => <span className="font-mono text-xs" title={configMapKeys(c).join("\n")}>{configMapKeys(c).join(", ") || "—"}</span>,
        sortValue: (c) => configMapKeys(c).length,
        filterValue: (c) => configMapKeys(c).join(" "),
      },
      { id: "size", header: t("size"), width: "7rem", cell: (c) => formatBytes(configMapSize(c)), sortValue: configMapSize },
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.configmaps, can, "9rem"),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(c) => c.metadata.uid ?? c.metadata.name ?? ""}
      label={tk("configmaps")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.configmaps")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function ConfigMapsTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<ConfigMapObject>(cluster, configMapsPath(ns));
  return <ConfigMapsTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { type ServiceObject, serviceClusterIP, serviceExternal, servicePorts, serviceSelector, serviceType, servicesPath } from "@/lib/k8s/kinds/service";
import { linkNameColumn } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function ServicesTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<ServiceObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.services);
  const columns = useMemo<Column<ServiceObject>[]>(
    () => [
      linkNameColumn(t("name"), (s) => detailHref(cluster, ns, "services", s.metadata.name ?? ""), (s) => `service-row-${s.metadata.name}`),
      { id: "type", header: t("type"), width: "8rem", cell: serviceType, sortValue: serviceType },
      { id: "clusterIP", header: t("clusterIP"), width: "9rem", cell: (s) => <span className="font-mono text-xs">{serviceClusterIP(s) || "—"}</span>, sortValue: serviceClusterIP },
      { id: "external", header: t("external"), width: "minmax(8rem,1fr)", cell: (s) => serviceExternal(s).join(", ") || "—", sortValue: (s) => serviceExternal(s).join(",") },
      { id: "ports", header: t("ports"), width: "minmax(8rem,1fr)", cell: (s) => <span className="font-mono text-xs">{servicePorts(s) || "—"}</span>, sortValue: servicePorts },
      { id: "selector", header: t("selector"), width: "minmax(8rem,1fr)", cell: (s) => <span className="font-mono text-xs">{serviceSelector(s) || "—"}</span>, filterValue: serviceSelector },
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.services, can, "9rem"),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(s) => s.metadata.uid ?? s.metadata.name ?? ""}
      label={tk("services")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.services")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function ServicesTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<ServiceObject>(cluster, servicesPath(ns));
  return <ServicesTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { Badge } from "@/components/ui/status-badge";
import { YamlButton } from "@/components/yaml/yaml-button";
import { useLiveList } from "@/lib/client/use-live-list";
import { ageSeconds, formatAge } from "@/lib/format";
import {
  type NamespaceObject,
  namespaceDisplayName,
  namespacePath,
  namespacePhase,
  namespaceTenant,
  namespacesPath,
} from "@/lib/k8s/kinds/namespace";
import { LiveIndicator } from "./live-indicator";

export function NamespacesTableView({ cluster, namespaces, toolbar }: { cluster: string; namespaces: NamespaceObject[]; toolbar?: React.ReactNode }) {
  const t = useTranslations("cluster.namespaces");
  const columns = useMemo<Column<NamespaceObject>[]>(
    () => [
      { id: "name", header: t("name"), width: "minmax(12rem,2fr)", cell: (n) => <span className="font-medium">{n.metadata.name}</span>, sortValue: (n) => n.metadata.name ?? "" },
      { id: "displayName", header: t("displayName"), width: "minmax(10rem,1.5fr)", cell: (n) => namespaceDisplayName(n) || "—", sortValue: (n) => namespaceDisplayName(n) },
      { id: "tenant", header: t("tenant"), width: "9rem", cell: (n) => namespaceTenant(n) || t("noTenant"), sortValue: (n) => namespaceTenant(n) },
      {
        id: "phase",
        header: t("phase"),
        width: "8rem",
        cell: (n) => <Badge tone={namespacePhase(n) === "Active" ? "green" : "amber"}>{namespacePhase(n)}</Badge>,
        sortValue: (n) => namespacePhase(n),
      },
      { id: "age", header: t("age"), width: "6rem", cell: (n) => formatAge(n.metadata.creationTimestamp), sortValue: (n) => ageSeconds(n.metadata.creationTimestamp) },
      {
        id: "actions",
        header: t("actions"),
        width: "5rem",
        cell: (n) => <YamlButton cluster={cluster} path={namespacePath(n.metadata.name!)} kind="Namespace" name={n.metadata.name!} />,
      },
    ],
    [t, cluster],
  );
  return (
    <DataTable
      rows={namespaces}
      columns={columns}
      rowKey={(n) => n.metadata.uid ?? n.metadata.name!}
      label={t("title")}
      initialSort={{ id: "name", desc: false }}
      empty={t("none")}
      toolbar={toolbar}
    />
  );
}

export function NamespacesTable({ cluster }: { cluster: string }) {
  const { items, state } = useLiveList<NamespaceObject>(cluster, namespacesPath);
  return <NamespacesTableView cluster={cluster} namespaces={items} toolbar={<LiveIndicator state={state} />} />;
}

"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn, nameColumn, yamlColumn } from "@/components/table/kube-columns";
import { Badge } from "@/components/ui/status-badge";
import { useLiveList } from "@/lib/client/use-live-list";
import {
  type NamespaceObject,
  namespaceDisplayName,
  namespacePath,
  namespacePhase,
  namespaceTenant,
  namespacesPath,
} from "@/lib/k8s/kinds/namespace";
import type { ListProgress } from "@/lib/client/list-paging";
import { LiveIndicator } from "./live-indicator";

export function NamespacesTableView({
  cluster,
  namespaces,
  toolbar,
  progress,
}: {
  cluster: string;
  namespaces: NamespaceObject[];
  toolbar?: React.ReactNode;
  progress?: ListProgress;
}) {
  const t = useTranslations("cluster.namespaces");
  const columns = useMemo<Column<NamespaceObject>[]>(
    () => [
      {
        ...nameColumn<NamespaceObject>(t("name")),
        cell: (n) => (
          <Link href={`/c/${cluster}/ns/${n.metadata.name}`} prefetch={false} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
            {n.metadata.name}
          </Link>
        ),
      },
      { id: "displayName", header: t("displayName"), width: "minmax(10rem,1.5fr)", cell: (n) => namespaceDisplayName(n) || "—", sortValue: (n) => namespaceDisplayName(n) },
      { id: "tenant", header: t("tenant"), width: "9rem", cell: (n) => namespaceTenant(n) || t("noTenant"), sortValue: (n) => namespaceTenant(n) },
      {
        id: "phase",
        header: t("phase"),
        width: "8rem",
        cell: (n) => <Badge tone={namespacePhase(n) === "Active" ? "green" : "amber"}>{namespacePhase(n)}</Badge>,
        sortValue: (n) => namespacePhase(n),
      },
      ageColumn(t("age")),
      yamlColumn(t("actions"), cluster, "Namespace", (n) => namespacePath(n.metadata.name!)),
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
      progress={progress}
    />
  );
}

export function NamespacesTable({ cluster }: { cluster: string }) {
  const { items, state, progress } = useLiveList<NamespaceObject>(cluster, namespacesPath);
  return <NamespacesTableView cluster={cluster} namespaces={items} progress={progress} toolbar={<LiveIndicator state={state} />} />;
}

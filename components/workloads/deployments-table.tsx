"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import {
  type DeploymentObject,
  deploymentAvailable,
  deploymentImages,
  deploymentProblem,
  deploymentReady,
  deploymentReadyText,
  deploymentStatus,
  deploymentUpdated,
  deploymentsPath,
} from "@/lib/k8s/kinds/deployment";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { StatusBadge, imagesColumn, linkNameColumn, toneOf } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function DeploymentsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<DeploymentObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.deployments);
  const columns = useMemo<Column<DeploymentObject>[]>(
    () => [
      linkNameColumn(t("name"), (d) => detailHref(cluster, ns, "deployments", d.metadata.name ?? ""), (d) => `deployment-row-${d.metadata.name}`),
      {
        id: "ready",
        header: t("ready"),
        width: "6rem",
        cell: (d) => <span data-testid="ready-replicas">{deploymentReadyText(d)}</span>,
        sortValue: (d) => deploymentReady(d),
      },
      { id: "upToDate", header: t("upToDate"), width: "6rem", cell: (d) => deploymentUpdated(d), sortValue: (d) => deploymentUpdated(d) },
      { id: "available", header: t("available"), width: "6rem", cell: (d) => deploymentAvailable(d), sortValue: (d) => deploymentAvailable(d) },
      {
        id: "status",
        header: t("status"),
        width: "8rem",
        cell: (d) => <StatusBadge status={deploymentStatus(d)} tone={toneOf(deploymentStatus(d))} title={deploymentProblem(d)} />,
        sortValue: (d) => deploymentStatus(d),
      },
      imagesColumn(t("images"), deploymentImages),
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.deployments, can),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(d) => d.metadata.uid ?? d.metadata.name ?? ""}
      label={tk("deployments")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.deployments")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function DeploymentsTable({ cluster, ns, toolbar, compact }: { cluster: string; ns: string; toolbar?: React.ReactNode; compact?: boolean }) {
  const { items, state, progress } = useLiveList<DeploymentObject>(cluster, deploymentsPath(ns));
  return <DeploymentsTableView cluster={cluster} ns={ns} items={items} progress={progress} compact={compact} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn, nameColumn, yamlColumn } from "@/components/table/kube-columns";
import { Badge } from "@/components/ui/status-badge";
import { useLiveList } from "@/lib/client/use-live-list";
import {
  type NodeObject,
  nodePath,
  nodeProblems,
  nodeResource,
  nodeRoles,
  nodeStatus,
  nodeZone,
  nodesPath,
} from "@/lib/k8s/kinds/node";
import type { ListProgress } from "@/lib/client/list-paging";
import { formatBytes, formatCPU } from "@/lib/k8s/quantity";
import { LiveIndicator } from "./live-indicator";

/** Pure renderer of nodes; used by the cluster page. */
export function NodesTableView({ cluster, nodes, toolbar, progress }: { cluster: string; nodes: NodeObject[]; toolbar?: React.ReactNode; progress?: ListProgress }) {
  const t = useTranslations("cluster.nodes");
  const columns = useMemo<Column<NodeObject>[]>(
    () => [
      nameColumn(t("name")),
      {
        id: "status",
        header: t("status"),
        width: "9rem",
        cell: (n) => {
          const s = nodeStatus(n);
          return (
            <span className="flex items-center gap-1">
              <Badge tone={s === "Ready" ? "green" : s === "NotReady" ? "red" : "slate"}>{t(`status_${s}`)}</Badge>
              {n.spec?.unschedulable && <Badge tone="amber">{t("schedulingDisabled")}</Badge>}
            </span>
          );
        },
        sortValue: (n) => nodeStatus(n),
      },
      // Roles and zones matter least when the box is narrow (a laptop beside the side navigation).
      { id: "roles", header: t("roles"), width: "7rem", hideBelow: 64, cell: (n) => nodeRoles(n).join(", ") || "—", sortValue: (n) => nodeRoles(n).join(",") },
      { id: "zone", header: t("zone"), width: "9rem", hideBelow: 72, cell: (n) => nodeZone(n) || "—", sortValue: (n) => nodeZone(n) },
      {
        id: "cpu",
        header: t("cpu"),
        width: "10rem",
        cell: (n) => `${formatCPU(nodeResource(n, "allocatable", "cpu"))} / ${formatCPU(nodeResource(n, "capacity", "cpu"))}`,
        sortValue: (n) => nodeResource(n, "capacity", "cpu") ?? 0,
      },
      {
        id: "memory",
        header: t("memory"),
        width: "12rem",
        cell: (n) => `${formatBytes(nodeResource(n, "allocatable", "memory"))} / ${formatBytes(nodeResource(n, "capacity", "memory"))}`,
        sortValue: (n) => nodeResource(n, "capacity", "memory") ?? 0,
      },
      { id: "pods", header: t("pods"), width: "5rem", cell: (n) => n.status?.capacity?.pods ?? "—", sortValue: (n) => nodeResource(n, "capacity", "pods") ?? 0 },
      {
        id: "conditions",
        header: t("conditions"),
        width: "minmax(7rem,1fr)",
        cell: (n) => {
          const p = nodeProblems(n);
          return p.length === 0 ? (
            <span className="text-slate-500">{t("healthy")}</span>
          ) : (
            <span className="text-red-700 dark:text-red-400" title={p.map((c) => `${c.type}: ${c.message ?? c.reason ?? ""}`).join("\n")}>
              {p.map((c) => c.type).join(", ")}
            </span>
          );
        },
        filterValue: (n) => nodeProblems(n).map((c) => c.type).join(" "),
      },
      ageColumn(t("age")),
      yamlColumn(t("actions"), cluster, "Node", (n) => nodePath(n.metadata.name!)),
    ],
    [t, cluster],
  );
  return (
    <DataTable
      rows={nodes}
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

export function NodesTable({ cluster }: { cluster: string }) {
  const { items, state, progress } = useLiveList<NodeObject>(cluster, nodesPath);
  return <NodesTableView cluster={cluster} nodes={items} progress={progress} toolbar={<LiveIndicator state={state} />} />;
}

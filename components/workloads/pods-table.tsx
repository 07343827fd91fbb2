"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { YamlButton } from "@/components/yaml/yaml-button";
import { useLiveList } from "@/lib/client/use-live-list";
import { type PodObject, podIP, podNode, podPath, podReady, podReadyText, podRestarts, podStatusReason, podStatusTone, podsPath } from "@/lib/k8s/kinds/pod";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { ObjectActions } from "./actions";
import { StatusBadge, linkNameColumn } from "./columns";
import { type TableViewProps, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function PodsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<PodObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const tkind = useTranslations("workloads.kind");
  const ta = useTranslations("workloads.actions");
  const can = useKindCan(cluster, ns, KINDS.pods);
  const columns = useMemo<Column<PodObject>[]>(
    () => [
      linkNameColumn(t("name"), (p) => detailHref(cluster, ns, "pods", p.metadata.name ?? ""), (p) => `pod-row-${p.metadata.name}`),
      { id: "ready", header: t("ready"), width: "5rem", cell: (p) => <span data-testid="pod-ready">{podReadyText(p)}</span>, sortValue: (p) => podReady(p).ready },
      {
        id: "status",
        header: t("status"),
        width: "10rem",
        cell: (p) => {
          const r = podStatusReason(p);
          return (
            <span data-testid="pod-status" data-status={r}>
              <StatusBadge status={r} tone={podStatusTone(r)} title={p.status?.message} />
            </span>
          );
        },
        sortValue: podStatusReason,
      },
      { id: "restarts", header: t("restarts"), width: "6rem", cell: podRestarts, sortValue: podRestarts },
      { id: "node", header: t("node"), width: "minmax(8rem,1fr)", cell: (p) => podNode(p) || "—", sortValue: podNode },
      { id: "ip", header: t("ip"), width: "8rem", cell: (p) => <span className="font-mono text-xs">{podIP(p) || "—"}</span>, sortValue: podIP },
      ageColumn(t("age")),
      {
        id: "actions",
        header: t("actions"),
        width: "12rem",
        cell: (p) => (
          <div className="flex items-center gap-0.5">
            <Link
              href={`${detailHref(cluster, ns, "pods", p.metadata.name ?? "")}?tab=logs`}
              prefetch={false}
              className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
              aria-label={`${ta("logs")}: ${p.metadata.name}`}
            >
              {ta("logs")}
            </Link>
            <ObjectActions cluster={cluster} info={KINDS.pods} obj={p} can={can} compact />
            <YamlButton cluster={cluster} path={podPath(p.metadata.namespace ?? ns, p.metadata.name ?? "")} kind={tkind("Pod")} name={p.metadata.name ?? ""} />
          </div>
        ),
      },
    ],
    [t, ta, tkind, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(p) => p.metadata.uid ?? p.metadata.name ?? ""}
      label={tk("pods")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.pods")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function PodsTable({ cluster, ns, toolbar, compact }: { cluster: string; ns: string; toolbar?: React.ReactNode; compact?: boolean }) {
  const { items, state, progress } = useLiveList<PodObject>(cluster, podsPath(ns));
  return <PodsTableView cluster={cluster} ns={ns} items={items} progress={progress} compact={compact} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

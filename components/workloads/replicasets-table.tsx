"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { controllerOf } from "@/lib/k8s/kinds/common";
import { KINDS, detailHref, kindByName } from "@/lib/k8s/kinds/registry";
import {
  type ReplicaSetObject,
  replicaSetDesired,
  replicaSetImages,
  replicaSetReady,
  replicaSetReadyText,
  replicaSetRevision,
  replicaSetsPath,
} from "@/lib/k8s/kinds/replicaset";
import { imagesColumn, linkNameColumn } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

export function ReplicaSetsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<ReplicaSetObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.replicasets);
  const columns = useMemo<Column<ReplicaSetObject>[]>(
    () => [
      linkNameColumn(t("name"), (r) => detailHref(cluster, ns, "replicasets", r.metadata.name ?? ""), (r) => `replicaset-row-${r.metadata.name}`),
      { id: "revision", header: t("revision"), width: "6rem", cell: replicaSetRevision, sortValue: replicaSetRevision },
      { id: "desired", header: t("desired"), width: "6rem", cell: replicaSetDesired, sortValue: replicaSetDesired },
      { id: "ready", header: t("ready"), width: "6rem", cell: (r) => <span data-testid="replicaset-ready">{replicaSetReadyText(r)}</span>, sortValue: replicaSetReady },
      {
        id: "owner",
        header: t("owner"),
        width: "minmax(8rem,1fr)",
        cell: (r) => {
          const o = controllerOf(r);
          const k = o && kindByName(o.kind);
          if (!o) return "—";
          return k ? (
            <Link className="text-sky-800 hover:underline dark:text-sky-300" href={detailHref(cluster, ns, k.slug, o.name)} prefetch={false}>
              {o.name}
            </Link>
          ) : (
            `${o.kind}/${o.name}`
          );
        },
        sortValue: (r) => controllerOf(r)?.name ?? "",
      },
      imagesColumn(t("images"), replicaSetImages),
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.replicasets, can),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(r) => r.metadata.uid ?? r.metadata.name ?? ""}
      label={tk("replicasets")}
      initialSort={{ id: "revision", desc: true }}
      empty={tt("empty.replicasets")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function ReplicaSetsTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<ReplicaSetObject>(cluster, replicaSetsPath(ns));
  return <ReplicaSetsTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Suspense, useMemo, useState } from "react";
import { useSession } from "@/components/providers";
import { type Column, DataTable } from "@/components/table/data-table";
import { Button } from "@/components/ui/button";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Badge } from "@/components/ui/status-badge";
import { LoadingState } from "@/components/ui/states";
import { clustersQuery } from "@/lib/clusters/queries";
import type { ClusterView } from "@/lib/validations/cluster";
import { AddClusterDialog } from "./add-cluster-dialog";
import { ClusterListBoundary } from "./cluster-list-boundary";
import { EditClusterDialog } from "./edit-cluster-dialog";
import { HealthBadge } from "./health-badge";
import { RemoveClusterDialog } from "./remove-cluster-dialog";

/** The registered clusters with live health; platform admins add, edit and remove them here. */
export function ClusterRegistry() {
  const tc = useTranslations("common");
  return (
    <ClusterListBoundary>
      <Suspense fallback={<LoadingState label={tc("loading")} />}>
        <ClusterTable />
      </Suspense>
    </ClusterListBoundary>
  );
}

function ClusterTable() {
  const t = useTranslations("clusters");
  const tc = useTranslations("common");
  const format = useFormatter();
  const admin = useSession().can.manageClusters;
  // Pushed by the server's event stream: every health change re-renders the table.
  const { data } = useSuspenseQuery(clustersQuery());
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [removing, setRemoving] = useState<string>();

  const columns = useMemo<Column<ClusterView>[]>(() => {
    const cols: Column<ClusterView>[] = [
      {
        id: "name",
        header: t("columns.name"),
        width: "minmax(11rem,2fr)",
        cell: (c) => (
          <div data-testid={`cluster-row-${c.name}`} className="min-w-0 leading-tight" title={c.description || undefined}>
            <div className="flex min-w-0 items-center gap-1.5">
              <Link
                href={`/c/${encodeURIComponent(c.name)}`}
                className="truncate font-medium text-sky-800 hover:underline dark:text-sky-300"
                aria-label={t("open", { cluster: c.displayName })}
              >
                {c.displayName}
              </Link>
              {c.isHost && (
                <span className="shrink-0">
                  <Badge tone="sky" title={t("hostHint")}>
                    {t("host")}
                  </Badge>
                </span>
              )}
            </div>
            <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{c.name}</span>
          </div>
        ),
        sortValue: (c) => c.displayName,
        filterValue: (c) => `${c.displayName} ${c.name} ${c.description ?? ""}`,
      },
      {
        id: "status",
        header: t("columns.status"),
        width: "8rem",
        cell: (c) => <HealthBadge health={c.health} />,
        sortValue: (c) => c.health.status,
      },
      {
        id: "version",
        header: t("columns.version"),
        width: "7rem",
        cell: (c) => c.health.version ?? "—",
        sortValue: (c) => c.health.version ?? "",
      },
      {
        id: "nodes",
        header: t("columns.nodes"),
        width: "5rem",
        cell: (c) => <span data-testid="node-count">{c.health.nodeCount ?? "—"}</span>,
        sortValue: (c) => c.health.nodeCount ?? -1,
      },
      {
        id: "labels",
        header: t("columns.labels"),
        width: "minmax(8rem,1.5fr)",
        cell: (c) => {
          const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`);
          return labels.length === 0 ? (
            <span className="text-slate-400">—</span>
          ) : (
            <span className="flex gap-1 overflow-hidden" title={labels.join("\n")}>
              {labels.map((l) => (
                <span key={l} className="shrink-0">
                  <Badge>{l}</Badge>
                </span>
              ))}
            </span>
          );
        },
        filterValue: (c) =>
          Object.entries(c.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(" "),
      },
      {
        id: "server",
        header: t("columns.server"),
        width: "minmax(10rem,2fr)",
        cell: (c) => (
          <span className="flex min-w-0 items-center gap-1.5">
            {c.insecureSkipTLSVerify && (
              <span className="shrink-0">
                <Badge tone="amber" title={t("insecureHint")}>
                  {t("insecure")}
                </Badge>
              </span>
            )}
            <span className="truncate font-mono text-xs" title={c.server}>
              {c.server}
            </span>
          </span>
        ),
        sortValue: (c) => c.server,
      },
      {
        id: "registered",
        header: t("columns.registered"),
        width: "9rem",
        cell: (c) => (
          <div className="min-w-0 leading-tight" title={c.registeredAt}>
            <span className="block truncate">{c.registeredBy ?? "—"}</span>
            <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
              {c.registeredAt ? format.dateTime(new Date(c.registeredAt), { dateStyle: "medium" }) : ""}
            </span>
          </div>
        ),
        sortValue: (c) => c.registeredAt ?? "",
        filterValue: (c) => c.registeredBy ?? "",
      },
    ];
    if (admin) {
      cols.push({
        id: "actions",
        header: t("columns.actions"),
        width: "9rem",
        cell: (c) => {
          const isHost = c.isHost;
          return (
            <span className="flex items-center gap-1">
              <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={t("editCluster", { name: c.name })} onClick={() => setEditing(c.name)}>
                {tc("edit")}
              </Button>
              {isHost ? (
                <GuardedButton variant="ghost" className="px-2 py-1 text-xs" aria-label={t("removeCluster", { name: c.name })} allowed={false} reason={t("hostRemoveDisabled")}>
                  {tc("remove")}
                </GuardedButton>
              ) : (
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
                  aria-label={t("removeCluster", { name: c.name })}
                  onClick={() => setRemoving(c.name)}
                >
                  {tc("remove")}
                </Button>
              )}
            </span>
          );
        },
      });
    }
    return cols;
  }, [t, tc, format, admin]);

  const editView = editing ? data.items.find((c) => c.name === editing) : undefined;
  const removeView = removing ? data.items.find((c) => c.name === removing) : undefined;

  return (
    <>
      <DataTable
        rows={data.items}
        columns={columns}
        rowKey={(c) => c.name}
        label={t("title")}
        empty={admin ? t("emptyAdmin") : t("emptyUser")}
        toolbar={
          admin && (
            <Button variant="primary" onClick={() => setAdding(true)}>
              {t("add.open")}
            </Button>
          )
        }
      />
      {admin && (
        <>
          <AddClusterDialog open={adding} onClose={() => setAdding(false)} />
          <EditClusterDialog cluster={editView} onClose={() => setEditing(undefined)} />
          <RemoveClusterDialog cluster={removeView} onClose={() => setRemoving(undefined)} />
        </>
      )}
    </>
  );
}

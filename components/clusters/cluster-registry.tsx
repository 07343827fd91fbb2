"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Suspense, useDeferredValue, useEffect, useMemo, useState } from "react";
import { useSession } from "@/components/providers";
import { type Column, DataTable } from "@/components/table/data-table";
import { Button } from "@/components/ui/button";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Badge } from "@/components/ui/status-badge";
import { LoadingState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api";
import { FIRST_CLUSTER_PAGE, SMALL_FLEET, clusterPagesKey, clustersQuery, firstClusterPage } from "@/lib/clusters/queries";
import { CLUSTER_STATUSES, type ClusterPage, type ClusterView, type HealthStatus } from "@/lib/validations/cluster";
import { AddClusterDialog } from "./add-cluster-dialog";
import { ClusterListBoundary } from "./cluster-list-boundary";
import { EditClusterDialog } from "./edit-cluster-dialog";
import { HealthBadge } from "./health-badge";
import { RemoveClusterDialog } from "./remove-cluster-dialog";

const NEXT_PAGE = 500;

/**
 * The clusters matching a filter, page by page from the server: the first
 * screen at once (prefetched by the page), the rest after it. Health stays
 * live from `live` (the list the event stream keeps current, once it came).
 */
function useServerPages(enabled: boolean, q: string, status: HealthStatus | "", live: ClusterView[] | undefined) {
  const query = useInfiniteQuery({
    queryKey: clusterPagesKey(q, status),
    enabled,
    initialPageParam: "",
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(pageParam ? NEXT_PAGE : FIRST_CLUSTER_PAGE) });
      if (q) params.set("q", q);
      if (status) params.set("status", status);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<ClusterPage>(`/api/clusters?${params}`, { signal });
    },
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
    // Unfiltered, the first page is in the live list when it is here already: rows at once, the rest from the server.
    initialData: !q && !status && live ? () => firstClusterPage(live) : undefined,
    // Health is merged from the live list below; the membership is re-read at most this often.
    staleTime: 30_000,
  });
  const { hasNextPage, isFetching, fetchNextPage } = query;
  useEffect(() => {
    if (enabled && hasNextPage && !isFetching) void fetchNextPage();
  }, [enabled, hasNextPage, isFetching, fetchNextPage]);
  const rows = useMemo(() => {
    const byName = new Map((live ?? []).map((c) => [c.name, c]));
    return (query.data?.pages ?? []).flatMap((p) => p.items).map((c) => byName.get(c.name) ?? c);
  }, [query.data, live]);
  const total = query.data?.pages[0]?.total;
  return { rows, progress: { loaded: rows.length, total, complete: total !== undefined && !hasNextPage } };
}

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
  const ts = useTranslations("overview.status");
  const format = useFormatter();
  const admin = useSession().can.manageClusters;
  // Pushed by the server's event stream: every health change re-renders the table. A large fleet's list is not
  // in the page (see SMALL_FLEET): until the stream brings it, the server's pages are all there is.
  const live = useQuery(clustersQuery()).data?.items;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [removing, setRemoving] = useState<string>();
  const [status, setStatus] = useState<HealthStatus | "">("");
  const [filter, setFilter] = useState("");
  const q = useDeferredValue(filter.trim());
  // Many clusters: the server filters and pages; a few: the browser has them all already.
  const serverSide = !live || live.length > SMALL_FLEET;
  const paged = useServerPages(serverSide, q, status, live);
  const rows = useMemo(() => (serverSide || !live ? paged.rows : status ? live.filter((c) => c.health.status === status) : live), [serverSide, paged.rows, status, live]);

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
        // Room for the header and its sort arrow on one line ("NODES" had broken as "NODE S").
        width: "6.5rem",
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

  const editView = editing ? rows.find((c) => c.name === editing) : undefined;
  const removeView = removing ? rows.find((c) => c.name === removing) : undefined;

  return (
    <>
      <DataTable
        rows={rows}
        progress={serverSide ? paged.progress : undefined}
        onFilterChange={setFilter}
        columns={columns}
        rowKey={(c) => c.name}
        label={t("title")}
        empty={status || (serverSide && q) ? tc("noMatches") : admin ? t("emptyAdmin") : t("emptyUser")}
        toolbar={
          <>
            <select
              aria-label={t("columns.status")}
              data-testid="cluster-status-filter"
              value={status}
              onChange={(e) => setStatus(e.target.value as HealthStatus | "")}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
            >
              <option value="">{t("allStatuses")}</option>
              {CLUSTER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ts(s)}
                </option>
              ))}
            </select>
            {admin && (
              <Button variant="primary" onClick={() => setAdding(true)}>
                {t("add.open")}
              </Button>
            )}
          </>
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

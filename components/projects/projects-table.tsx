"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { QueryView } from "@/components/access/query-view";
import { type Column, DataTable } from "@/components/table/data-table";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/states";
import { type Project, projectsQuery } from "@/lib/access/queries";
import { clustersQuery } from "@/lib/clusters/queries";

/** Every project (a namespace labelled with a tenant) the caller may see, on every cluster. */
export function ProjectsTable() {
  const t = useTranslations("projects");
  const q = useQuery(projectsQuery());
  // Display names of the clusters; prefetched by the console layout.
  const clusters = useQuery(clustersQuery());
  const clusterNames = useMemo(() => new Map((clusters.data?.items ?? []).map((c) => [c.name, c.displayName] as const)), [clusters.data]);

  const columns = useMemo<Column<Project>[]>(() => {
    const clusterLabel = (name: string) => clusterNames.get(name) || name;
    return [
      {
        id: "project",
        header: t("columns.project"),
        width: "minmax(14rem,2fr)",
        cell: (p) => (
          <div data-testid={`project-row-${p.cluster}-${p.namespace}`} className="min-w-0 leading-tight" title={p.description || undefined}>
            <Link
              href={`/c/${encodeURIComponent(p.cluster)}/namespaces`}
              className="block truncate font-medium text-sky-800 hover:underline dark:text-sky-300"
              aria-label={t("open", { project: p.displayName || p.namespace, cluster: clusterLabel(p.cluster) })}
            >
              {p.displayName || p.namespace}
            </Link>
            <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{p.namespace}</span>
          </div>
        ),
        sortValue: (p) => p.displayName || p.namespace,
        filterValue: (p) => `${p.displayName ?? ""} ${p.namespace} ${p.description ?? ""}`,
      },
      {
        id: "tenant",
        header: t("columns.tenant"),
        width: "minmax(9rem,1fr)",
        cell: (p) => (
          <Link href={`/access/tenants/${encodeURIComponent(p.tenant)}`} className="truncate text-sky-800 hover:underline dark:text-sky-300">
            {p.tenant}
          </Link>
        ),
        sortValue: (p) => p.tenant,
      },
      {
        id: "cluster",
        header: t("columns.cluster"),
        width: "minmax(9rem,1fr)",
        cell: (p) => (
          <span className="truncate" title={p.cluster}>
            {clusterLabel(p.cluster)}
          </span>
        ),
        sortValue: (p) => clusterLabel(p.cluster),
        filterValue: (p) => `${clusterLabel(p.cluster)} ${p.cluster}`,
      },
      {
        id: "requester",
        header: t("columns.requester"),
        width: "minmax(8rem,1fr)",
        cell: (p) => p.requester || <span className="text-slate-400">—</span>,
        sortValue: (p) => p.requester ?? "",
      },
      {
        id: "status",
        header: t("columns.status"),
        width: "8rem",
        cell: (p) => <Badge tone={p.phase === "Active" ? "green" : "amber"}>{t.has(`phase.${p.phase}`) ? t(`phase.${p.phase}`) : p.phase}</Badge>,
        sortValue: (p) => p.phase,
      },
    ];
  }, [t, clusterNames]);

  return (
    <QueryView query={q}>
      {(data) =>
        data.items.length === 0 ? (
          <div data-testid="projects-empty">
            <EmptyState title={t("empty")}>
              <p>{t("emptyHint")}</p>
              <p className="mt-2">
                {t.rich("emptyLabel", {
                  code: (chunks) => <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{chunks}</code>,
                })}
              </p>
            </EmptyState>
          </div>
        ) : (
          <DataTable rows={data.items} columns={columns} rowKey={(p) => `${p.cluster}/${p.namespace}`} label={t("title")} initialSort={{ id: "project", desc: false }} />
        )
      }
    </QueryView>
  );
}

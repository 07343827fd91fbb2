"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { GuardedButton } from "@/components/ui/guarded-button";
import { QueryView } from "@/components/ui/query-view";
import { UsageBar, useResourceLabel } from "@/components/quotas/quota-ui";
import { type Column, DataTable } from "@/components/table/data-table";
import { EmptyState } from "@/components/ui/states";
import { tenantsQuery } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { CreateProjectDialog } from "./create-project-dialog";
import { type Project, projectHref, projectListQuery, tenantHref, tenantQuotaHref } from "./project-api";
import { projectUsage, usageSortValue } from "./project-model";
import { ClusterPhaseChip, useClusterLabel, usePhaseLabel } from "./project-ui";

const linkClass = "text-sky-800 hover:underline dark:text-sky-300";

/** The tenants where the caller may create projects (one can-i batch over all of them). */
export function useCreatableTenants() {
  const tenants = useQuery(tenantsQuery());
  const items = useMemo(() => tenants.data?.items ?? [], [tenants.data]);
  const can = useCan(items.map((t) => ({ verb: "create", resource: "console/projects", tenant: t.name })));
  const allowedKey = items
    .filter((_, i) => can.allowed[i])
    .map((t) => t.name)
    .join("\n");
  const creatable = useMemo(() => items.filter((t) => allowedKey.split("\n").includes(t.name)), [items, allowedKey]);
  return { creatable, pending: tenants.isPending || can.pending };
}

/** Every project the caller may see: one row per project, over all its clusters. */
export function ProjectsTable() {
  const t = useTranslations("projects");
  const q = useQuery(projectListQuery());
  const clusterLabel = useClusterLabel();
  const phaseLabel = usePhaseLabel();
  const resourceLabel = useResourceLabel();
  const { creatable, pending } = useCreatableTenants();
  const [creating, setCreating] = useState(false);

  const columns = useMemo<Column<Project>[]>(() => {
    const usageColumn = (id: string, resource: string): Column<Project> => ({
      id,
      header: resourceLabel(resource),
      width: "minmax(11rem,1fr)",
      cell: (p) => {
        const u = projectUsage(p, resource);
        return <UsageBar compact resource={resource} used={u.used} hard={u.hard} label={t("list.usageOf", { resource: resourceLabel(resource), project: p.displayName || p.name })} />;
      },
      sortValue: (p) => usageSortValue(projectUsage(p, resource)),
      filterValue: () => "",
    });
    return [
      {
        id: "project",
        header: t("columns.project"),
        width: "minmax(14rem,2fr)",
        cell: (p) => (
          <div data-testid={`project-row-${p.tenant}-${p.name}`} className="min-w-0 leading-tight" title={p.description || undefined}>
            <Link href={projectHref(p.tenant, p.name)} className={`block truncate font-medium ${linkClass}`}>
              {p.displayName || p.name}
            </Link>
            <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{p.name}</span>
          </div>
        ),
        sortValue: (p) => p.displayName || p.name,
        filterValue: (p) => `${p.displayName} ${p.name} ${p.description}`,
      },
      {
        id: "tenant",
        header: t("columns.tenant"),
        width: "minmax(10rem,1fr)",
        cell: (p) => (
          <span className="flex min-w-0 items-baseline gap-2">
            <Link href={tenantHref(p.tenant)} className={`truncate ${linkClass}`}>
              {p.tenant}
            </Link>
            <Link href={tenantQuotaHref(p.tenant)} className={`shrink-0 text-xs ${linkClass}`} aria-label={t("list.tenantQuotaOf", { tenant: p.tenant })}>
              {t("list.quotaLink")}
            </Link>
          </span>
        ),
        sortValue: (p) => p.tenant,
      },
      {
        id: "clusters",
        header: t("columns.clusters"),
        width: "minmax(12rem,1.5fr)",
        cell: (p) => (
          <span className="flex min-w-0 gap-1 overflow-hidden">
            {p.clusters.map((c) => (
              <ClusterPhaseChip key={c.cluster} cluster={c.cluster} label={clusterLabel(c.cluster)} phase={c.phase} />
            ))}
          </span>
        ),
        sortValue: (p) => p.clusters.map((c) => clusterLabel(c.cluster)).join(", "),
        filterValue: (p) => p.clusters.map((c) => `${clusterLabel(c.cluster)} ${c.cluster} ${phaseLabel(c.phase)}`).join(" "),
      },
      usageColumn("cpu", "requests.cpu"),
      usageColumn("memory", "requests.memory"),
      {
        id: "requester",
        header: t("columns.requester"),
        width: "minmax(8rem,1fr)",
        cell: (p) => p.requester || <span className="text-slate-400">—</span>,
        sortValue: (p) => p.requester,
      },
    ];
  }, [t, clusterLabel, phaseLabel, resourceLabel]);

  const newButton = (
    <GuardedButton variant="primary" allowed={creatable.length > 0} pending={pending} reason={t("list.createDenied")} onClick={() => setCreating(true)}>
      {t("list.new")}
    </GuardedButton>
  );

  return (
    <>
      <QueryView query={q}>
        {(data) =>
          data.items.length === 0 ? (
            <div data-testid="projects-empty" className="space-y-4">
              <EmptyState title={t("empty")}>
                <p>{t("emptyHint")}</p>
              </EmptyState>
              <div className="flex justify-center">{newButton}</div>
            </div>
          ) : (
            <DataTable
              rows={data.items}
              columns={columns}
              rowKey={(p) => `${p.tenant}/${p.name}`}
              label={t("title")}
              initialSort={{ id: "project", desc: false }}
              toolbar={newButton}
            />
          )
        }
      </QueryView>
      <CreateProjectDialog open={creating} onClose={() => setCreating(false)} tenants={creatable} />
    </>
  );
}


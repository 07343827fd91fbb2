"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Suspense, useMemo } from "react";
import { useRoleName, useScopeLabel } from "@/components/access/labels";
import { QueryErrorBoundary } from "@/components/ui/error-boundary";
import { QueryView } from "@/components/ui/query-view";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { QUOTA_EDITOR_RESOURCES } from "@/components/quotas/quota-model";
import { UsageBar, useResourceLabel } from "@/components/quotas/quota-ui";
import { LoadingState } from "@/components/ui/states";
import { Badge } from "@/components/ui/status-badge";
import { type Binding, roleBindingsQuery, rolesQuery } from "@/lib/access/queries";
import { useLiveList } from "@/lib/client/use-live-list";
import { Age } from "@/components/ui/age";
import { ageOrder } from "@/lib/format";
import { type EventObject, eventCount, eventObject, eventTime } from "@/lib/k8s/kinds/event";
import { parseQuantity } from "@/lib/k8s/quantity";
import { type ProjectCluster, type ProjectDetail, tenantHref } from "./project-api";
import { PhaseBadge, useClusterLabel } from "./project-ui";

const RECENT_EVENTS = 10;
const linkClass = "text-sky-800 hover:underline dark:text-sky-300";

export function ProjectOverview({ project }: { project: ProjectDetail }) {
  const t = useTranslations("projects.overview");
  const clusterLabel = useClusterLabel();
  const present = project.clusters.filter((c) => c.phase !== "Missing");
  return (
    <div className="space-y-8">
      <Members project={project} />
      <section aria-labelledby="usage-heading" className="space-y-3">
        <div>
          <h2 id="usage-heading" className="text-lg font-semibold">
            {t("usageHeading")}
          </h2>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("usageIntro")}</p>
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          {project.clusters.map((c) => (
            <ClusterUsage key={c.cluster} cluster={c} label={clusterLabel(c.cluster)} />
          ))}
        </div>
      </section>
      <section aria-labelledby="events-heading" className="space-y-3">
        <div>
          <h2 id="events-heading" className="text-lg font-semibold">
            {t("eventsHeading")}
          </h2>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("eventsIntro", { count: RECENT_EVENTS })}</p>
        </div>
        {present.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("noClusters")}</p>
        ) : (
          present.map((c) => (
            <div key={c.cluster} className="space-y-2">
              <h3 className="text-sm font-semibold">{clusterLabel(c.cluster)}</h3>
              <QueryErrorBoundary>
                <Suspense fallback={<LoadingState label={t("eventsLoading")} />}>
                  <RecentEvents cluster={c.cluster} namespace={project.name} />
                </Suspense>
              </QueryErrorBoundary>
            </div>
          ))
        )}
      </section>
    </div>
  );
}

/** The project's members: bindings in the project and the tenant's own (which hold in every project). */
function Members({ project }: { project: ProjectDetail }) {
  const t = useTranslations("projects.overview");
  const tm = useTranslations("access.members");
  const roleName = useRoleName();
  const scopeLabel = useScopeLabel();
  const q = useQuery(roleBindingsQuery({ tenant: project.tenant, namespace: project.name }));
  const roles = useQuery(rolesQuery({ tenant: project.tenant }));
  const roleByName = useMemo(() => new Map((roles.data?.items ?? []).map((r) => [r.name, r] as const)), [roles.data]);
  const onProject = (b: Binding) =>
    b.scope.type === "tenant" ? b.scope.tenant === project.tenant : b.scope.type === "project" ? b.scope.namespace === project.name : true;
  return (
    <section aria-labelledby="members-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id="members-heading" className="text-lg font-semibold">
            {t("membersHeading")}
          </h2>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("membersIntro")}</p>
        </div>
        <Link href={`${tenantHref(project.tenant)}?tab=members`} className={`text-sm ${linkClass}`}>
          {t("manageMembers")}
        </Link>
      </div>
      <QueryView query={q}>
        {(data) => {
          // The project's own bindings, plus the tenant's from the project (the filter by namespace leaves those out).
          const byName = new Map([...(project.members ?? []), ...data.items].map((b) => [b.name, b] as const));
          const rows = [...byName.values()].filter(onProject).sort((a, b) => a.subject.name.localeCompare(b.subject.name) || a.role.localeCompare(b.role));
          if (!rows.length) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("noMembers")}</p>;
          return (
            <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
              <table className="w-full text-sm">
                <caption className="sr-only">{t("membersHeading")}</caption>
                <thead className="bg-slate-50 dark:bg-slate-800/60">
                  <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                    <th scope="col" className="px-3 py-2">
                      {tm("columns.subject")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {tm("columns.role")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {tm("columns.scope")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((b) => (
                    <tr key={b.name} data-testid={`project-member-${b.subject.name}`} className="border-t border-slate-100 dark:border-slate-800">
                      <td className="px-3 py-2">
                        <span className="flex items-center gap-2">
                          <Badge tone={b.subject.kind === "User" ? "sky" : "amber"}>{tm(`kind.${b.subject.kind}`)}</Badge>
                          <span className="font-medium">{b.subject.name}</span>
                        </span>
                      </td>
                      <td className="px-3 py-2" title={b.role}>
                        {roleName(roleByName.get(b.role) ?? { name: b.role })}
                      </td>
                      <td className="px-3 py-2">{scopeLabel(b.scope)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryView>
    </section>
  );
}

function ClusterUsage({ cluster, label }: { cluster: ProjectCluster; label: string }) {
  const t = useTranslations("projects.overview");
  const resourceLabel = useResourceLabel();
  const hard = cluster.quota?.hard ?? {};
  const used = cluster.quota?.used ?? {};
  const known = QUOTA_EDITOR_RESOURCES as readonly string[];
  const resources = [...known.filter((r) => r in hard), ...Object.keys(hard).filter((r) => !known.includes(r)).sort()];
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid={`usage-${cluster.cluster}`}>
      <div className="flex items-center gap-2">
        <h3 className="font-medium">{label}</h3>
        <PhaseBadge phase={cluster.phase} />
      </div>
      {!cluster.quota || resources.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("noQuota")}</p>
      ) : (
        <dl className="space-y-1.5">
          {resources.map((r) => (
            <div key={r} className="grid grid-cols-[10rem_1fr] items-center gap-2 text-sm" data-testid={`usage-${cluster.cluster}-${r}`} data-used={used[r] ?? ""} data-hard={hard[r] ?? ""}>
              <dt className="truncate text-slate-600 dark:text-slate-300" title={r}>
                {resourceLabel(r)}
              </dt>
              <dd className="min-w-0">
                <UsageBar resource={r} used={parseQuantity(used[r])} hard={parseQuantity(hard[r])} label={t("usageOf", { resource: resourceLabel(r), cluster: label })} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** The namespace's latest events on one cluster, kept current by a watch through the proxy. */
function RecentEvents({ cluster, namespace }: { cluster: string; namespace: string }) {
  const t = useTranslations("projects.overview");
  const { items, state } = useLiveList<EventObject>(cluster, `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`);
  const recent = useMemo(() => {
    const age = (e: EventObject) => (eventTime(e) ? ageOrder(eventTime(e)) : Infinity);
    return [...items].sort((a, b) => age(a) - age(b)).slice(0, RECENT_EVENTS);
  }, [items]);
  return (
    <div className="space-y-2">
      <LiveIndicator state={state} />
      {recent.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("noEvents")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-700">
          {recent.map((e) => (
            <li key={e.metadata.uid ?? e.metadata.name} className="grid gap-1 px-3 py-2 sm:grid-cols-[4rem_6rem_10rem_1fr]">
              <span className="text-slate-500 tabular-nums dark:text-slate-400">
                <Age ts={eventTime(e)} />
              </span>
              <span>
                <Badge tone={e.type === "Warning" ? "amber" : "slate"}>{e.type ?? "—"}</Badge>
              </span>
              <span className="truncate font-medium" title={eventObject(e)}>
                {e.reason ?? "—"}
              </span>
              <span className="min-w-0">
                <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{eventObject(e)}</span>
                <span className="block break-words">
                  {e.message}
                  {eventCount(e) > 1 && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">{t("times", { count: eventCount(e) })}</span>}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

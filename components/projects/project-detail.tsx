"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { QueryView } from "@/components/ui/query-view";
import { Tabs } from "@/components/ui/tabs";
import { Loading } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { type ProjectDetail as ProjectData, projectQuery, tenantHref, tenantQuotaHref, workloadsHref } from "./project-api";
import { ProjectOverview } from "./project-overview";
import { PROJECT_TABS, type ProjectTab } from "./project-tabs";
import { PhaseBadge, useClusterLabel } from "./project-ui";

// Tabs other than the overview load their code when first shown (editors, charts).
const ProjectMonitoring = dynamic(() => import("@/components/monitoring/project-monitoring").then((m) => m.ProjectMonitoring), { loading: Loading });
const LimitRangeEditor = dynamic(() => import("@/components/quotas/limit-range-editor").then((m) => m.LimitRangeEditor), { loading: Loading });
const ResourceQuotaEditor = dynamic(() => import("@/components/quotas/resource-quota-editor").then((m) => m.ResourceQuotaEditor), { loading: Loading });
const ProjectSettings = dynamic(() => import("./project-settings").then((m) => m.ProjectSettings), { loading: Loading });

const linkClass = "text-sky-800 hover:underline dark:text-sky-300";

/** One project: who asked for it, where it runs, its members, quotas and settings. */
export function ProjectDetail({ tenant, name, initialTab }: { tenant: string; name: string; initialTab: ProjectTab }) {
  const t = useTranslations("projects.detail");
  const q = useQuery(projectQuery(tenant, name));
  const [tab, setTab] = useState<ProjectTab>(initialTab);
  const select = (k: ProjectTab) => {
    setTab(k);
    // A shareable address for the tab, without a navigation.
    const url = new URL(window.location.href);
    url.searchParams.set("tab", k);
    window.history.replaceState(null, "", url);
  };
  return (
    <div className="space-y-6">
      <QueryView query={q}>
        {(project) => (
          <>
            <Header project={project} />
            <ClusterStatus project={project} />
            <Tabs label={t("tabsLabel")} tabs={PROJECT_TABS.map((k) => ({ key: k, label: t(`tabs.${k}`) }))} selected={tab} onSelect={select}>
              {tab === "overview" && <ProjectOverview project={project} />}
              {tab === "quotas" && <ProjectQuotas project={project} />}
              {tab === "monitoring" && <ProjectMonitoring project={project} />}
              {tab === "settings" && <ProjectSettings key={`${project.tenant}/${project.name}`} project={project} />}
            </Tabs>
          </>
        )}
      </QueryView>
    </div>
  );
}

function Header({ project }: { project: ProjectData }) {
  const t = useTranslations("projects.detail");
  const format = useFormatter();
  const selector = Object.entries(project.nodeSelector ?? {});
  return (
    <PageHeader
      back={{ href: "/projects", label: t("back") }}
      title={project.displayName || project.name}
      meta={project.displayName && <span className="font-mono text-sm text-slate-500 dark:text-slate-400">{project.name}</span>}
      subtitle={project.description}
    >
      <dl className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <div className="flex flex-wrap items-center gap-1.5">
          <dt className="text-slate-500 dark:text-slate-400">{t("tenant")}</dt>
          <dd className="flex items-baseline gap-2">
            <Link href={tenantHref(project.tenant)} className={linkClass}>
              {project.tenant}
            </Link>
            <Link href={tenantQuotaHref(project.tenant)} className={`text-xs ${linkClass}`}>
              {t("tenantQuota")}
            </Link>
          </dd>
        </div>
        <div className="flex items-center gap-1.5">
          <dt className="text-slate-500 dark:text-slate-400">{t("requester")}</dt>
          <dd>{project.requester || "—"}</dd>
        </div>
        {project.createdAt && (
          <div className="flex items-center gap-1.5">
            <dt className="text-slate-500 dark:text-slate-400">{t("created")}</dt>
            <dd title={project.createdAt}>{format.dateTime(new Date(project.createdAt), { dateStyle: "medium", timeStyle: "short" })}</dd>
          </div>
        )}
        <div className="flex flex-wrap items-center gap-1.5">
          <dt className="text-slate-500 dark:text-slate-400" title={t("nodeSelectorHint")}>
            {t("nodeSelector")}
          </dt>
          <dd className="flex flex-wrap gap-1">
            {selector.length ? (
              selector.map(([k, v]) => (
                <code key={k} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                  {k}={v}
                </code>
              ))
            ) : (
              <span className="text-slate-400">{t("anyNode")}</span>
            )}
          </dd>
        </div>
      </dl>
    </PageHeader>
  );
}

/** Where the project runs: its namespace on each cluster, with the way to its workloads. */
function ClusterStatus({ project }: { project: ProjectData }) {
  const t = useTranslations("projects.detail");
  const clusterLabel = useClusterLabel();
  return (
    <section aria-labelledby="project-clusters-heading" className="space-y-2">
      <h2 id="project-clusters-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
        {t("clusters")}
      </h2>
      {project.clusters.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("noClusters")}</p>
      ) : (
        <ul className="flex flex-wrap gap-3">
          {project.clusters.map((c) => (
            <li
              key={c.cluster}
              data-testid={`cluster-status-${c.cluster}`}
              data-phase={c.phase}
              className="flex min-w-[14rem] items-center justify-between gap-3 rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-700"
            >
              <div className="min-w-0">
                <p className="truncate font-medium" title={c.cluster}>
                  {clusterLabel(c.cluster)}
                </p>
                <PhaseBadge phase={c.phase} />
              </div>
              {c.phase !== "Missing" && (
                <Link
                  href={workloadsHref(c.cluster, project.name)}
                  className={`shrink-0 text-sm ${linkClass}`}
                  aria-label={t("workloadsOn", { cluster: clusterLabel(c.cluster) })}
                >
                  {t("workloads")}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The quota and the default limits of the project's namespace on each cluster it is on. */
function ProjectQuotas({ project }: { project: ProjectData }) {
  const t = useTranslations("projects.quotas");
  const clusterLabel = useClusterLabel();
  const present = project.clusters.filter((c) => c.phase !== "Missing");
  if (!present.length) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("none")}</p>;
  return (
    <div className="space-y-8">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-300">
        {t.rich("intro", {
          link: (chunks) => (
            <Link href={tenantQuotaHref(project.tenant)} className={linkClass}>
              {chunks}
            </Link>
          ),
        })}
      </p>
      {present.map((c) => (
        <section key={c.cluster} aria-labelledby={`quotas-${c.cluster}`} className="space-y-6 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`quotas-${c.cluster}`} className="text-lg font-semibold">
              {clusterLabel(c.cluster)}
            </h2>
            <PhaseBadge phase={c.phase} />
            {c.phase === "Terminating" && <span className="text-sm text-amber-700 dark:text-amber-400">{t("terminating")}</span>}
          </div>
          <ResourceQuotaEditor cluster={c.cluster} namespace={project.name} clusterLabel={clusterLabel(c.cluster)} />
          <LimitRangeEditor cluster={c.cluster} namespace={project.name} clusterLabel={clusterLabel(c.cluster)} />
        </section>
      ))}
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { Project } from "@/components/projects/project-api";
import { useClusterLabel } from "@/components/projects/project-ui";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { useCan } from "@/lib/access/use-can";
import type { Unit } from "@/lib/monitoring/format";
import { ranked } from "@/lib/monitoring/series";
import { AlertsList } from "./alerts-list";
import { ChartPanel, Panel, PanelProblem, panelState, useMetrics } from "./panel";
import { StatTiles } from "./stat-tiles";
import { PROJECT_TILE_TEMPLATES, useProjectTiles } from "./tiles";
import { TimeRangePicker } from "./time-range-picker";
import { useUrlParam } from "./use-dashboard-params";
import { useFormatValue } from "./use-format";
import { useInView } from "./use-in-view";

/**
 * A project's dashboard on one of its clusters (a switcher when it is on
 * several): usage against requests and quota, pods by phase, the pods using
 * the most, and the project's alerts.
 */
export function ProjectMonitoring({ project }: { project: Project }) {
  const t = useTranslations("monitoring.project");
  const clusterLabel = useClusterLabel();
  const present = project.clusters.filter((c) => c.phase !== "Missing").map((c) => c.cluster);
  const [picked, setCluster] = useUrlParam("cluster");
  const cluster = present.includes(picked) ? picked : present[0];
  const can = useCan(cluster ? [{ verb: "get", resource: "console/monitoring", cluster, namespace: project.name }] : []);
  if (!cluster) return <EmptyState title={t("noClusters")} />;
  return (
    <div className="space-y-4" data-testid="project-monitoring" data-cluster={cluster}>
      <div className="flex flex-wrap items-center justify-between gap-4">
        {present.length > 1 ? (
          <div role="group" aria-label={t("cluster")} className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
            {present.map((c) => (
              <button
                key={c}
                type="button"
                aria-pressed={c === cluster}
                onClick={() => setCluster(c === present[0] ? "" : c)}
                className={`border-l border-slate-300 px-3 py-1 text-sm first:border-l-0 focus-visible:relative focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-600 ${
                  c === cluster ? "bg-sky-700 font-medium text-white dark:bg-sky-600" : "bg-white text-slate-700 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
                }`}
              >
                {clusterLabel(c)}
              </button>
            ))}
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("on", { cluster: clusterLabel(cluster) })}</p>
        )}
        <TimeRangePicker />
      </div>
      {can.pending ? (
        <LoadingState label={t("checking")} />
      ) : !can.allowed[0] ? (
        <EmptyState title={t("forbidden")}>{t("forbiddenHint")}</EmptyState>
      ) : (
        <ProjectPanels key={cluster} cluster={cluster} namespace={project.name} />
      )}
    </div>
  );
}

function ProjectPanels({ cluster, namespace }: { cluster: string; namespace: string }) {
  const t = useTranslations("monitoring");
  const tiles = useProjectTiles();
  const scope = { clusters: [cluster], namespace };
  return (
    <div className="space-y-4">
      <StatTiles params={{ ...scope, templates: PROJECT_TILE_TEMPLATES }} tiles={tiles} label={t("project.stats")} testId="project-stats" />
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel
          title={t("charts.projectCpu")}
          description={t("charts.projectCpuHint")}
          params={{ ...scope, templates: ["project_cpu_usage", "project_cpu_requests", "project_cpu_quota"] }}
          lines={[
            { template: "project_cpu_usage", label: t("series.usage") },
            { template: "project_cpu_requests", label: t("series.requests"), role: "request" },
            { template: "project_cpu_quota", label: t("series.quota"), role: "limit" },
          ]}
          unit="cores"
          testId="chart-project-cpu"
        />
        <ChartPanel
          title={t("charts.projectMemory")}
          description={t("charts.projectMemoryHint")}
          params={{ ...scope, templates: ["project_memory_usage", "project_memory_requests", "project_memory_quota"] }}
          lines={[
            { template: "project_memory_usage", label: t("series.usage") },
            { template: "project_memory_requests", label: t("series.requests"), role: "request" },
            { template: "project_memory_quota", label: t("series.quota"), role: "limit" },
          ]}
          unit="bytes"
          testId="chart-project-memory"
        />
        <ChartPanel
          className="lg:col-span-2"
          title={t("charts.podsByPhase")}
          params={{ ...scope, templates: ["project_pods"] }}
          lines={[{ template: "project_pods", by: "phase" }]}
          unit="count"
          axisLabel={t("axis.pods")}
          height={160}
          testId="chart-project-pods"
        />
        <TopPods cluster={cluster} namespace={namespace} template="project_top_pods_cpu" unit="cores" title={t("charts.topCpu")} testId="top-pods-cpu" />
        <TopPods cluster={cluster} namespace={namespace} template="project_top_pods_memory" unit="bytes" title={t("charts.topMemory")} testId="top-pods-memory" />
      </div>
      <AlertsList clusters={[cluster]} namespace={namespace} title={t("project.alerts")} testId="project-alerts" />
    </div>
  );
}

/** The five pods using the most, as bars of their latest value. */
function TopPods({ cluster, namespace, template, unit, title, testId }: { cluster: string; namespace: string; template: string; unit: Unit; title: string; testId: string }) {
  const t = useTranslations("monitoring.project");
  const format = useFormatValue();
  const [ref, inView] = useInView<HTMLDivElement>();
  const q = useMetrics({ templates: [template], clusters: [cluster], namespace, range: "15m" }, inView);
  const rows = ranked(q.data?.results.find((r) => r.template === template), "pod");
  const state = panelState(q, rows.length);
  const max = Math.max(...rows.map((r) => r.value), 0);
  return (
    <Panel title={title} description={t("topHint")} data-testid={testId} data-state={state}>
      <div ref={ref}>
        {state === "ready" ? (
          <ol className="space-y-2" aria-label={title}>
            {rows.map((r) => (
              <li key={r.name} className="min-w-0 space-y-1 text-sm" data-pod={r.name}>
                <div className="flex items-baseline justify-between gap-2">
                  <span className="truncate font-mono text-xs" title={r.name}>
                    {r.name}
                  </span>
                  <span className="shrink-0 font-mono tabular-nums">{format(r.value, unit)}</span>
                </div>
                <div className="h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden>
                  <div className="h-full rounded-full bg-sky-500" style={{ width: `${max > 0 ? (r.value / max) * 100 : 0}%` }} />
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <PanelProblem q={q} state={state} height={120} />
        )}
      </div>
    </Panel>
  );
}

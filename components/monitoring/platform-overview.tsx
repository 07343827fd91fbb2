"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useId, useState } from "react";
import { HealthBadge } from "@/components/clusters/health-badge";
import { inputClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/states";
import { clustersQuery } from "@/lib/clusters/queries";
import type { Unit } from "@/lib/monitoring/format";
import { AlertsList } from "./alerts-list";
import { ChartPanel } from "./panel";
import { StatTiles } from "./stat-tiles";
import { CLUSTER_TILE_TEMPLATES, useClusterTiles } from "./tiles";
import { TimeRangePicker } from "./time-range-picker";
import { useUrlParam } from "./use-dashboard-params";

const COMPARE: { template: string; unit: Unit }[] = [
  { template: "cluster_cpu_utilisation", unit: "ratio" },
  { template: "cluster_memory_utilisation", unit: "ratio" },
  { template: "cluster_pods_running", unit: "count" },
];

/** Cards shown at first and added by "Show more": each card runs its own queries once on screen. */
export const MONITORING_CARDS = 12;
/** The metrics API takes at most this many clusters per chart (lib/validations/monitoring.ts). */
export const MAX_COMPARED = 20;

/**
 * The fleet at a glance: a card per cluster the caller may monitor (latest
 * numbers and small utilisation charts) — of a large fleet a page at a time,
 * filtered by name, those that need attention first — one template compared
 * across the clusters shown, and the alerts firing anywhere they may see.
 */
export function PlatformOverview({ clusters }: { clusters: string[] }) {
  const t = useTranslations("monitoring.overview");
  const filterId = useId();
  const [filter, setFilter] = useState("");
  const q = useDeferredValue(filter.trim().toLowerCase());
  const [limit, setLimit] = useState(MONITORING_CARDS);
  const matching = q ? clusters.filter((c) => c.toLowerCase().includes(q)) : clusters;
  const shown = matching.slice(0, limit);
  const compared = shown.slice(0, MAX_COMPARED);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
        </div>
        <TimeRangePicker />
      </div>
      {clusters.length === 0 ? (
        <EmptyState title={t("noClusters")}>
          {t.rich("noClustersHint", {
            link: (chunks) => (
              <Link href="/projects" className="text-sky-700 hover:underline dark:text-sky-300">
                {chunks}
              </Link>
            ),
          })}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="monitoring-clusters" className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="monitoring-clusters" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                {t("clusters")}
              </h2>
              {clusters.length > MONITORING_CARDS && (
                <div className="flex items-center gap-2">
                  <label htmlFor={filterId} className="sr-only">
                    {t("filter")}
                  </label>
                  <input
                    id={filterId}
                    type="search"
                    value={filter}
                    onChange={(e) => {
                      setFilter(e.target.value);
                      setLimit(MONITORING_CARDS);
                    }}
                    placeholder={t("filter")}
                    className={`${inputClass} w-56 py-1`}
                  />
                </div>
              )}
            </div>
            {shown.length < clusters.length && (
              <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="monitoring-shown">
                {q ? t("shownMatching", { shown: shown.length, matching: matching.length, total: clusters.length }) : t("shown", { shown: shown.length, total: clusters.length })}
              </p>
            )}
            <ul className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3">
              {shown.map((c) => (
                <ClusterCard key={c} cluster={c} />
              ))}
            </ul>
            {shown.length < matching.length && (
              <button
                type="button"
                onClick={() => setLimit((n) => n + MONITORING_CARDS)}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                {t("showMore", { count: Math.min(MONITORING_CARDS, matching.length - shown.length) })}
              </button>
            )}
          </section>
          {compared.length > 0 && <Comparison clusters={compared} note={compared.length < clusters.length ? t("compareShown", { count: compared.length }) : undefined} />}
        </>
      )}
      <AlertsList title={t("alerts")} />
    </div>
  );
}

function ClusterCard({ cluster }: { cluster: string }) {
  const t = useTranslations("monitoring");
  const { data } = useQuery(clustersQuery());
  const view = data?.items.find((c) => c.name === cluster);
  const tiles = useClusterTiles();
  const name = view?.displayName || cluster;
  return (
    <li data-testid={`monitoring-cluster-${cluster}`} className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-2">
          <h3 className="truncate font-medium">
            <Link href={`/c/${encodeURIComponent(cluster)}/monitoring`} className="text-sky-800 hover:underline dark:text-sky-300" aria-label={t("overview.openDashboard", { cluster: name })}>
              {name}
            </Link>
          </h3>
          {view && <HealthBadge health={view.health} />}
        </div>
      </div>
      {view && !view.prometheusURL ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300" data-problem="no_metrics">
          {t("panel.noMetrics")}
        </p>
      ) : (
        <>
          <StatTiles params={{ templates: CLUSTER_TILE_TEMPLATES, clusters: [cluster] }} tiles={tiles} label={t("overview.stats", { cluster: name })} narrow />
          <div className="grid gap-3 sm:grid-cols-2">
            {(["cpu", "memory"] as const).map((r) => (
              <ChartPanel
                key={r}
                variant="plain"
                title={t(`charts.${r}Utilisation`)}
                params={{ templates: [`cluster_${r}_utilisation`], clusters: [cluster] }}
                lines={[{ template: `cluster_${r}_utilisation`, label: t(`charts.${r}Utilisation`) }]}
                unit="ratio"
                axisLabel=""
                height={120}
                legend={false}
                testId={`chart-cluster_${r}_utilisation-${cluster}`}
              />
            ))}
          </div>
        </>
      )}
    </li>
  );
}

function Comparison({ clusters, note }: { clusters: string[]; note?: string }) {
  const t = useTranslations("monitoring");
  const id = useId();
  const [raw, setTemplate] = useUrlParam("compare", COMPARE[0].template);
  const choice = COMPARE.find((c) => c.template === raw) ?? COMPARE[0];
  return (
    <ChartPanel
      title={t("overview.compare")}
      description={note ?? t("overview.compareHint")}
      params={{ templates: [choice.template], clusters }}
      lines={[{ template: choice.template, label: t(`templates.${choice.template}`) }]}
      unit={choice.unit}
      height={260}
      testId="chart-compare"
      actions={
        <div className="flex items-center gap-2">
          <label htmlFor={id} className="sr-only">
            {t("overview.compareMetric")}
          </label>
          <select id={id} value={choice.template} onChange={(e) => setTemplate(e.target.value)} className={`${inputClass} w-auto py-1`}>
            {COMPARE.map((c) => (
              <option key={c.template} value={c.template}>
                {t(`templates.${c.template}`)}
              </option>
            ))}
          </select>
        </div>
      }
    />
  );
}

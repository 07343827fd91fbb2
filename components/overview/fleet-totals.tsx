"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FleetTotals as Totals, fleetTotals } from "@/lib/clusters/fleet-totals";
import { clustersQuery } from "@/lib/clusters/queries";

function Tile({ label, testId, children, note }: { label: string; testId: string; children: React.ReactNode; note?: React.ReactNode }) {
  return (
    <div className="min-w-0 rounded-md bg-slate-50 px-3 py-2 dark:bg-slate-800/50" data-testid={testId}>
      <dt className="truncate text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 font-mono text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-100" data-testid={`${testId}-value`}>
        {children}
      </dd>
      {note && <dd className="truncate text-xs text-slate-500 dark:text-slate-400">{note}</dd>}
    </div>
  );
}

/**
 * The fleet at a glance, above the cluster cards: the clusters' counts follow
 * their pushed health; tenants, projects and the firing alerts (streamed, as
 * Prometheus may be slow) come from the server page, of what the caller sees.
 * `initial` is the clusters' totals as the server rendered them, until the live list is here.
 */
export function FleetTotals({ tenants, projects, alerts, initial }: { tenants: number; projects: number; alerts: React.ReactNode; initial: Totals }) {
  const t = useTranslations("overview.totals");
  const live = useQuery(clustersQuery()).data?.items;
  const f = live ? fleetTotals(live) : initial;
  return (
    <dl aria-label={t("label")} className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
      <Tile label={t("clusters")} testId="total-clusters" note={t("health", { ready: f.byHealth.Ready, down: f.clusters - f.byHealth.Ready })}>
        {f.clusters}
      </Tile>
      <Tile label={t("nodes")} testId="total-nodes">
        {f.nodes}
      </Tile>
      <Tile label={t("pods")} testId="total-pods">
        {f.pods}
      </Tile>
      <Tile label={t("tenants")} testId="total-tenants">
        {tenants}
      </Tile>
      <Tile label={t("projects")} testId="total-projects">
        {projects}
      </Tile>
      <Tile label={t("alerts")} testId="total-alerts">
        {alerts}
      </Tile>
    </dl>
  );
}

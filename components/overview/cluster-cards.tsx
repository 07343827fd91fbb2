"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { HealthBadge } from "@/components/clusters/health-badge";
import { useSession } from "@/components/providers";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/states";
import { overviewCards } from "@/lib/clusters/fleet-totals";
import { clustersQuery } from "@/lib/clusters/queries";
import type { ClusterView } from "@/lib/validations/cluster";

/**
 * A card per cluster with live health (pushed by the server); of a large fleet the ones that need attention first
 * (lib/clusters/fleet-totals.ts). `initial` is what the server rendered, until the live list is here.
 */
export function ClusterCards({ initial }: { initial: { cards: ClusterView[]; total: number } }) {
  const t = useTranslations("overview");
  const s = useSession();
  const live = useQuery(clustersQuery()).data?.items;
  const cards = live ? overviewCards(live) : initial.cards;
  const total = live?.length ?? initial.total;
  if (total === 0) {
    return <EmptyState title={t("noClusters")}>{s.can.manageClusters ? t("noClustersAdmin") : t("noClustersUser")}</EmptyState>;
  }
  return (
    <div className="space-y-3">
      {cards.length < total && (
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="cluster-cards-shown">
          {t("cardsShown", { shown: cards.length, total })}{" "}
          <Link href="/clusters" className="text-sky-800 hover:underline dark:text-sky-300">
            {t("allClusters")}
          </Link>
        </p>
      )}
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label={t("title")}>
        {cards.map((c) => (
          <li key={c.name} data-testid={`cluster-card-${c.name}`} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <Link href={`/c/${c.name}`} className="font-medium text-sky-800 hover:underline dark:text-sky-300" aria-label={t("open", { cluster: c.displayName })}>
                  {c.displayName}
                </Link>
                {c.displayName !== c.name && <p className="text-xs text-slate-500">{c.name}</p>}
              </div>
              <HealthBadge health={c.health} />
            </div>
            <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">{t("version")}</dt>
                <dd>{c.health.version ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("nodes")}</dt>
                <dd data-testid="node-count">{c.health.nodeCount ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("pods")}</dt>
                <dd>{c.health.podCount ?? "—"}</dd>
              </div>
            </dl>
            <div className="mt-2 flex flex-wrap gap-1">
              {Object.entries(c.labels)
                .filter(([k]) => !k.includes("/"))
                .map(([k, v]) => (
                  <Badge key={k}>
                    {k}={v}
                  </Badge>
                ))}
              {c.insecureSkipTLSVerify && (
                <Badge tone="amber" title={t("insecureHint")}>
                  {t("insecure")}
                </Badge>
              )}
            </div>
            {c.health.status !== "Ready" && c.health.lastError && (
              <p className="mt-2 text-xs text-red-700 dark:text-red-400">
                {t("lastError")}: {c.health.lastError}
              </p>
            )}
            {c.health.status === "Ready" && c.health.latencyMs !== undefined && (
              <p className="mt-2 text-xs text-slate-500">
                {t("latency")}: {c.health.latencyMs} ms
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { HealthBadge } from "@/components/clusters/health-badge";
import { useSession } from "@/components/providers";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/states";
import { clustersQuery } from "@/lib/clusters/queries";

/** A card per cluster with live health (pushed by the server). */
export function ClusterCards() {
  const t = useTranslations("overview");
  const s = useSession();
  const { data } = useSuspenseQuery(clustersQuery());
  if (data.items.length === 0) {
    return <EmptyState title={t("noClusters")}>{s.can.manageClusters ? t("noClustersAdmin") : t("noClustersUser")}</EmptyState>;
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label={t("title")}>
      {data.items.map((c) => (
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
  );
}

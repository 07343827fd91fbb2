"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { HealthBadge } from "@/components/clusters/health-badge";
import { clustersQuery } from "@/lib/clusters/queries";
import type { ClusterTab } from "@/lib/clusters/tabs";

/** A cluster's title, health and the tabs the caller may open (decided on the server by the proxy's check). */
export function ClusterHeader({ name, tabs }: { name: string; tabs: readonly ClusterTab[] }) {
  const t = useTranslations("cluster.tabs");
  const to = useTranslations("overview");
  const path = usePathname();
  const { data } = useSuspenseQuery(clustersQuery());
  const c = data.items.find((x) => x.name === name);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{c?.displayName ?? name}</h1>
        {c && <HealthBadge health={c.health} />}
        {c?.health.version && <span className="text-sm text-slate-500">{c.health.version}</span>}
        {c && c.health.status !== "Ready" && c.health.lastError && (
          <span className="text-sm text-red-700 dark:text-red-400">
            {to("lastError")}: {c.health.lastError}
          </span>
        )}
      </div>
      <nav aria-label={t("label")} className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {tabs.map((tab) => {
          const href = `/c/${name}/${tab}`;
          const active = path === href || path.startsWith(`${href}/`);
          return (
            <Link
              key={tab}
              href={href}
              aria-current={active ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? "border-sky-600 font-medium text-sky-800 dark:text-sky-300" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400"}`}
            >
              {t(tab)}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}

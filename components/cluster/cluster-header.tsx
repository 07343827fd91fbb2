"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { HealthBadge } from "@/components/clusters/health-badge";
import { NavTabs } from "@/components/ui/nav-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { clustersQuery } from "@/lib/clusters/queries";
import type { ClusterTab } from "@/lib/clusters/tabs";
import type { ClusterView } from "@/lib/validations/cluster";

/**
 * A cluster's title, health and the tabs the caller may open (decided on the server by the proxy's check). `view`
 * is the cluster as the server rendered it; the live list (pushed) takes over once it is here.
 */
export function ClusterHeader({ name, tabs, view }: { name: string; tabs: readonly ClusterTab[]; view: ClusterView }) {
  const t = useTranslations("cluster.tabs");
  const to = useTranslations("overview");
  const path = usePathname();
  const { data } = useQuery(clustersQuery());
  const c = data?.items.find((x) => x.name === name) ?? view;
  return (
    <PageHeader
      title={c?.displayName ?? name}
      meta={
        <>
          {c && <HealthBadge health={c.health} />}
          {c?.health.version && <span className="text-sm text-slate-500">{c.health.version}</span>}
          {c && c.health.status !== "Ready" && c.health.lastError && (
            <span className="text-sm text-red-700 dark:text-red-400">
              {to("lastError")}: {c.health.lastError}
            </span>
          )}
        </>
      }
      tabs={
        <NavTabs
          label={t("label")}
          items={tabs.map((tab) => {
            // The overview is the cluster's own address: active there only, not on every page below it.
            const href = tab === "overview" ? `/c/${name}` : `/c/${name}/${tab}`;
            return { key: tab, href, label: t(tab), active: path === href || (tab !== "overview" && path.startsWith(`${href}/`)) };
          })}
        />
      }
    />
  );
}

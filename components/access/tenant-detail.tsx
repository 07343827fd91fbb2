"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/status-badge";
import { tenantQuery } from "@/lib/access/queries";
import { CustomRoles } from "./custom-roles";
import { QueryView } from "@/components/ui/query-view";
import { Tabs } from "@/components/ui/tabs";
import { TenantQuota } from "@/components/projects/tenant-quota";
import { TENANT_TABS, type TenantTab } from "./tenant-tabs";
import { TenantMembers } from "./tenant-members";
import { TenantSettings } from "./tenant-settings";

/** One tenant: its members (and their permissions), quota, custom roles and settings. */
export function TenantDetail({ name, initialTab }: { name: string; initialTab: TenantTab }) {
  const t = useTranslations("access.tenant");
  const q = useQuery(tenantQuery(name));
  const [tab, setTab] = useState<TenantTab>(initialTab);
  const select = (k: TenantTab) => {
    setTab(k);
    // A shareable address for the tab, without a navigation.
    const url = new URL(window.location.href);
    url.searchParams.set("tab", k);
    window.history.replaceState(null, "", url);
  };
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/access/tenants", label: t("back") }}
        title={q.data?.displayName || name}
        meta={q.data?.displayName && <span className="font-mono text-sm text-slate-500 dark:text-slate-400">{name}</span>}
        subtitle={q.data?.description}
      />
      <QueryView query={q}>
        {(tenant) => (
          <>
            <dl className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
              <div className="flex flex-wrap items-center gap-1.5">
                <dt className="text-slate-500 dark:text-slate-400">{t("clusters")}</dt>
                <dd className="flex flex-wrap gap-1">
                  {tenant.clusters.length ? tenant.clusters.map((c) => <Badge key={c}>{c}</Badge>) : <span className="text-slate-400">{t("noClusters")}</span>}
                </dd>
              </div>
              <div className="flex items-center gap-1.5">
                <dt className="text-slate-500 dark:text-slate-400">{t("projects")}</dt>
                <dd>{tenant.projects}</dd>
              </div>
              <div className="flex items-center gap-1.5">
                <dt className="text-slate-500 dark:text-slate-400">{t("members")}</dt>
                <dd>{tenant.members}</dd>
              </div>
            </dl>
            <Tabs
              label={t("tabsLabel")}
              tabs={TENANT_TABS.map((k) => ({ key: k, label: t(`tabs.${k}`) }))}
              selected={tab}
              onSelect={select}
            >
              {tab === "members" && <TenantMembers tenant={tenant} />}
              {tab === "quota" && <TenantQuota name={tenant.name} />}
              {tab === "roles" && <CustomRoles tenant={tenant} />}
              {tab === "settings" && <TenantSettings key={tenant.name} tenant={tenant} />}
            </Tabs>
          </>
        )}
      </QueryView>
    </div>
  );
}

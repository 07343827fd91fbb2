"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { NavTabs } from "@/components/ui/nav-tabs";

const items = [
  { key: "catalog", href: "/apps" },
  { key: "releases", href: "/apps/releases" },
  { key: "repositories", href: "/apps/repositories" },
] as const;

/** The sections of Apps, as tabs under the title; a chart's page belongs to the catalog. */
export function AppsNav() {
  const t = useTranslations("apps.nav");
  const path = usePathname();
  return (
    <NavTabs
      label={t("label")}
      items={items.map((it) => ({
        key: it.key,
        href: it.href,
        label: t(it.key),
        active: it.href === "/apps" ? path === "/apps" || path.startsWith("/apps/catalog") : path === it.href || path.startsWith(`${it.href}/`),
      }))}
    />
  );
}

"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { NavTabs } from "@/components/ui/nav-tabs";

const items = [
  { key: "mine", href: "/access" },
  { key: "tenants", href: "/access/tenants" },
  { key: "users", href: "/access/users" },
  { key: "roles", href: "/access/roles" },
  { key: "whoCan", href: "/access/who-can" },
  { key: "audit", href: "/access/audit" },
] as const;

/** The sections of Access, as tabs under each section's title. */
export function AccessNav() {
  const t = useTranslations("access.nav");
  const path = usePathname();
  return (
    <NavTabs
      label={t("label")}
      items={items.map((it) => ({
        key: it.key,
        href: it.href,
        label: t(it.key),
        active: it.href === "/access" ? path === "/access" : path === it.href || path.startsWith(`${it.href}/`),
      }))}
    />
  );
}

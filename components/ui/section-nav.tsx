"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { NavTabs } from "./nav-tabs";

/**
 * A section's pages as tabs under its title: the first item is the section's
 * root (current only there, or under an `also` prefix), the others are current
 * on their page and below it. Labels come from `<namespace>.<key>`, the
 * navigation's name from `<namespace>.label`.
 */
export function SectionNav({ namespace, items }: { namespace: string; items: readonly { key: string; href: string; also?: readonly string[] }[] }) {
  const t = useTranslations(namespace);
  const path = usePathname();
  const under = (p: string) => path === p || path.startsWith(`${p}/`);
  return (
    <NavTabs
      label={t("label")}
      items={items.map((it, i) => ({
        key: it.key,
        href: it.href,
        label: t(it.key),
        active: (i === 0 ? path === it.href : under(it.href)) || (it.also ?? []).some(under),
      }))}
    />
  );
}

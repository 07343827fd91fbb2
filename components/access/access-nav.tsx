"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const items = [
  { key: "mine", href: "/access" },
  { key: "tenants", href: "/access/tenants" },
  { key: "users", href: "/access/users" },
  { key: "roles", href: "/access/roles" },
  { key: "whoCan", href: "/access/who-can" },
] as const;

/** The sections of Access; the tenant pages belong to "Tenants". */
export function AccessNav() {
  const t = useTranslations("access.nav");
  const path = usePathname();
  return (
    <nav aria-label={t("label")} className="border-b border-slate-200 dark:border-slate-800">
      <ul className="flex gap-1 overflow-x-auto">
        {items.map((it) => {
          const active = it.href === "/access" ? path === "/access" : path === it.href || path.startsWith(`${it.href}/`);
          return (
            <li key={it.key}>
              <Link
                href={it.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2 text-sm whitespace-nowrap ${
                  active
                    ? "border-sky-700 font-medium text-sky-800 dark:border-sky-400 dark:text-sky-200"
                    : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
                }`}
              >
                {t(it.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

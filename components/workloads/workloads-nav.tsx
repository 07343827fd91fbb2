"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { NAV_KINDS } from "@/components/kinds/registry";
import { listHref, nsHref } from "@/lib/k8s/kinds/kind";

/** The workload pages of one namespace on one cluster: its overview and a tab per kind the caller may list (`kinds`, decided on the server). */
export function WorkloadsNav({ cluster, ns, kinds }: { cluster: string; ns: string; kinds: readonly string[] }) {
  const t = useTranslations("workloads.nav");
  const tk = useTranslations("workloads.kinds");
  const path = usePathname();
  const base = nsHref(cluster, ns);
  const tabs = [{ key: "overview", href: base, label: t("overview") }, ...NAV_KINDS.filter((k) => kinds.includes(k.slug)).map((k) => ({ key: k.slug, href: listHref(cluster, ns, k.slug), label: tk(k.slug) }))];
  const current = (href: string) => (href === base ? path === base : path === href || path.startsWith(`${href}/`));
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich("where", {
          ns: () => <span className="font-mono font-medium text-slate-900 dark:text-slate-100">{ns}</span>,
          cluster: () => <span className="font-medium text-slate-900 dark:text-slate-100">{cluster}</span>,
        })}
        <Link href={`/workloads?cluster=${encodeURIComponent(cluster)}&ns=${encodeURIComponent(ns)}`} className="ml-3 text-sky-700 hover:underline dark:text-sky-300">
          {t("switch")}
        </Link>
      </p>
      <nav aria-label={t("label")} className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
        {tabs.map((tab) => {
          const active = current(tab.href);
          return (
            <Link
              key={tab.key}
              href={tab.href}
              aria-current={active ? "page" : undefined}
              className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm ${active ? "border-sky-600 font-medium text-sky-800 dark:text-sky-300" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"}`}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}

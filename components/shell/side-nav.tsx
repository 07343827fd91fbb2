"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const items = [
  { key: "overview", href: "/", ready: true },
  { key: "clusters", href: "/clusters", ready: true },
  { key: "projects", href: "/projects", ready: true },
  { key: "workloads", href: "/workloads", ready: true },
  { key: "network", href: "/network", ready: true },
  { key: "pipelines", href: "/pipelines", ready: true },
  { key: "apps", href: "/apps", ready: true },
  { key: "monitoring", href: "/monitoring", ready: true },
  { key: "access", href: "/access", ready: true },
] as const;

export function SideNav() {
  const t = useTranslations("shell.nav");
  const path = usePathname();
  return (
    <nav aria-label={t("label")} className="w-52 shrink-0 border-r border-slate-200 p-3 dark:border-slate-800">
      <ul className="space-y-0.5">
        {items.map((it) => {
          // Pages of a project on a cluster (/c/<c>/ns/<ns>/…) belong to Workloads, its routes and gateways to
          // Network, its pipelines and runs to Pipelines; the rest of /c/… to Clusters.
          const inProject = /^\/c\/[^/]+\/ns\//.test(path);
          const inNetwork = /^\/c\/[^/]+\/ns\/[^/]+\/(httproutes|ingresses|gateways)(\/|$)/.test(path);
          const inPipelines = /^\/c\/[^/]+\/ns\/[^/]+\/(pipelines|pipelineruns|taskruns)(\/|$)/.test(path);
          const active =
            it.href === "/"
              ? path === "/"
              : path === it.href ||
                path.startsWith(`${it.href}/`) ||
                (it.key === "clusters" && path.startsWith("/c/") && !inProject) ||
                (it.key === "workloads" && inProject && !inNetwork && !inPipelines) ||
                (it.key === "network" && inNetwork) ||
                (it.key === "pipelines" && inPipelines);
          return (
            <li key={it.key}>
              <Link
                href={it.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center justify-between rounded-md px-3 py-2 text-sm ${active ? "bg-sky-50 font-medium text-sky-800 dark:bg-sky-900/40 dark:text-sky-200" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
              >
                {t(it.key)}
                {!it.ready && <span className="text-[10px] uppercase text-slate-400">{t("soon")}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

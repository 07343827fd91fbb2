"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { QueryView } from "@/components/ui/query-view";
import { EmptyState } from "@/components/ui/states";
import { Badge } from "@/components/ui/status-badge";
import { type CatalogAnswer, type CatalogChart, type CatalogFilter, catalogQuery, chartHref, repositoriesQuery } from "@/lib/query/apps";

// The catalog: every chart of the repositories the caller sees, narrowed by
// text, category and repository (kept in the address, so a search can be
// shared); a repository that cannot be read says so above the charts.

export const MESSAGES = "apps.catalog";

/** The catalog's filters as the address holds them. */
export function catalogFilterOf(sp: { get: (k: string) => string | null }): CatalogFilter {
  return { q: sp.get("q") ?? "", category: sp.get("category") ?? "", repo: sp.get("repo") ?? "" };
}

export function Catalog() {
  const sp = useSearchParams();
  const filter = useMemo(() => catalogFilterOf(sp), [sp]);
  const onFilter = useCallback((f: CatalogFilter) => {
    const url = new URL(window.location.href);
    for (const k of ["q", "category", "repo"] as const) {
      const v = f[k]?.trim();
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    // In place (Next.js follows history.replaceState): no history entry per keystroke, no server render.
    window.history.replaceState(null, "", url);
  }, []);
  const q = useQuery({ ...catalogQuery(filter), placeholderData: keepPreviousData });
  const repos = useQuery(repositoriesQuery());
  const repoOptions = (repos.data?.items ?? []).map((r) => ({ value: r.name, label: r.displayName }));
  return (
    <div className="space-y-4">
      <CatalogFilters filter={filter} onFilter={onFilter} categories={q.data?.categories ?? []} repos={repoOptions} />
      <QueryView query={q}>{(answer) => <CatalogView answer={answer} filtered={!!(filter.q || filter.category || filter.repo)} stale={q.isPlaceholderData} />}</QueryView>
    </div>
  );
}

function CatalogFilters({
  filter,
  onFilter,
  categories,
  repos,
}: {
  filter: CatalogFilter;
  onFilter: (f: CatalogFilter) => void;
  categories: string[];
  repos: { value: string; label: string }[];
}) {
  const t = useTranslations(MESSAGES);
  const id = useId();
  const [text, setText] = useState(filter.q ?? "");
  // The search goes out once typing pauses.
  useEffect(() => {
    if (text.trim() === (filter.q ?? "").trim()) return;
    const timer = setTimeout(() => onFilter({ ...filter, q: text }), 250);
    return () => clearTimeout(timer);
  }, [text, filter, onFilter]);
  const chip = (value: string, label: string) => {
    const active = (filter.category ?? "") === value;
    return (
      <button
        key={value || "all"}
        type="button"
        aria-pressed={active}
        onClick={() => onFilter({ ...filter, category: value })}
        className={`rounded-full border px-3 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${
          active
            ? "border-sky-600 bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
            : "border-slate-300 text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
        }`}
      >
        {label}
      </button>
    );
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-4">
        <div className="max-w-md min-w-64 flex-1 space-y-1">
          <label htmlFor={`${id}-q`} className="block text-sm font-medium">
            {t("search")}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("searchPlaceholder")}
            maxLength={100}
            className={inputClass}
          />
        </div>
        <div className="w-64 space-y-1">
          <label htmlFor={`${id}-repo`} className="block text-sm font-medium">
            {t("repository")}
          </label>
          <select id={`${id}-repo`} value={filter.repo ?? ""} onChange={(e) => onFilter({ ...filter, repo: e.target.value })} className={inputClass}>
            <option value="">{t("allRepositories")}</option>
            {repos.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label !== r.value ? `${r.label} (${r.value})` : r.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {categories.length > 0 && (
        <div role="group" aria-label={t("categories")} className="flex flex-wrap gap-2">
          {chip("", t("allCategories"))}
          {categories.map((c) => chip(c, c))}
        </div>
      )}
    </div>
  );
}

/** Pure: the charts of an answer as cards, with a warning per repository that could not be read. */
export function CatalogView({ answer, filtered, stale }: { answer: CatalogAnswer; filtered: boolean; stale?: boolean }) {
  const t = useTranslations(MESSAGES);
  return (
    <div className="space-y-4" aria-busy={stale || undefined}>
      {answer.unavailable.map((u) => (
        <div
          key={u.repo}
          role="alert"
          data-testid={`repo-unavailable-${u.repo}`}
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
        >
          <p className="font-medium">{t("unavailable", { repo: u.repo })}</p>
          <p className="mt-0.5 break-words">{u.error}</p>
        </div>
      ))}
      {answer.items.length === 0 ? (
        filtered ? (
          <EmptyState title={t("noMatches")} />
        ) : (
          <EmptyState title={t("empty")}>
            {t.rich("emptyHint", {
              link: (chunks) => (
                <Link href="/apps/repositories" className="text-sky-800 underline dark:text-sky-300">
                  {chunks}
                </Link>
              ),
            })}
          </EmptyState>
        )
      ) : (
        <>
          <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
            {t("count", { count: answer.items.length })}
          </p>
          <ul className={`grid gap-4 sm:grid-cols-2 xl:grid-cols-3 ${stale ? "opacity-60" : ""}`}>
            {answer.items.map((c) => (
              <li key={`${c.repo}/${c.name}`}>
                <ChartCard chart={c} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ChartCard({ chart: c }: { chart: CatalogChart }) {
  const t = useTranslations(MESSAGES);
  return (
    <Link
      href={chartHref(c.repo, c.name)}
      data-testid={`chart-card-${c.repo}-${c.name}`}
      aria-label={t("open", { chart: c.displayName })}
      className="flex h-full flex-col gap-3 rounded-lg border border-slate-200 p-4 hover:border-sky-500 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:border-sky-400"
    >
      <div className="flex items-start gap-3">
        <span aria-hidden className="flex h-10 w-10 shrink-0 items-center justify-center rounded-md bg-sky-100 text-lg font-semibold text-sky-800 uppercase dark:bg-sky-900/50 dark:text-sky-200">
          {c.displayName.slice(0, 1)}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate font-semibold text-slate-900 dark:text-slate-100">{c.displayName}</p>
          <p className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{c.name}</p>
        </div>
        {c.category && <Badge tone="sky">{c.category}</Badge>}
      </div>
      <p className="line-clamp-3 flex-1 text-sm text-slate-600 dark:text-slate-300">{c.description || t("noDescription")}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-slate-500 dark:text-slate-400">{t("latest")}</dt>
        <dd className="font-mono">{c.latest}</dd>
        {c.appVersion && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">{t("appVersion")}</dt>
            <dd className="font-mono">{c.appVersion}</dd>
          </>
        )}
        <dt className="text-slate-500 dark:text-slate-400">{t("repository")}</dt>
        <dd className="truncate">{c.repoDisplayName}</dd>
      </dl>
      {c.keywords.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label={t("keywords")}>
          {c.keywords.slice(0, 8).map((k) => (
            <li key={k} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              {k}
            </li>
          ))}
        </ul>
      )}
    </Link>
  );
}

"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { Button } from "@/components/ui/button";
import { useErrorTitle } from "@/components/ui/query-view";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { type AuditEvent, type HealthAnswer, auditPagesQuery, healthQuery } from "./audit-api";
import { AuditFilterBar } from "./audit-filters";
import { type AuditFilters, MAX_ROWS, exportHref, filtersFromSearch, filtersToSearch, hasFilters, isTrailOff } from "./audit-model";
import { AuditFailing, AuditOff, AuditTable } from "./audit-views";

/** The trail as one list of what has been read so far. */
export interface AuditList {
  status: "pending" | "error" | "success";
  events: AuditEvent[];
  error?: unknown;
  /** Older events exist beyond the last page read. */
  hasMore: boolean;
  loadingMore: boolean;
  /** The rows are those of the previous filters while the new ones load. */
  stale: boolean;
  loadMore: () => void;
  retry: () => void;
}

/**
 * The audit page: filters kept in the address (a reload or a shared link
 * shows the same events), the events a page at a time, exports of the same
 * query, and the state of the trail's database.
 */
export function AuditTrail() {
  const sp = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(sp), [sp]);
  // The address is replaced in place (Next.js keeps useSearchParams in step
  // with history.replaceState): no history entry per keystroke, and no server render either.
  const onApply = useCallback((f: AuditFilters) => {
    const url = new URL(window.location.href);
    url.search = filtersToSearch(f).toString();
    window.history.replaceState(null, "", url);
  }, []);
  const q = useInfiniteQuery(auditPagesQuery(filters));
  const health = useQuery(healthQuery());
  const list: AuditList = {
    status: q.status,
    events: q.data?.pages.flatMap((p) => p.items) ?? [],
    error: q.error ?? undefined,
    hasMore: q.hasNextPage,
    loadingMore: q.isFetchingNextPage,
    stale: q.isPlaceholderData,
    loadMore: () => void q.fetchNextPage(),
    retry: () => void q.refetch(),
  };
  return <AuditTrailView filters={filters} onApply={onApply} list={list} health={health.data} />;
}

const linkButton =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";

/** The page's renderer: what the trail's state calls for, from "off" to the table. */
export function AuditTrailView({ filters, onApply, list, health }: { filters: AuditFilters; onApply: (f: AuditFilters) => void; list: AuditList; health?: HealthAnswer }) {
  const t = useTranslations("access.audit");
  const tc = useTranslations("common");
  const errorTitle = useErrorTitle();
  if (list.status === "error" && isTrailOff(list.error, health)) return <AuditOff />;

  const fieldErrors = list.error instanceof ApiClientError && list.error.status === 422 ? list.error.fields : undefined;
  // Each page is a click; past this many rows the reader is better served by narrower filters or a file.
  const events = list.events.length > MAX_ROWS ? list.events.slice(0, MAX_ROWS) : list.events;
  const capped = list.events.length >= MAX_ROWS && list.hasMore;

  return (
    <div className="space-y-4">
      {health?.audit?.failing && <AuditFailing audit={health.audit} />}
      <AuditFilterBar filters={filters} onApply={onApply} errors={fieldErrors} />
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite" data-testid="audit-count">
          {list.status === "success" && t(list.hasMore ? "countMore" : "count", { count: events.length })}
        </span>
        <span className="ml-auto flex items-center gap-2" title={t("exportHint")}>
          <a href={exportHref(filters, "csv")} download className={linkButton} data-testid="audit-export-csv">
            {t("exportCsv")}
          </a>
          <a href={exportHref(filters, "jsonl")} download className={linkButton} data-testid="audit-export-jsonl">
            {t("exportJsonl")}
          </a>
        </span>
      </div>
      {list.status === "pending" ? (
        <LoadingState label={tc("loading")} />
      ) : list.status === "error" ? (
        <ErrorState title={errorTitle(list.error)} message={list.error instanceof Error ? list.error.message : String(list.error)}>
          {!fieldErrors && (
            <Button className="mt-3" onClick={list.retry}>
              {tc("retry")}
            </Button>
          )}
        </ErrorState>
      ) : events.length === 0 ? (
        <div data-testid="audit-empty">
          <EmptyState title={t("empty")}>{hasFilters(filters) ? t("emptyFiltered") : t("emptyHint")}</EmptyState>
        </div>
      ) : (
        <>
          <AuditTable events={events} busy={list.stale} />
          {capped ? (
            <p className="text-center text-sm text-slate-500 dark:text-slate-400" data-testid="audit-capped">
              {t("capped", { max: MAX_ROWS })}
            </p>
          ) : (
            list.hasMore && (
              <div className="flex justify-center">
                <Button data-testid="audit-load-more" onClick={list.loadMore} disabled={list.loadingMore || list.stale}>
                  {list.loadingMore ? t("loadingMore") : t("loadMore")}
                </Button>
              </div>
            )
          )}
        </>
      )}
    </div>
  );
}

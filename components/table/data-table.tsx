"use client";

import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/states";
import type { ListProgress } from "@/lib/client/list-paging";
import { rowWindow } from "./windowing";

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => React.ReactNode;
  /** Value to sort by; columns without one are not sortable. */
  sortValue?: (row: T) => string | number;
  /** Text the filter box matches; defaults to the sort value. */
  filterValue?: (row: T) => string;
  /** CSS grid track, e.g. "minmax(12rem,2fr)" or "6rem". */
  width?: string;
}

type Sort = { id: string; desc: boolean };

const ROW_HEIGHT = 40;
const OVERSCAN = 12;
// Before the viewport is measured (and on the server): a screenful.
const FIRST_VIEWPORT = 800;
// One collator for every comparison: localeCompare with options builds one per call.
const collator = new Intl.Collator(undefined, { numeric: true });

/** Follows a scroll container's position and height (at most once a frame). */
function useViewport(el: HTMLElement | null) {
  const [view, setView] = useState({ scrollTop: 0, height: FIRST_VIEWPORT });
  useEffect(() => {
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setView((v) => (v.scrollTop === el.scrollTop && v.height === el.clientHeight ? v : { scrollTop: el.scrollTop, height: el.clientHeight }));
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(read);
    };
    read();
    el.addEventListener("scroll", schedule, { passive: true });
    const ro = new ResizeObserver(schedule);
    ro.observe(el);
    return () => {
      el.removeEventListener("scroll", schedule);
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [el]);
  return view;
}

/**
 * A pure renderer for lists of any size: filter, sort, and only the visible
 * rows in the DOM (ten thousand rows scroll like ten). `progress` says how much
 * of a collection that is still loading the rows are, so the count stays honest.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  label,
  initialSort,
  empty,
  toolbar,
  maxHeight = "calc(100vh - 16rem)",
  progress,
  initialFilter = "",
  onFilterChange,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  initialSort?: Sort;
  empty?: string;
  toolbar?: React.ReactNode;
  maxHeight?: string;
  progress?: ListProgress;
  /** The filter text to start with, and where its changes go (e.g. the address, so a filtered view can be linked). */
  initialFilter?: string;
  onFilterChange?: (filter: string) => void;
}) {
  const t = useTranslations("common");
  const [filter, setFilter] = useState(initialFilter);
  const [sort, setSort] = useState<Sort | undefined>(initialSort);
  const deferredFilter = useDeferredValue(filter);

  const visible = useMemo(() => {
    const q = deferredFilter.trim().toLowerCase();
    let out = rows;
    if (q) {
      const texts = columns.map((c) => c.filterValue ?? (c.sortValue ? (r: T) => String(c.sortValue!(r)) : undefined));
      out = rows.filter((r) => texts.some((f) => f && f(r).toLowerCase().includes(q)));
    }
    if (sort) {
      const col = columns.find((c) => c.id === sort.id);
      if (col?.sortValue) {
        const key = col.sortValue;
        const withKeys = out.map((r) => [key(r), r] as const);
        withKeys.sort((a, b) => {
          const x = a[0];
          const y = b[0];
          const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
          return sort.desc ? -c : c;
        });
        out = withKeys.map(([, r]) => r);
      }
    }
    return out;
  }, [rows, columns, deferredFilter, sort]);

  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const view = useViewport(body);
  const win = rowWindow({ count: visible.length, rowHeight: ROW_HEIGHT, scrollTop: view.scrollTop, viewportHeight: view.height, overscan: OVERSCAN });
  const grid = columns.map((c) => c.width ?? "minmax(8rem,1fr)").join(" ");
  // Narrow screens scroll sideways instead of cutting columns off.
  const minWidthRem = columns.reduce((sum, c) => sum + Number(/([\d.]+)rem/.exec(c.width ?? "8rem")?.[1] ?? 8), 0);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <input
          type="search"
          aria-label={t("filter")}
          placeholder={t("filterPlaceholder")}
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            onFilterChange?.(e.target.value);
          }}
          className={`${inputClass} max-w-sm`}
        />
        <span
          className="text-xs text-slate-500 dark:text-slate-400"
          aria-live="polite"
          // Announced once the list is complete, not at every page that arrives.
          aria-busy={!!progress && !progress.complete}
          data-testid="row-count"
          data-loaded={rows.length}
          data-total={progress && !progress.complete ? (progress.total ?? "") : rows.length}
        >
          {!progress || progress.complete
            ? t("rows", { shown: visible.length, total: rows.length })
            : progress.total !== undefined
              ? t("rowsLoading", { shown: visible.length, total: progress.total })
              : t("rowsLoadingMore", { shown: visible.length, loaded: rows.length })}
        </span>
        <div className="ml-auto flex items-center gap-2">{toolbar}</div>
      </div>
      {rows.length === 0 && (!progress || progress.complete) ? (
        <EmptyState title={empty ?? t("noRows")} />
      ) : (
        <div
          role="table"
          aria-label={label}
          aria-rowcount={visible.length + 1}
          className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700"
        >
          <div style={{ minWidth: `${minWidthRem}rem` }}>
            <div role="rowgroup" className="bg-slate-50 dark:bg-slate-800/60">
              <div role="row" aria-rowindex={1} className="grid border-b border-slate-200 dark:border-slate-700" style={{ gridTemplateColumns: grid }}>
                {columns.map((c) => {
                  const active = sort?.id === c.id;
                  return (
                    <div
                      key={c.id}
                      role="columnheader"
                      aria-sort={active ? (sort!.desc ? "descending" : "ascending") : "none"}
                      className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300"
                    >
                      {c.sortValue ? (
                        <button
                          type="button"
                          onClick={() => setSort(active ? { id: c.id, desc: !sort!.desc } : { id: c.id, desc: false })}
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-white"
                          title={t("sortBy", { column: c.header })}
                        >
                          {c.header}
                          <span aria-hidden className="text-[10px]">
                            {active ? (sort!.desc ? "▼" : "▲") : "↕"}
                          </span>
                        </button>
                      ) : (
                        c.header
                      )}
                    </div>
                  );
                })}
              </div>
            </div>
            {visible.length === 0 ? (
              <p className="p-6 text-center text-sm text-slate-500">{progress && !progress.complete ? t("loading") : t("noMatches")}</p>
            ) : (
              <div
                ref={setBody}
                role="rowgroup"
                // Focusable so the keyboard can scroll it (arrows, Page Up/Down, Home/End).
                tabIndex={0}
                className="overflow-auto focus-visible:outline-2 focus-visible:outline-sky-600"
                style={{ maxHeight }}
                data-testid="table-body"
              >
                <div style={{ height: win.totalHeight, position: "relative" }}>
                  {visible.slice(win.start, win.end).map((row, i) => {
                    const index = win.start + i;
                    return (
                      <div
                        key={rowKey(row)}
                        role="row"
                        aria-rowindex={index + 2}
                        className="absolute left-0 grid w-full items-center border-b border-slate-100 text-sm hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40"
                        style={{ gridTemplateColumns: grid, height: ROW_HEIGHT, transform: `translateY(${index * ROW_HEIGHT}px)` }}
                      >
                        {columns.map((c) => (
                          <div key={c.id} role="cell" className="truncate px-3">
                            {c.cell(row)}
                          </div>
                        ))}
                      </div>
                    );
                  })}
                </div>
              </div>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

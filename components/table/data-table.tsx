"use client";

import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useId, useMemo, useState } from "react";
import { createPortal } from "react-dom";
import { inputClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/states";
import type { ListProgress } from "@/lib/client/list-paging";
import { columnLayout } from "./column-layout";
import { rowWindow } from "./windowing";

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => React.ReactNode;
  /** Value to sort by; columns without one are not sortable. */
  sortValue?: (row: T) => string | number;
  /** Text the filter box matches; defaults to the sort value. */
  filterValue?: (row: T) => string;
  /** CSS grid track, e.g. "minmax(12rem,2fr)" or "6rem"; fixed widths may shrink a little to fit the box. */
  width?: string;
  /** Hidden when the table's box is narrower than this many rem (a column of low value). */
  hideBelow?: number;
  /** The cell's full text, shown on hover and focus when it is cut short; defaults to a text sort value. */
  title?: (row: T) => string | undefined;
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

/** Follows an element's width. */
function useWidth(el: HTMLElement | null) {
  const [width, setWidth] = useState<number>();
  useEffect(() => {
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return width;
}

const cellTitle = <T,>(c: Column<T>, row: T) => {
  if (c.title) return c.title(row);
  const v = c.sortValue?.(row);
  return typeof v === "string" && v ? v : undefined;
};

/** The full text of a focused cell that is cut short: `title` only shows on hover. */
type Tip = { cell: string; text: string; left: number; top: number };

function CellTip({ id, tip }: { id: string; tip?: Tip }) {
  if (!tip) return null;
  return createPortal(
    <div
      id={id}
      role="tooltip"
      className="pointer-events-none fixed z-50 max-w-[40rem] rounded-md bg-slate-900 px-2 py-1 text-xs break-all text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
      style={{ left: tip.left, top: tip.top }}
    >
      {tip.text}
    </div>,
    document.body,
  );
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
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const layout = columnLayout(columns, useWidth(box));
  const shown = layout.shown.map((i) => columns[i]);
  const grid = layout.template;
  const tipId = useId();
  const [tip, setTip] = useState<Tip>();
  // A focused cell whose text does not fit shows it whole, under the cell.
  const showTip = (e: React.FocusEvent<HTMLDivElement>, key: string, text: string | undefined) => {
    const el = e.currentTarget;
    if (!text || el.scrollWidth <= el.clientWidth) return setTip(undefined);
    const r = el.getBoundingClientRect();
    setTip({ cell: key, text, left: r.left, top: r.bottom + 2 });
  };

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
          ref={setBox}
          role="table"
          aria-label={label}
          aria-rowcount={visible.length + 1}
          aria-colcount={columns.length}
          className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700"
          data-testid="table-box"
        >
          <CellTip id={tipId} tip={tip} />
          {/* Below the columns' smallest widths (narrow screens) it scrolls sideways rather than cutting columns off. */}
          <div style={{ minWidth: `${layout.minWidthRem}rem` }}>
            <div role="rowgroup" className="bg-slate-50 dark:bg-slate-800/60">
              <div role="row" aria-rowindex={1} className="grid items-end border-b border-slate-200 dark:border-slate-700" style={{ gridTemplateColumns: grid }}>
                {shown.map((c) => {
                  const active = sort?.id === c.id;
                  return (
                    <div
                      key={c.id}
                      role="columnheader"
                      aria-sort={active ? (sort!.desc ? "descending" : "ascending") : "none"}
                      // Headers wrap rather than cut: the header row's height is free, the rows' is not.
                      className="min-w-0 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide break-words text-slate-600 dark:text-slate-300"
                    >
                      {c.sortValue ? (
                        <button
                          type="button"
                          onClick={() => setSort(active ? { id: c.id, desc: !sort!.desc } : { id: c.id, desc: false })}
                          className="inline-flex max-w-full items-center gap-1 text-left uppercase hover:text-slate-900 dark:hover:text-white"
                          title={t("sortBy", { column: c.header })}
                        >
                          <span className="min-w-0">{c.header}</span>
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
                className="overflow-x-hidden overflow-y-auto focus-visible:outline-2 focus-visible:outline-sky-600"
                onScroll={() => setTip(undefined)}
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
                        {shown.map((c) => {
                          const title = cellTitle(c, row);
                          const key = `${rowKey(row)}/${c.id}`;
                          return (
                            <div
                              key={c.id}
                              role="cell"
                              className="min-w-0 truncate px-3"
                              title={title}
                              aria-describedby={tip?.cell === key ? tipId : undefined}
                              onFocus={(e) => showTip(e, key, title)}
                              onBlur={() => setTip(undefined)}
                            >
                              {c.cell(row)}
                            </div>
                          );
                        })}
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

"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useDeferredValue, useMemo, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/states";

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

/**
 * A pure renderer for lists of any size: filter, sort, and only the visible
 * rows in the DOM (ten thousand rows scroll like ten).
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
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  initialSort?: Sort;
  empty?: string;
  toolbar?: React.ReactNode;
  maxHeight?: string;
}) {
  const t = useTranslations("common");
  const [filter, setFilter] = useState("");
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
          const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
          return sort.desc ? -c : c;
        });
        out = withKeys.map(([, r]) => r);
      }
    }
    return out;
  }, [rows, columns, deferredFilter, sort]);

  const parentRef = useRef<HTMLDivElement>(null);
  // The React Compiler is not enabled; useVirtualizer's unmemoizable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Before the first measurement (and on the server) render a screenful.
    initialRect: { width: 1200, height: 800 },
  });
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
          onChange={(e) => setFilter(e.target.value)}
          className={`${inputClass} max-w-sm`}
        />
        <span className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {t("rows", { shown: visible.length, total: rows.length })}
        </span>
        <div className="ml-auto flex items-center gap-2">{toolbar}</div>
      </div>
      {rows.length === 0 ? (
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
              <p className="p-6 text-center text-sm text-slate-500">{t("noMatches")}</p>
            ) : (
              <div ref={parentRef} role="rowgroup" className="overflow-auto" style={{ maxHeight }} data-testid="table-body">
                <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                  {virtualizer.getVirtualItems().map((v) => {
                    const row = visible[v.index];
                    return (
                      <div
                        key={rowKey(row)}
                        role="row"
                        aria-rowindex={v.index + 2}
                        className="absolute left-0 grid w-full items-center border-b border-slate-100 text-sm hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40"
                        style={{ gridTemplateColumns: grid, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
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

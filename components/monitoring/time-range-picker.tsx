"use client";

import { useIsFetching, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { inputClass } from "@/components/ui/field";
import { REFRESH_KEYS, type RefreshKey, RANGE_KEYS, monitoringKey } from "@/lib/monitoring/queries";
import type { RangeKey } from "@/lib/monitoring/templates";
import { useDashboardTime } from "./use-dashboard-params";

/**
 * The dashboard's time range (15 min … 7 days) and auto-refresh, kept in the
 * address (?range=, ?refresh=), plus "refresh now".
 */
export function TimeRangePicker() {
  const t = useTranslations("monitoring.time");
  const id = useId();
  const qc = useQueryClient();
  const fetching = useIsFetching({ queryKey: monitoringKey }) > 0;
  const { range, refresh, setRange, setRefresh } = useDashboardTime();
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="time-range-picker">
      <div role="group" aria-label={t("range")} className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
        {RANGE_KEYS.map((k: RangeKey) => (
          <button
            key={k}
            type="button"
            aria-pressed={k === range}
            title={t(`rangeLong.${k}`)}
            onClick={() => setRange(k)}
            className={`border-l border-slate-300 px-2.5 py-1 text-sm first:border-l-0 focus-visible:relative focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-600 ${
              k === range ? "bg-sky-700 font-medium text-white dark:bg-sky-600" : "bg-white text-slate-700 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
            }`}
          >
            {t(`rangeShort.${k}`)}
          </button>
        ))}
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-refresh`} className="whitespace-nowrap text-sm text-slate-600 dark:text-slate-300">
          {t("refresh")}
        </label>
        <select id={`${id}-refresh`} value={refresh} onChange={(e) => setRefresh(e.target.value as RefreshKey)} className={`${inputClass} w-auto py-1`}>
          {REFRESH_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`every.${k}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => void qc.invalidateQueries({ queryKey: monitoringKey })}
          aria-label={t("refreshNow")}
          title={t("refreshNow")}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          <span aria-hidden className={`inline-block ${fetching ? "animate-spin" : ""}`}>
            ↻
          </span>
        </button>
      </div>
    </div>
  );
}

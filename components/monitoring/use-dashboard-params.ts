"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { DEFAULT_RANGE, DEFAULT_REFRESH, type RefreshKey, parseRange, parseRefresh } from "@/lib/monitoring/queries";
import type { RangeKey } from "@/lib/monitoring/templates";

/**
 * A search parameter of the page as state. Changes replace the address
 * without a navigation (Next.js keeps useSearchParams in step with
 * history.replaceState), so a dashboard's settings survive a reload and can
 * be shared, and the server is not asked to render again.
 */
export function useUrlParam(name: string, fallback = ""): [string, (v: string) => void] {
  const sp = useSearchParams();
  const value = sp.get(name) ?? fallback;
  const set = useCallback(
    (v: string) => {
      const url = new URL(window.location.href);
      if (!v || v === fallback) url.searchParams.delete(name);
      else url.searchParams.set(name, v);
      window.history.replaceState(null, "", url);
    },
    [name, fallback],
  );
  return [value, set];
}

/** The time range and auto-refresh every panel of a dashboard follows (?range=…&refresh=…). */
export function useDashboardTime(): { range: RangeKey; refresh: RefreshKey; setRange: (r: RangeKey) => void; setRefresh: (r: RefreshKey) => void } {
  const [range, setRange] = useUrlParam("range", DEFAULT_RANGE);
  const [refresh, setRefresh] = useUrlParam("refresh", DEFAULT_REFRESH);
  return { range: parseRange(range), refresh: parseRefresh(refresh), setRange, setRefresh };
}

import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import type { AlertsResponse, ExploreResponse, MetricsResponse } from "./series";
import { RANGES, type RangeKey } from "./templates";

// Browser side of the metrics API (docs/api.md "Monitoring"). Charts are time
// series: unlike Kubernetes lists (kept current by watches) they are polled,
// at the dashboard's auto-refresh interval.

export const monitoringKey = ["console", "monitoring"] as const;

export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];
export const DEFAULT_RANGE: RangeKey = "1h";

export const REFRESH = { off: 0, "15s": 15_000, "30s": 30_000, "1m": 60_000, "5m": 300_000 } as const;
export type RefreshKey = keyof typeof REFRESH;
export const REFRESH_KEYS = Object.keys(REFRESH) as RefreshKey[];
export const DEFAULT_REFRESH: RefreshKey = "30s";

export function parseRange(v: string | null | undefined): RangeKey {
  return RANGE_KEYS.find((k) => k === v) ?? DEFAULT_RANGE;
}

export function parseRefresh(v: string | null | undefined): RefreshKey {
  return REFRESH_KEYS.find((k) => k === v) ?? DEFAULT_REFRESH;
}

export interface MetricsParams {
  templates: string[];
  clusters: string[];
  range: RangeKey;
  namespace?: string;
  node?: string;
  workload?: string;
  kind?: "deployment" | "statefulset" | "daemonset";
}

/** 4xx answers do not change on a retry. */
function retry(failures: number, err: Error) {
  if (err instanceof ApiClientError && err.status >= 400 && err.status < 500) return false;
  return failures < 1;
}

const interval = (refresh: RefreshKey) => (REFRESH[refresh] > 0 ? REFRESH[refresh] : false);

function search(params: Record<string, string | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  return sp.toString();
}

/** One chart's data: templates × clusters over a time range. */
export function metricsQuery(p: MetricsParams, refresh: RefreshKey = "off") {
  const qs = search({
    templates: p.templates.join(","),
    clusters: p.clusters.join(","),
    range: p.range,
    namespace: p.namespace,
    node: p.node,
    workload: p.workload,
    kind: p.kind,
  });
  return queryOptions({
    queryKey: [...monitoringKey, "query", qs],
    queryFn: ({ signal }) => apiFetch<MetricsResponse>(`/api/metrics/query?${qs}`, { signal }),
    refetchInterval: interval(refresh),
    // The window moves with the clock: a remount fetches anew rather than show an old picture as current.
    staleTime: 10_000,
    retry,
    // Switching the range keeps the old chart until the new one is in.
    placeholderData: keepPreviousData,
  });
}

/** Firing and pending alerts of these clusters (default: every cluster the caller may use). */
export function alertsQuery(clusters?: string[], refresh: RefreshKey = "off") {
  const qs = clusters?.length ? `?${search({ clusters: clusters.join(",") })}` : "";
  return queryOptions({
    queryKey: [...monitoringKey, "alerts", qs],
    queryFn: ({ signal }) => apiFetch<AlertsResponse>(`/api/metrics/alerts${qs}`, { signal }),
    refetchInterval: interval(refresh),
    staleTime: 10_000,
    retry,
  });
}

export interface ExploreParams {
  cluster: string;
  query: string;
  range: RangeKey;
  instant: boolean;
}

/** A free-form PromQL query (platform and cluster admins); run on demand, not polled. */
export function exploreQuery(p: ExploreParams) {
  const qs = search({ cluster: p.cluster, query: p.query, range: p.range, instant: String(p.instant) });
  return queryOptions({
    queryKey: [...monitoringKey, "explore", qs],
    queryFn: ({ signal }) => apiFetch<ExploreResponse>(`/api/metrics/explore?${qs}`, { signal }),
    staleTime: Infinity,
    retry,
  });
}

import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { ClusterPage, ClusterView, HealthStatus } from "@/lib/validations/cluster";

export const clustersKey = ["console", "clusters"] as const;

/**
 * Up to this many clusters every page gets the caller's whole list with its
 * HTML (pickers, the switcher, health badges). Past it the list stays out of
 * the HTML — at 1,000 it was 0.8 MB on every page — and arrives from the
 * event stream after the page is up; pages that need clusters at once get
 * just what they show (a first page, one cluster, totals) from the server.
 */
export const SMALL_FLEET = 200;

export type ClusterList = { items: ClusterView[] };

/**
 * Resolves once the browser is idle: a large fleet's whole list (hundreds of
 * kilobytes to parse and render) is fetched after the page has painted what
 * the server sent, not in the way of it.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}

export function clustersQuery() {
  return queryOptions({
    queryKey: clustersKey,
    queryFn: async ({ signal }) => {
      await afterPaint();
      return apiFetch<ClusterList>("/api/clusters", { signal });
    },
    // Pushed by /api/clusters/events.
    staleTime: Infinity,
  });
}

/** The clusters page's server pages for a filter (an infinite query: the first page, then the rest). */
export const clusterPagesKey = (q: string, status: HealthStatus | "") => [...clustersKey, "pages", q, status] as const;

export const FIRST_CLUSTER_PAGE = 50;

/** The first page of `all` as the infinite query's data: what the server would answer for `?limit=50`. */
export function firstClusterPage(all: ClusterView[]): { pages: ClusterPage[]; pageParams: string[] } {
  const items = all.slice(0, FIRST_CLUSTER_PAGE);
  const page: ClusterPage = { items, next: all.length > FIRST_CLUSTER_PAGE ? items[items.length - 1].name : null, total: all.length };
  return { pages: [page], pageParams: [""] };
}

/**
 * A frame of /api/clusters/events: the whole list (first, and whenever a
 * cluster was added or the order changed), else what changed since the last.
 */
export type ClusterEvent = ClusterList | { changed: ClusterView[]; removed: string[] };

/** The list after a frame; undefined when a change arrives with no list to apply it to (the next full frame or a fetch fills it). */
export function applyClusterEvent(old: ClusterList | undefined, ev: ClusterEvent): ClusterList | undefined {
  if ("items" in ev) return ev;
  if (!old) return undefined;
  const changed = new Map(ev.changed.map((c) => [c.name, c]));
  const removed = new Set(ev.removed);
  return { items: old.items.filter((c) => !removed.has(c.name)).map((c) => changed.get(c.name) ?? c) };
}

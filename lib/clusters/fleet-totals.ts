import type { ClusterView, HealthStatus } from "@/lib/validations/cluster";

// The platform Overview's totals over the clusters a caller may use. Pure;
// the browser recomputes them as health is pushed.

export interface FleetTotals {
  clusters: number;
  byHealth: Record<HealthStatus, number>;
  /** Nodes and pods of the clusters whose last check counted them. */
  nodes: number;
  pods: number;
}

export function fleetTotals(clusters: Pick<ClusterView, "health">[]): FleetTotals {
  const out: FleetTotals = { clusters: clusters.length, byHealth: { Ready: 0, Unreachable: 0, Unauthorized: 0, Unknown: 0 }, nodes: 0, pods: 0 };
  for (const c of clusters) {
    out.byHealth[c.health.status]++;
    out.nodes += c.health.nodeCount ?? 0;
    out.pods += c.health.podCount ?? 0;
  }
  return out;
}

/** The Overview shows at most this many cluster cards; the Clusters page has them all. */
export const OVERVIEW_CARDS = 24;

/** The clusters that need attention (not Ready) first, each group in list order. */
export function attentionFirst<T extends Pick<ClusterView, "health">>(clusters: T[]): T[] {
  return [...clusters.filter((c) => c.health.status !== "Ready"), ...clusters.filter((c) => c.health.status === "Ready")];
}

/**
 * The clusters the Overview shows as cards: all of a small fleet in list
 * order; of a larger one, those that need attention first, `limit` in all.
 */
export function overviewCards<T extends Pick<ClusterView, "health">>(clusters: T[], limit = OVERVIEW_CARDS): T[] {
  return clusters.length <= limit ? clusters : attentionFirst(clusters).slice(0, limit);
}

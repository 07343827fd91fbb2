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

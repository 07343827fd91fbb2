import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { eventsPath } from "@/lib/k8s/kinds/event";
import { namespacesPath } from "@/lib/k8s/kinds/namespace";
import { nodesPath } from "@/lib/k8s/kinds/node";
import { MONITORING } from "@/lib/monitoring/service";
import { mayRead } from "@/lib/proxy/server-list";
import type { Runtime } from "@/lib/runtime";

export const CLUSTER_TABS = ["overview", "nodes", "namespaces", "workloads", "events", "monitoring"] as const;
export type ClusterTab = (typeof CLUSTER_TABS)[number];

/**
 * The tabs of a cluster the caller may open, asked of the proxy's own check:
 * a tab is offered only when its list would be served (a developer of one
 * project reads neither the nodes nor the cluster's events).
 */
export function clusterTabs(rt: Runtime, p: Principal, cluster: string): ClusterTab[] {
  const may: Record<ClusterTab, () => boolean> = {
    // The dashboard shows each caller what they may read of the cluster.
    overview: () => true,
    nodes: () => mayRead(rt, p, cluster, nodesPath),
    namespaces: () => mayRead(rt, p, cluster, namespacesPath),
    // Workloads across every namespace: for those who read them cluster-wide (others go by their namespaces).
    workloads: () => mayRead(rt, p, cluster, "/apis/apps/v1/deployments"),
    events: () => mayRead(rt, p, cluster, eventsPath),
    monitoring: () => rt.authz.can(p, MONITORING, "get", { cluster }),
  };
  return CLUSTER_TABS.filter((t) => may[t]());
}

import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ClusterView } from "@/lib/k8s/clusters";
import type { Runtime } from "@/lib/runtime";

/**
 * Clusters a caller may use: all with a platform-wide view; else those their
 * bindings reach — the cluster of a cluster or project binding, the clusters
 * a tenant of theirs may use.
 */
export function clusterNamesFor(rt: Runtime, p: Principal): Set<string> | "all" {
  if (rt.authz.can(p, "console/clusters", "list")) return "all";
  const names = new Set<string>();
  for (const d of rt.authz.domainsOf(p.name)) {
    if (d === "*") return "all";
    if (d.startsWith("cluster:")) names.add(d.slice("cluster:".length));
    else if (d.startsWith("project:")) names.add(d.slice("project:".length).split("/")[0]);
    else if (d.startsWith("tenant:")) for (const c of rt.store.tenant(d.slice("tenant:".length))?.spec.clusters ?? []) names.add(c);
  }
  return names;
}

export async function visibleClusters(rt: Runtime, p: Principal): Promise<ClusterView[]> {
  const all = rt.clusters.views();
  const names = clusterNamesFor(rt, p);
  return names === "all" ? all : all.filter((c) => names.has(c.name));
}

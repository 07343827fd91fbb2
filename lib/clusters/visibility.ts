import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ClusterView } from "@/lib/k8s/clusters";
import type { Runtime } from "@/lib/runtime";

/** Clusters a caller may use: all with a platform role, else those a binding names. */
export async function visibleClusters(rt: Runtime, p: Principal): Promise<ClusterView[]> {
  const all = rt.clusters.views();
  if (await rt.authz.can(p, "clusters.view")) return all;
  const named = new Set<string>();
  for (const b of rt.store.bindings.list()) {
    const s = b.spec.subject;
    const mine = (s.kind === "User" && s.name === p.name) || (s.kind === "Group" && p.groups.includes(s.name));
    if (mine && b.spec.scope.cluster) named.add(b.spec.scope.cluster);
  }
  return all.filter((c) => named.has(c.name));
}

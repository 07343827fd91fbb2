import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import { visibleClusters } from "@/lib/clusters/visibility";
import { namespacedResource } from "@/lib/proxy/scope-discovery";
import { mayRead } from "@/lib/proxy/server-list";
import type { Runtime } from "@/lib/server/context";
import type { FleetPlan } from "./fleet-plan";
import { listProjects } from "./projects";

// Which lists of some kinds a page across the fleet reads (Network,
// Pipelines), decided on the server with the proxy's own check: on the
// clusters the caller may use, each kind cluster-wide where they may list it
// there, else per project namespace. The browser then reads each list on its
// own (useFleetLists), so a slow cluster delays only its own rows.

export interface FleetKind {
  kind: KindInfo;
  /** Listed cluster-wide only, never per project (shared objects such as Gateways). */
  clusterOnly?: boolean;
}

export async function planFleetLists(rt: Runtime, p: Principal, kinds: FleetKind[]): Promise<FleetPlan> {
  const clusters = await visibleClusters(rt, p);
  const projects = listProjects(rt, p);
  const plan: FleetPlan = { lists: [], problems: [], clusters: clusters.length };
  // Custom resources (Gateway API, Tekton) exist on some clusters only; when discovery fails, every kind is tried.
  const served = await Promise.all(
    clusters.map(async (c) => {
      const conn = c.health.status === "Unreachable" ? undefined : rt.clusters.connection(c.name);
      const has = await Promise.all(kinds.map(({ kind: k }) => (conn && k.apiGroup ? namespacedResource(conn, k.apiGroup, k.plural).then((s) => s !== undefined, () => true) : true)));
      return new Set(kinds.filter((_, i) => has[i]).map((k) => k.kind.slug));
    }),
  );
  clusters.forEach((c, ci) => {
    if (c.health.status === "Unreachable") {
      plan.problems.push({ cluster: c.name, status: 503, message: c.health.lastError ?? "unreachable" });
      return;
    }
    const namespaces = projects.filter((x) => x.clusters.some((pc) => pc.cluster === c.name)).map((x) => x.name);
    for (const { kind, clusterOnly } of kinds) {
      if (!served[ci].has(kind.slug)) continue;
      if (mayRead(rt, p, c.name, kind.listPath())) plan.lists.push({ cluster: c.name, slug: kind.slug });
      else if (!clusterOnly) for (const ns of namespaces) if (mayRead(rt, p, c.name, kind.listPath(ns))) plan.lists.push({ cluster: c.name, slug: kind.slug, namespace: ns });
    }
  });
  return plan;
}

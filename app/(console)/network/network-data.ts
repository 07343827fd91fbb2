import "server-only";
import { gateways } from "@/components/kinds/gateway";
import { httproutes } from "@/components/kinds/httproute";
import { ingresses } from "@/components/kinds/ingress";
import type { NetworkPlan } from "@/components/routes/network-view";
import type { Principal } from "@/lib/auth/principal";
import { visibleClusters } from "@/lib/clusters/visibility";
import { namespacedResource } from "@/lib/proxy/scope-discovery";
import { mayRead } from "@/lib/proxy/server-list";
import type { Runtime } from "@/lib/runtime";
import { listProjects } from "@/lib/tenancy/projects";

// What the Network page lists, decided on the server with the proxy's own
// check: every HTTPRoute and Ingress list the caller may read on the clusters
// they may use — cluster-wide where they may list a kind there, else per
// project namespace — and the Gateways where they may list those (cluster and
// platform admins). The browser then reads each list on its own, so a slow
// cluster delays only its own rows.

export async function planNetwork(rt: Runtime, p: Principal): Promise<NetworkPlan> {
  const clusters = await visibleClusters(rt, p);
  const projects = listProjects(rt, p);
  const plan: NetworkPlan = { lists: [], problems: [], gateways: false, clusters: clusters.length };
  const kinds = [httproutes, ingresses, gateways];
  // Custom resources (the Gateway API) exist on some clusters only; when discovery fails, every kind is tried.
  const served = await Promise.all(
    clusters.map(async (c) => {
      const conn = c.health.status === "Unreachable" ? undefined : rt.clusters.connection(c.name);
      const has = await Promise.all(kinds.map((k) => (conn ? namespacedResource(conn, k.apiGroup, k.plural).then((s) => s !== undefined, () => true) : true)));
      return new Set(kinds.filter((_, i) => has[i]).map((k) => k.slug));
    }),
  );
  clusters.forEach((c, ci) => {
    if (c.health.status === "Unreachable") {
      plan.problems.push({ cluster: c.name, status: 503, message: c.health.lastError ?? "unreachable" });
      return;
    }
    const namespaces = projects.filter((x) => x.clusters.some((pc) => pc.cluster === c.name)).map((x) => x.name);
    for (const kind of [httproutes, ingresses]) {
      if (!served[ci].has(kind.slug)) continue;
      if (mayRead(rt, p, c.name, kind.listPath())) plan.lists.push({ cluster: c.name, slug: kind.slug });
      else for (const ns of namespaces) if (mayRead(rt, p, c.name, kind.listPath(ns))) plan.lists.push({ cluster: c.name, slug: kind.slug, namespace: ns });
    }
    if (served[ci].has(gateways.slug) && mayRead(rt, p, c.name, gateways.listPath())) {
      plan.gateways = true;
      plan.lists.push({ cluster: c.name, slug: gateways.slug });
    }
  });
  return plan;
}

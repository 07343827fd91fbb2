import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { visibleClusters } from "@/lib/clusters/visibility";
import { KubeconfigError, credentialsFromKubeconfig } from "@/lib/k8s/kubeconfig";
import { registerCluster } from "@/lib/store/cluster-registry";
import { type ClusterPage, type ClusterView, type ListClustersQuery, createClusterBodySchema, listClustersQuerySchema, matchesLabels } from "@/lib/validations/cluster";

export const dynamic = "force-dynamic";

/** The caller's clusters, host first then by name; filtered and paged on the server (1,000 clusters are one page's worth of work, not the browser's). */
export const GET = withApi({ query: listClustersQuerySchema }, async ({ rt, principal, query }): Promise<ClusterPage> => pageOf(await visibleClusters(rt, principal), query));

function pageOf(all: ClusterView[], q: ListClustersQuery): ClusterPage {
  const needle = q.q?.toLowerCase();
  const statuses = q.status && new Set(q.status);
  const matching = all.filter(
    (c) =>
      (!needle || c.name.includes(needle) || c.displayName.toLowerCase().includes(needle)) &&
      (!statuses || statuses.has(c.health.status)) &&
      (!q.label || matchesLabels(c.labels, q.label)),
  );
  // Keyset on the list's order (host first, then by name): the page after the cursor's cluster.
  let from = 0;
  if (q.cursor) {
    const cursor = q.cursor;
    const fromHost = all.some((c) => c.isHost && c.name === cursor);
    from = matching.findIndex((c) => !c.isHost && (fromHost || c.name.localeCompare(cursor) > 0));
    if (from < 0) from = matching.length;
  }
  const items = q.limit ? matching.slice(from, from + q.limit) : matching.slice(from);
  const more = q.limit !== undefined && from + q.limit < matching.length;
  return { items, next: more ? items[items.length - 1].name : null, total: matching.length };
}

/** Registers a cluster; validates reachability, TLS and credentials first and saves nothing on failure. */
export const POST = withApi({ action: { area: "console/clusters", verb: "create" }, body: createClusterBodySchema }, async ({ rt, principal, body }) => {
  let credentials;
  if (body.source === "kubeconfig") {
    try {
      credentials = credentialsFromKubeconfig(body.kubeconfig, body.context || undefined).credentials;
    } catch (e) {
      if (e instanceof KubeconfigError) throw new ApiError("validation_failed", e.message, { [e.field]: e.message });
      throw e;
    }
  } else {
    credentials = {
      server: body.server.replace(/\/+$/, ""),
      caData: body.caData || undefined,
      token: body.token,
      insecureSkipTLSVerify: body.insecureSkipTLSVerify,
    };
  }
  const c = await registerCluster(rt.store, {
    name: body.name,
    displayName: body.displayName,
    description: body.description,
    labels: body.labels,
    prometheusURL: body.prometheusURL || undefined,
    gatewayURL: body.gatewayURL || undefined,
    prometheusAuth: body.prometheusAuth,
    credentials,
    allowInsecure: body.allowInsecure,
    registeredBy: principal.username,
  });
  // The informer may not have seen the new Secret yet; answer with what was just written.
  return Response.json({ ...rt.clusters.view(c), prometheusAuth: body.prometheusAuth?.type ?? "none" } satisfies ClusterView, { status: 201 });
});

import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { visibleClusters } from "@/lib/clusters/visibility";
import { KubeconfigError, credentialsFromKubeconfig } from "@/lib/k8s/kubeconfig";
import { registerCluster } from "@/lib/store/cluster-registry";
import { type ClusterView, createClusterBodySchema } from "@/lib/validations/cluster";

export const dynamic = "force-dynamic";

export const GET = withApi({}, async ({ rt, principal }): Promise<{ items: ClusterView[] }> => ({ items: await visibleClusters(rt, principal) }));

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

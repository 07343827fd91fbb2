import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { visibleClusters } from "@/lib/clusters/visibility";
import { deleteCluster, setPrometheusAuth, updateCluster } from "@/lib/store/cluster-registry";
import { type ClusterView, updateClusterBodySchema } from "@/lib/validations/cluster";

export const dynamic = "force-dynamic";

export const GET = withApi({ params: ["name"] }, async ({ rt, principal, params }): Promise<ClusterView> => {
  const c = (await visibleClusters(rt, principal)).find((v) => v.name === params.name);
  if (!c) throw new ApiError("not_found", `Cluster "${params.name}" is not registered.`);
  return c;
});

export const PATCH = withApi(
  { action: { area: "console/clusters", verb: "update" }, params: ["name"], body: updateClusterBodySchema },
  async ({ rt, params, body }): Promise<ClusterView> => {
    const cur = rt.store.cluster(params.name);
    if (!cur) throw new ApiError("not_found", `Cluster "${params.name}" is not registered.`);
    if (body.prometheusAuth) await setPrometheusAuth(rt.store, params.name, cur.metadata.uid!, body.prometheusAuth);
    const c = await updateCluster(rt.store, params.name, {
      displayName: body.displayName,
      description: body.description,
      labels: body.labels,
      prometheusURL: body.prometheusURL === "" ? null : body.prometheusURL,
      gatewayURL: body.gatewayURL === "" ? null : body.gatewayURL,
    });
    const view = rt.clusters.view(c);
    return body.prometheusAuth ? { ...view, prometheusAuth: body.prometheusAuth.type } : view;
  },
);

/** Removes a registration — also when the cluster is unreachable: nothing here talks to it. */
export const DELETE = withApi({ action: { area: "console/clusters", verb: "delete" }, params: ["name"] }, async ({ rt, params }) => {
  if (!rt.store.cluster(params.name)) throw new ApiError("not_found", `Cluster "${params.name}" is not registered.`);
  if (params.name === rt.config.hostClusterName) {
    throw new ApiError("conflict", "The host cluster holds the console's own state and cannot be removed.");
  }
  await deleteCluster(rt.store, params.name);
  return null;
});

import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { visibleClusters } from "@/lib/clusters/visibility";
import { deleteCluster, updateCluster } from "@/lib/store/cluster-registry";
import { updateClusterBodySchema } from "@/lib/validations/cluster";

export const dynamic = "force-dynamic";

type Params = { name: string };

export const GET = withApi<undefined, undefined, Params>({}, async ({ rt, principal, params }) => {
  const c = (await visibleClusters(rt, principal)).find((v) => v.name === params.name);
  if (!c) throw new ApiError("not_found", `Cluster "${params.name}" is not registered.`);
  return c;
});

export const PATCH = withApi<import("@/lib/validations/cluster").UpdateClusterBody, undefined, Params>(
  { action: { area: "console/clusters", verb: "update" }, body: updateClusterBodySchema },
  async ({ rt, params, body }) => {
    if (!rt.store.cluster(params.name)) throw new ApiError("not_found", `Cluster "${params.name}" is not registered.`);
    const c = await updateCluster(rt.store, params.name, {
      displayName: body.displayName,
      description: body.description,
      labels: body.labels,
      prometheusURL: body.prometheusURL === "" ? null : body.prometheusURL,
    });
    return rt.clusters.view(c);
  },
);

/** Removes a registration — also when the cluster is unreachable: nothing here talks to it. */
export const DELETE = withApi<undefined, undefined, Params>({ action: { area: "console/clusters", verb: "delete" } }, async ({ rt, params }) => {
  if (!rt.store.cluster(params.name)) throw new ApiError("not_found", `Cluster "${params.name}" is not registered.`);
  if (params.name === rt.config.hostClusterName) {
    throw new ApiError("conflict", "The host cluster holds the console's own state and cannot be removed.");
  }
  await deleteCluster(rt.store, params.name);
  return null;
});

import { queryOptions } from "@tanstack/react-query";
import { kubeGet } from "@/lib/client/kube";
import { singleObjectListPath } from "@/lib/k8s/kinds/common";
import { listWithoutSecretValues } from "@/lib/k8s/kinds/secret";
import type { KubeList, KubeObject } from "@/lib/k8s/types";

// One queryOptions factory for any Kubernetes collection seen through the
// proxy. Server pages prefetch its first page under the same key (see
// lib/proxy/prefetch.ts); useLiveList loads the rest and follows the
// collection's watch from there. Fetched here, it is the whole collection.

export const listKey = (cluster: string, path: string) => ["k8s", cluster, "list", path] as const;

export function listQuery<T extends KubeObject>(cluster: string, path: string) {
  return queryOptions({
    queryKey: listKey(cluster, path),
    // Secrets are kept without their values (see withoutSecretValues), however they came in.
    queryFn: async ({ signal }) => listWithoutSecretValues(await kubeGet<KubeList<T>>(cluster, path, signal)),
    // Kept current by the watch, not by refetching.
    staleTime: Infinity,
  });
}

export const objectKey = (cluster: string, path: string) => ["k8s", cluster, "object", path] as const;

export function objectQuery<T extends KubeObject>(cluster: string, path: string) {
  return queryOptions({
    queryKey: objectKey(cluster, path),
    queryFn: ({ signal }) => kubeGet<T>(cluster, path, signal),
  });
}

/**
 * An object that may not exist yet (a project's quota before anyone set one):
 * asked as a list of that one name, so "none yet" is an empty list (null), not
 * a 404 the browser reports as a failed request. Cached under the object's key.
 */
export function optionalObjectQuery<T extends KubeObject>(cluster: string, collection: string, name: string) {
  return queryOptions({
    queryKey: objectKey(cluster, `${collection}/${encodeURIComponent(name)}`),
    queryFn: async ({ signal }) => (await kubeGet<KubeList<T>>(cluster, singleObjectListPath(collection, name), signal)).items[0] ?? null,
  });
}

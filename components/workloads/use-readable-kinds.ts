"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { NAV_KINDS } from "@/components/kinds/registry";
import { useCan } from "@/lib/access/use-can";
import { kubeGet } from "@/lib/client/kube";

interface APIGroupList {
  groups?: { name: string; versions?: { version: string }[] }[];
}

/**
 * The API versions a cluster serves ("group/version"), from its discovery:
 * kinds of custom resources (Gateway API routes) exist on some clusters only.
 */
function useServedGroups(cluster: string) {
  return useQuery({
    queryKey: ["k8s", cluster, "discovery", "/apis"],
    queryFn: async ({ signal }) => new Set(((await kubeGet<APIGroupList>(cluster, "/apis", signal)).groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => `${g.name}/${v.version}`))),
    enabled: !!cluster,
    staleTime: 60_000,
    retry: false,
  });
}

/** The kinds of a namespace the caller may list (one batched can-i) and the cluster serves: only those are offered as links. */
export function useReadableKinds(cluster: string, ns: string) {
  const { allowed, pending } = useCan(ns ? NAV_KINDS.map((k) => ({ verb: "list", resource: k.resource, cluster, namespace: ns })) : []);
  const served = useServedGroups(cluster);
  const key = allowed.join();
  // Until discovery answers, the core kinds; if it fails, every kind (the list says what is wrong).
  const has = (group: string, version: string) => !group || (served.isError ? true : (served.data?.has(`${group}/${version}`) ?? false));
  return useMemo(
    () => ({ kinds: NAV_KINDS.filter((k, i) => allowed[i] && has(k.apiGroup, k.version)), pending: pending || served.isPending }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key is allowed's content; has follows served
    [key, pending, served.data, served.isError, served.isPending],
  );
}

"use client";

import { useMemo } from "react";
import { NAV_KINDS } from "@/components/kinds/registry";
import { useCan } from "@/lib/access/use-can";

/** The kinds of a namespace the caller may list (one batched can-i): only those are offered as links. */
export function useReadableKinds(cluster: string, ns: string) {
  const { allowed, pending } = useCan(ns ? NAV_KINDS.map((k) => ({ verb: "list", resource: k.resource, cluster, namespace: ns })) : []);
  const key = allowed.join();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- key is allowed's content
  return useMemo(() => ({ kinds: NAV_KINDS.filter((_, i) => allowed[i]), pending }), [key, pending]);
}

"use client";

import { useMemo } from "react";
import { useCan } from "@/lib/access/use-can";
import type { KindInfo } from "@/lib/k8s/kinds/kind";

export interface KindCan {
  create: boolean;
  update: boolean;
  patch: boolean;
  delete: boolean;
  /** PATCH of the scale subresource. */
  scale: boolean;
  pending: boolean;
}

/** What the caller may do with objects of a kind in a namespace (one batched can-i for every row). */
export function useKindCan(cluster: string, ns: string, info: Pick<KindInfo, "resource" | "scalable">): KindCan {
  const at = { cluster, namespace: ns };
  const { allowed, pending } = useCan([
    { verb: "create", resource: info.resource, ...at },
    { verb: "update", resource: info.resource, ...at },
    { verb: "patch", resource: info.resource, ...at },
    { verb: "delete", resource: info.resource, ...at },
    { verb: "patch", resource: `${info.resource}/scale`, ...at },
  ]);
  const [create, update, patch, del, scale] = allowed;
  const scalable = info.scalable;
  return useMemo(() => ({ create, update, patch, delete: del, scale: scalable && scale, pending }), [create, update, patch, del, scale, scalable, pending]);
}

import { parseQuantity } from "../quantity";
import type { KubeObject } from "../types";

export interface ResourceQuotaObject extends KubeObject {
  spec?: { hard?: Record<string, string>; scopes?: string[] };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

export interface LimitRangeObject extends KubeObject {
  spec?: {
    limits?: {
      type: "Container" | "Pod" | "PersistentVolumeClaim";
      min?: Record<string, string>;
      max?: Record<string, string>;
      default?: Record<string, string>;
      defaultRequest?: Record<string, string>;
      maxLimitRequestRatio?: Record<string, string>;
    }[];
  };
}

export const PROJECT_QUOTA = "compute";
export const PROJECT_LIMITS = "defaults";

export const quotasPath = (ns: string) => `/api/v1/namespaces/${encodeURIComponent(ns)}/resourcequotas`;
export const quotaPath = (ns: string, name = PROJECT_QUOTA) => `${quotasPath(ns)}/${encodeURIComponent(name)}`;
export const limitRangesPath = (ns: string) => `/api/v1/namespaces/${encodeURIComponent(ns)}/limitranges`;
export const limitRangePath = (ns: string, name = PROJECT_LIMITS) => `${limitRangesPath(ns)}/${encodeURIComponent(name)}`;

/** Used ÷ hard for a resource (undefined when there is no hard limit). */
export function usageRatio(q: ResourceQuotaObject, resource: string): number | undefined {
  const hard = parseQuantity(q.status?.hard?.[resource] ?? q.spec?.hard?.[resource]);
  if (!hard) return undefined;
  return (parseQuantity(q.status?.used?.[resource]) ?? 0) / hard;
}

/** Adds quantity maps resource by resource (as numbers). */
export function sumResources(lists: (Record<string, string> | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lists) for (const [k, v] of Object.entries(l ?? {})) out[k] = (out[k] ?? 0) + (parseQuantity(v) ?? 0);
  return out;
}

// What tenant users may not change through the proxy, judged on the outcome of
// a write (see checked-write.ts). Pure.

import type { KubeObject } from "@/lib/k8s/types";

/**
 * Labels and annotations of a namespace that the console and the platform
 * own: tenancy (pilothouse.dev/…) and Pod Security Admission levels. A tenant
 * user who could change them could move a project to another tenant or run
 * privileged pods in it.
 */
export const PROTECTED_PREFIXES = ["pilothouse.dev/", "pod-security.kubernetes.io/"];

function isProtected(key: string): boolean {
  return PROTECTED_PREFIXES.some((p) => key.startsWith(p));
}

/** Protected keys whose label or annotation the write adds, removes or changes. */
export function protectedChanges(before: KubeObject | undefined, after: KubeObject): string[] {
  const out: string[] = [];
  for (const field of ["labels", "annotations"] as const) {
    const a = before?.metadata?.[field] ?? {};
    const b = after.metadata?.[field] ?? {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (isProtected(k) && a[k] !== b[k]) out.push(`${field === "labels" ? "label" : "annotation"} ${k}`);
    }
  }
  return out;
}

interface WithExternalIPs extends KubeObject {
  spec?: { externalIPs?: string[] };
}

/** External IPs the write gives a Service that it did not have. */
export function addedExternalIPs(before: KubeObject | undefined, after: KubeObject): string[] {
  const had = new Set((before as WithExternalIPs | undefined)?.spec?.externalIPs ?? []);
  return ((after as WithExternalIPs).spec?.externalIPs ?? []).filter((ip) => !had.has(ip));
}

// The console's own state — its namespace (cluster credentials, session key,
// serving key) and its pilothouse.dev resources (users, tokens, bindings) — lives
// in the host cluster, which is also a cluster people work in. Through the proxy
// no role on that cluster reaches it: only platform admins do. Without this a
// cluster-admin of the host (or a tenant given the host with a role that reads
// Secrets there) could read the credentials of every cluster or write a binding
// that makes them platform admin. Pure.

import type { RequestAttributes, ResourceAttributes } from "./request-info";

export interface HostGuardContext {
  /** Namespace of the console's state on the host. */
  namespace: string;
  /** The caller may do this at platform scope (platform admins). */
  platformAdmin: boolean;
}

const GROUP = "pilothouse.dev";
const WRITES = new Set(["create", "update", "patch", "delete", "deletecollection"]);

export type HostGuardVerdict =
  | { ok: false; why: string }
  /** Allowed; a list or watch across all namespaces must leave the console's namespace out. */
  | { ok: true; excludeNamespace?: string };

/** What the console decides for a request to the host cluster, before roles. */
export function hostGuard(a: RequestAttributes, ctx: HostGuardContext): HostGuardVerdict {
  if (ctx.platformAdmin || a.kind !== "resource") return { ok: true };
  const refused = refusal(a, ctx.namespace);
  if (refused) return { ok: false, why: refused };
  if (!a.namespace && (a.verb === "list" || a.verb === "watch")) return { ok: true, excludeNamespace: ctx.namespace };
  return { ok: true };
}

function refusal(a: ResourceAttributes, namespace: string): string | undefined {
  if (a.namespace === namespace) return `the namespace "${namespace}" holds the console's own state; only platform admins reach it`;
  if (a.apiGroup === GROUP) return "the console's own resources (pilothouse.dev) are reached only by platform admins";
  if (a.apiGroup === "" && a.resource === "nodes" && a.subresource === "proxy") {
    // The kubelet API of a node runs commands in every pod there, the console's included.
    return "the kubelet API of the host cluster's nodes is reached only by platform admins";
  }
  if (!WRITES.has(a.verb)) return undefined;
  if (a.apiGroup === "apiextensions.k8s.io" && a.resource === "customresourcedefinitions" && (a.verb === "deletecollection" || a.name.endsWith(`.${GROUP}`))) {
    return "the console's resource definitions are changed only by platform admins";
  }
  // An API service answers for a whole API group (the console's included); an
  // admission webhook or policy sees or stops the console's own writes.
  if (a.apiGroup === "apiregistration.k8s.io") return "API services of the host cluster are changed only by platform admins";
  if (a.apiGroup === "admissionregistration.k8s.io") return "admission webhooks and policies of the host cluster are changed only by platform admins";
  return undefined;
}

/**
 * A field selector that also leaves `namespace` out (appended to the client's,
 * if any); undefined when the client's could swallow the addition (a trailing
 * backslash escapes the comma that joins them, so backslashes are refused).
 */
export function excludingNamespace(fieldSelector: string | null, namespace: string): string | undefined {
  const mine = `metadata.namespace!=${namespace}`;
  if (!fieldSelector) return mine;
  if (fieldSelector.includes("\\")) return undefined;
  return `${fieldSelector},${mine}`;
}

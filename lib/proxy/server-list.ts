import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { Runtime } from "@/lib/runtime";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import { filterListDocument } from "./namespace-filter";
import { excludingNamespace } from "./host-guard";
import { auditRequest, auditedRead, consoleHostGuard, forbiddenStatus } from "./proxy";
import { namespacedResource } from "./scope-discovery";
import { status } from "./status";
import { requestAttributes } from "./request-info";
import type { KubeList, KubeObject } from "@/lib/k8s/types";

export interface ServerFetchError {
  status: number;
  message: string;
}

/**
 * Reads a collection for a server-rendered page with the caller's rights —
 * the same authorization as the proxy — so the page can prefetch what the
 * browser will then follow with a watch.
 */
export async function serverGet<T>(rt: Runtime, p: Principal, cluster: string, path: string): Promise<T> {
  const url = new URL(path, "http://x");
  const attrs = requestAttributes("GET", url.pathname.split("/").filter(Boolean), url.searchParams);
  // Like the proxy: a namespace list shows the namespaces the caller may see.
  const visible =
    attrs.kind === "resource" && attrs.apiGroup === "" && attrs.resource === "namespaces" && !attrs.name && attrs.verb === "list"
      ? rt.authz.namespaceFilter(p, cluster, "list")
      : undefined;
  const guard = consoleHostGuard(rt, p, cluster, attrs);
  if (!guard.ok) throw new K8sError(forbiddenStatus(p.username, attrs, guard.why), cluster);
  if (!visible) {
    const d = rt.authz.authorizeRequest(p, cluster, attrs);
    if (!d.allowed) throw new K8sError(forbiddenStatus(p.username, attrs), cluster);
  }
  const conn = rt.clusters.connection(cluster);
  const h = rt.clusters.health(cluster);
  if (!conn || !rt.store.cluster(cluster)) {
    throw new K8sError({ kind: "Status", apiVersion: "v1", status: "Failure", code: 404, message: `cluster ${cluster} is not registered` }, cluster);
  }
  if (h?.status === "Unreachable") {
    throw new K8sError(
      { kind: "Status", apiVersion: "v1", status: "Failure", code: 503, message: `cluster ${cluster} is unreachable: ${h.lastError ?? ""}` },
      cluster,
    );
  }
  try {
    if (guard.excludeNamespace && attrs.kind === "resource" && (await namespacedResource(conn, attrs.apiGroup, attrs.resource)) !== false) {
      // As in the proxy: the console's own namespace is left out of lists across all namespaces of its host.
      const fs = excludingNamespace(url.searchParams.get("fieldSelector"), guard.excludeNamespace);
      if (!fs) throw new K8sError(status(400, "BadRequest", "a field selector with backslashes cannot be used here"), cluster);
      url.searchParams.set("fieldSelector", fs);
      path = url.pathname + url.search;
    }
    const out = await k8sJSON<T>(conn, path, { timeoutMs: 10_000 });
    if (auditedRead(attrs)) auditRequest(p, cluster, attrs, "allow", 200);
    return visible ? (filterListDocument(out, visible) as T) : out;
  } catch (e) {
    if (e instanceof K8sError) throw e;
    rt.clusters.reportFailure(cluster, e);
    throw new K8sError(
      { kind: "Status", apiVersion: "v1", status: "Failure", code: 503, message: `cluster ${cluster} is unreachable: ${String((e as Error).message)}` },
      cluster,
    );
  }
}

export function serverList<T extends KubeObject>(rt: Runtime, p: Principal, cluster: string, path: string) {
  return serverGet<KubeList<T>>(rt, p, cluster, path);
}

export function toFetchError(e: unknown): ServerFetchError {
  if (e instanceof K8sError) return { status: e.code, message: e.message };
  return { status: 500, message: e instanceof Error ? e.message : String(e) };
}

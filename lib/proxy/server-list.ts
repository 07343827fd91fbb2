import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { K8sError, k8sJSON, statusFrom } from "@/lib/k8s/api";
import { request } from "@/lib/k8s/connection";
import type { KubeList, KubeObject } from "@/lib/k8s/types";
import type { Runtime } from "@/lib/server/context";
import { auditRequest, auditedRead } from "./audit";
import { checkCall, isStatus, place, unavailable } from "./check";
import { filterListDocument } from "./namespace-filter";

export interface ServerFetchError {
  status: number;
  message: string;
}

/**
 * Reads for a server-rendered page with the caller's rights: the proxy's own
 * check (check.ts), so the page shows what the browser could then fetch or
 * watch through the proxy — no more, no less.
 */
export async function serverGet<T>(rt: Runtime, p: Principal, cluster: string, path: string): Promise<T> {
  const placed = await checkedPlace(rt, p, cluster, path);
  try {
    const out = await k8sJSON<T>(placed.conn, placed.path, { timeoutMs: 10_000 });
    if (auditedRead(placed.attrs)) auditRequest(p, cluster, placed.attrs, "allow", 200);
    return placed.visible ? (filterListDocument(out, placed.visible) as T) : out;
  } catch (e) {
    throw asK8sError(rt, cluster, e);
  }
}

/** A plain-text answer (e.g. /readyz?verbose), with the caller's rights like serverGet. */
export async function serverText(rt: Runtime, p: Principal, cluster: string, path: string, timeoutMs = 10_000): Promise<{ status: number; text: string }> {
  const placed = await checkedPlace(rt, p, cluster, path);
  try {
    const res = await request(placed.conn, { path: placed.path, headers: { accept: "text/plain, */*" }, timeoutMs });
    // Health endpoints answer 500 with their failed checks: that is an answer, not an error.
    if (res.status === 401 || res.status === 403 || res.status === 404) throw new K8sError(statusFrom(res.status, res.body, `HTTP ${res.status}`), cluster);
    return { status: res.status, text: res.body.toString("utf8") };
  } catch (e) {
    throw asK8sError(rt, cluster, e);
  }
}

async function checkedPlace(rt: Runtime, p: Principal, cluster: string, path: string) {
  const checked = checkCall(rt, {
    method: "GET",
    url: `/clusters/${encodeURIComponent(cluster)}${path}`,
    headers: {},
    upgrade: false,
    auth: { ok: true, principal: p },
  });
  if (isStatus(checked)) throw new K8sError(checked, cluster);
  const placed = await place(rt, checked);
  if (isStatus(placed)) throw new K8sError(placed, cluster);
  return placed;
}

function asK8sError(rt: Runtime, cluster: string, e: unknown): K8sError {
  if (e instanceof K8sError) return e;
  rt.clusters.reportFailure(cluster, e);
  return new K8sError(unavailable(cluster, String((e as Error).message)), cluster);
}

/**
 * Could the caller read `path` on the cluster? The proxy's own check, asked
 * without sending anything: pages offer a tab only where this says yes.
 */
export function mayRead(rt: Runtime, p: Principal, cluster: string, path: string): boolean {
  return !isStatus(checkCall(rt, { method: "GET", url: `/clusters/${encodeURIComponent(cluster)}${path}`, headers: {}, upgrade: false, auth: { ok: true, principal: p }, probe: true }));
}

export function serverList<T extends KubeObject>(rt: Runtime, p: Principal, cluster: string, path: string) {
  return serverGet<KubeList<T>>(rt, p, cluster, path);
}

export function toFetchError(e: unknown): ServerFetchError {
  if (e instanceof K8sError) return { status: e.code, message: e.message };
  return { status: 500, message: e instanceof Error ? e.message : String(e) };
}

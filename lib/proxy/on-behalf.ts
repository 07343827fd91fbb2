import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { K8sError } from "@/lib/k8s/api";
import { describe } from "@/lib/k8s/clusters";
import type { Status } from "@/lib/k8s/types";
import type { Runtime } from "@/lib/server/context";
import { type Placed, checkCall, isStatus, place } from "./check";

// Calls a console API route makes to a cluster for its caller (start a run,
// promote an image): decided by the proxy's own check as that caller, so the
// route can do no more than the caller could through /clusters/<c>.

/**
 * The proxy's check of one call as `p`, made by a route whose wrapper already
 * checked the request's CSRF token (not audited on its own: the route audits
 * the action), placed on its cluster. Throws the refusal as an ApiError that
 * says `what` the caller may not do.
 */
export async function asCaller(rt: Runtime, p: Principal, method: string, cluster: string, path: string, what: string): Promise<Placed> {
  const checked = checkCall(rt, { method, url: `/clusters/${cluster}${path}`, headers: {}, upgrade: false, auth: { ok: true, principal: p }, probe: true, onBehalf: true });
  const placed = isStatus(checked) ? checked : await place(rt, checked);
  if (isStatus(placed)) throw refusal(placed, cluster, what);
  return placed;
}

/** Whether `p` may make the call (the same check, without placing it). */
export function mayCall(rt: Runtime, p: Principal, method: string, cluster: string, path: string): boolean {
  return !isStatus(checkCall(rt, { method, url: `/clusters/${cluster}${path}`, headers: {}, upgrade: false, auth: { ok: true, principal: p }, probe: true, onBehalf: true }));
}

/** A refused check's Status as the API's error; a 403 says "You may not <what>." */
export function refusal(s: Status, cluster: string, what: string): ApiError {
  const code = s.code ?? 500;
  if (code === 403) return new ApiError("forbidden", `You may not ${what}.`);
  if (code === 404) return new ApiError("not_found", `Cluster "${cluster}" is not registered.`);
  if (code === 503) return unreachable(cluster, (s.message ?? "").replace(/^cluster \S+ is unreachable:?\s*/, ""));
  return new ApiError(code === 400 ? "bad_request" : "internal", s.message ?? `Could not ${what}.`);
}

export function unreachable(cluster: string, detail: string): ApiError {
  return new ApiError("unavailable", `Cluster "${cluster}" is unreachable${detail ? `: ${detail}` : ""}. Try again in a moment.`);
}

/** A failed call to the cluster as the API's error: 404 as `missing`, a refusal with its message, else unreachable. */
export function callFailure(rt: Runtime, e: unknown, cluster: string, missing: string): ApiError {
  if (e instanceof K8sError) {
    if (e.code === 404) return new ApiError("not_found", missing);
    if (e.code === 422 || e.code === 400) return new ApiError("validation_failed", e.message);
    if (e.code === 409) return new ApiError("conflict", e.message);
    if (e.code === 403) return new ApiError("forbidden", e.message);
    return new ApiError("unavailable", `Cluster "${cluster}" answered ${e.code}: ${e.message}`);
  }
  rt.clusters.reportFailure(cluster, e);
  return unreachable(cluster, describe(e));
}

import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { clusterNamesFor } from "@/lib/clusters/visibility";
import type { Runtime } from "@/lib/runtime";
import { prometheusSecretName } from "@/lib/store/cluster-registry";
import type { SecretResource } from "@/lib/store/types";
import {
  MetricsUnavailableError,
  type PrometheusAuth,
  type PrometheusTarget,
  QueryError,
  alerts as fetchAlerts,
  queryInstant,
  queryRange,
} from "./prometheus";
import { type RangeKey, type Template, type TemplateParams, TemplateParamError, buildQuery, timeWindow } from "./templates";
// The response shapes are shared with the browser (series.ts); this module fills them.
import type { AlertsResponse, ExploreResponse, MetricsResponse, PanelResult } from "./series";

// Dashboards' server side: who may see which panel, and running the queries
// against each cluster's Prometheus. Tenancy is enforced here — a project or
// workload panel needs monitoring rights at that namespace's place, and its
// namespace matcher is built server-side from the checked parameter.

export const MONITORING = "console/monitoring";
/** Free-form PromQL: platform and cluster admins only (matchers cannot be forced on arbitrary queries). */
export const EXPLORER = "console/promql";

export function prometheusAuthFromSecret(s: SecretResource | undefined): PrometheusAuth {
  const d = (k: string) => (s?.data?.[k] ? Buffer.from(s.data[k], "base64").toString("utf8") : undefined);
  const token = d("token");
  if (token) return { type: "bearer", token };
  const username = d("username");
  if (username) return { type: "basic", username, password: d("password") ?? "" };
  return { type: "none" };
}

export function prometheusTarget(rt: Runtime, cluster: string): PrometheusTarget {
  const c = rt.store.cluster(cluster);
  return { cluster, url: c?.spec.prometheusURL || undefined, auth: prometheusAuthFromSecret(rt.store.credentials(prometheusSecretName(cluster))) };
}

function knownCluster(rt: Runtime, p: Principal, cluster: string) {
  const names = clusterNamesFor(rt, p);
  const c = rt.store.cluster(cluster);
  // Unknown and invisible clusters answer alike, so names do not leak.
  if (!c || c.status?.phase !== "Active" || (names !== "all" && !names.has(cluster))) {
    throw new ApiError("not_found", `Cluster "${cluster}" is not registered.`);
  }
}

/** Why this caller may not see a template's panel on a cluster, or undefined when they may. */
export function panelDenial(rt: Runtime, p: Principal, t: Template, cluster: string, params: TemplateParams): string | undefined {
  if (t.scope === "cluster" || t.scope === "node") {
    return rt.authz.can(p, MONITORING, "get", { cluster }) ? undefined : `You may not see the monitoring of cluster "${cluster}".`;
  }
  const ns = params.namespace!;
  return rt.authz.can(p, MONITORING, "get", rt.authz.placeOf(cluster, ns))
    ? undefined
    : `You may not see the monitoring of project "${ns}" on cluster "${cluster}".`;
}

export interface PanelQuery {
  templates: string[];
  clusters: string[];
  params: TemplateParams;
  range: RangeKey;
  /** Unix seconds; default now. */
  end?: number;
}


function failure(e: unknown): { code: string; message: string } {
  if (e instanceof MetricsUnavailableError) return { code: e.reason === "not_configured" ? "no_metrics" : "unavailable", message: e.message };
  if (e instanceof QueryError) return { code: "query_failed", message: e.message };
  throw e;
}

/**
 * Authorizes every (template, cluster) pair first — one refusal refuses the
 * whole request — then queries each cluster's Prometheus in parallel; one
 * cluster without metrics fails its own results only.
 */
export async function runPanels(rt: Runtime, p: Principal, q: PanelQuery, signal?: AbortSignal): Promise<MetricsResponse> {
  const built: { template: Template; query: string; cluster: string }[] = [];
  for (const cluster of q.clusters) knownCluster(rt, p, cluster);
  for (const name of q.templates) {
    let b;
    try {
      b = buildQuery(name, q.params);
    } catch (e) {
      if (e instanceof TemplateParamError) throw new ApiError("validation_failed", e.message, { [e.param === "template" ? "templates" : e.param]: e.message });
      throw e;
    }
    for (const cluster of q.clusters) {
      const denial = panelDenial(rt, p, b.template, cluster, q.params);
      if (denial) throw new ApiError("forbidden", denial);
      built.push({ ...b, cluster });
    }
  }
  const win = timeWindow(q.range, q.end);
  const results = await Promise.all(
    built.map(async ({ template, query, cluster }): Promise<PanelResult> => {
      const base = { template: template.name, cluster, unit: template.unit };
      try {
        return { ...base, series: await queryRange(prometheusTarget(rt, cluster), query, win, signal) };
      } catch (e) {
        return { ...base, error: failure(e) };
      }
    }),
  );
  return { ...win, results };
}


const SEVERITY_ORDER: Record<string, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Firing and pending alerts of the clusters a caller may use, each kept only
 * when they may see its place: namespaced alerts need monitoring rights at the
 * namespace, the others at the cluster.
 */
export async function visibleAlerts(rt: Runtime, p: Principal, only?: string[], signal?: AbortSignal): Promise<AlertsResponse> {
  const names = clusterNamesFor(rt, p);
  const clusters = (only ?? rt.clusters.names()).filter((c) => {
    const r = rt.store.cluster(c);
    return r && r.status?.phase === "Active" && (names === "all" || names.has(c));
  });
  if (only) for (const c of only) knownCluster(rt, p, c);
  const out: AlertsResponse = { alerts: [], errors: [] };
  await Promise.all(
    clusters.map(async (cluster) => {
      const canCluster = rt.authz.can(p, MONITORING, "get", { cluster });
      try {
        for (const a of await fetchAlerts(prometheusTarget(rt, cluster), signal)) {
          if (a.state !== "firing" && a.state !== "pending") continue;
          const ns = a.labels.namespace;
          const ok = ns ? rt.authz.can(p, MONITORING, "get", rt.authz.placeOf(cluster, ns)) : canCluster;
          if (!ok) continue;
          out.alerts.push({
            cluster,
            name: a.labels.alertname ?? "unnamed",
            state: a.state,
            severity: a.labels.severity,
            namespace: ns,
            summary: a.annotations.summary,
            description: a.annotations.description,
            activeAt: a.activeAt,
            labels: a.labels,
          });
        }
      } catch (e) {
        const f = failure(e);
        // A cluster with no Prometheus at all is a configuration, not an error, for people who only see projects there.
        if (canCluster || f.code !== "no_metrics") out.errors.push({ cluster, ...f });
      }
    }),
  );
  out.alerts.sort(
    (a, b) =>
      (a.state === b.state ? 0 : a.state === "firing" ? -1 : 1) ||
      (SEVERITY_ORDER[a.severity ?? ""] ?? 9) - (SEVERITY_ORDER[b.severity ?? ""] ?? 9) ||
      a.cluster.localeCompare(b.cluster) ||
      a.name.localeCompare(b.name),
  );
  out.errors.sort((a, b) => a.cluster.localeCompare(b.cluster));
  return out;
}

const MAX_EXPLORER_SERIES = 200;


/** A free-form query for the explorer; the caller must hold console/promql on the cluster. */
export async function explore(
  rt: Runtime,
  p: Principal,
  q: { cluster: string; query: string; range: RangeKey; instant: boolean },
  signal?: AbortSignal,
): Promise<ExploreResponse> {
  knownCluster(rt, p, q.cluster);
  if (!rt.authz.can(p, EXPLORER, "get", { cluster: q.cluster })) {
    throw new ApiError("forbidden", `Only platform and cluster admins may run their own queries on cluster "${q.cluster}".`);
  }
  const target = prometheusTarget(rt, q.cluster);
  try {
    if (q.instant) {
      const series = await queryInstant(target, q.query, undefined, signal);
      return { series: series.slice(0, MAX_EXPLORER_SERIES), truncated: series.length > MAX_EXPLORER_SERIES };
    }
    const win = timeWindow(q.range);
    const series = await queryRange(target, q.query, win, signal);
    return { ...win, series: series.slice(0, MAX_EXPLORER_SERIES), truncated: series.length > MAX_EXPLORER_SERIES };
  } catch (e) {
    if (e instanceof QueryError) throw new ApiError("validation_failed", e.message, { query: e.message });
    if (e instanceof MetricsUnavailableError) {
      throw new ApiError("unavailable", e.message);
    }
    throw e;
  }
}

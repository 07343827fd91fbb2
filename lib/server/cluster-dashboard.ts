import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { K8sError } from "@/lib/k8s/api";
import {
  type Allocation,
  type ComponentHealth,
  type NodeConditionCounts,
  allocation,
  componentHealth,
  nodeConditionCounts,
  parseHealthChecks,
  recentWarnings,
  topBy,
} from "@/lib/k8s/cluster-summary";
import { type EventObject, eventCount, eventObject, eventTime, eventsPath } from "@/lib/k8s/kinds/event";
import { type NodeObject, nodesPath } from "@/lib/k8s/kinds/node";
import type { PodObject } from "@/lib/k8s/kinds/pod";
import { MetricsUnavailableError, queryInstant } from "@/lib/monitoring/prometheus";
import type { AlertsResponse } from "@/lib/monitoring/series";
import { MONITORING, prometheusTarget, visibleAlerts } from "@/lib/monitoring/service";
import { buildQuery } from "@/lib/monitoring/templates";
import { serverGet, serverList, serverText } from "@/lib/proxy/server-list";
import type { Runtime } from "@/lib/server/context";
import { listProjects } from "@/lib/tenancy/projects";
import { visibleTenants } from "@/lib/tenancy/service";

// The sections of a cluster's dashboard, each read with the caller's rights
// and each on its own: one that is refused is hidden, one that fails says so,
// and none waits for another. Every read is bounded (the proxy's 10 s, the
// Prometheus client's 5 s), so a dead cluster cannot hold the page.

/** Data with the server's time of reading: ages are drawn against it, so the HTML and the hydrated page agree. */
export type Timed<T> = { readAt: number; items: T };

export type Section<T> = { state: "ok"; data: T } | { state: "hidden" } | { state: "error"; message: string };

async function section<T>(read: () => Promise<T>): Promise<Section<T>> {
  try {
    return { state: "ok", data: await read() };
  } catch (e) {
    // Refused (or, for non-resource paths, not served): what the caller may not see is left out, not shown as an error.
    if (e instanceof K8sError && (e.code === 403 || e.code === 404)) return { state: "hidden" };
    return { state: "error", message: e instanceof Error ? e.message : String(e) };
  }
}

export interface Capacity {
  allocation: Allocation;
  conditions: NodeConditionCounts;
}

export interface ControlPlane {
  ready: boolean;
  live?: boolean;
  components: ComponentHealth[];
}

export interface WarningEvent {
  key: string;
  namespace?: string;
  reason?: string;
  message?: string;
  object: string;
  count: number;
  time?: string;
}

export interface Usage {
  cpu?: number;
  memory?: number;
  topCpu: { name: string; value: number }[];
  topMemory: { name: string; value: number }[];
}

/** Prometheus sections: hidden without monitoring rights, "no_metrics" when the cluster has none. */
export type MetricsSection<T> = Section<T> | { state: "no_metrics" };

const RESOURCE_HOLDING_PODS = "/api/v1/pods?fieldSelector=status.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed";
const WARNING_EVENTS = `${eventsPath}?fieldSelector=type%3DWarning`;

export function clusterVersion(rt: Runtime, p: Principal, cluster: string) {
  return section(() => serverGet<{ gitVersion: string; platform?: string }>(rt, p, cluster, "/version"));
}

/** Allocation and node conditions; hidden for callers who may not list the nodes. */
export async function clusterCapacity(rt: Runtime, p: Principal, cluster: string): Promise<Section<Capacity>> {
  const [nodes, pods] = await Promise.all([
    section(() => serverList<NodeObject>(rt, p, cluster, nodesPath)),
    section(() => serverList<PodObject>(rt, p, cluster, RESOURCE_HOLDING_PODS)),
  ]);
  if (nodes.state !== "ok") return nodes;
  // Requests need every pod of the cluster; with only some namespaces' pods the sums would mislead.
  if (pods.state !== "ok") return pods.state === "hidden" ? { state: "hidden" } : pods;
  return { state: "ok", data: { allocation: allocation(nodes.data.items, pods.data.items), conditions: nodeConditionCounts(nodes.data.items) } };
}

/** The apiserver's own readiness and liveness checks (a non-resource path: platform-level rights). */
export async function controlPlane(rt: Runtime, p: Principal, cluster: string): Promise<Section<ControlPlane>> {
  const [ready, live] = await Promise.all([
    section(() => serverText(rt, p, cluster, "/readyz?verbose")),
    section(() => serverText(rt, p, cluster, "/livez?verbose")),
  ]);
  if (ready.state !== "ok") return ready;
  return {
    state: "ok",
    data: {
      ready: ready.data.status === 200,
      live: live.state === "ok" ? live.data.status === 200 : undefined,
      components: componentHealth(parseHealthChecks(ready.data.text)),
    },
  };
}

/** The newest Warning events the caller may see (of their namespaces only, when they may not list all). */
export async function warningEvents(rt: Runtime, p: Principal, cluster: string, n = 8): Promise<Section<Timed<WarningEvent[]> & { clusterWide: boolean }>> {
  let list: Section<{ items: EventObject[] }> = await section(() => serverList<EventObject>(rt, p, cluster, WARNING_EVENTS));
  const clusterWide = list.state !== "hidden";
  if (!clusterWide) list = await warningsOfOwnNamespaces(rt, p, cluster);
  if (list.state !== "ok") return list;
  return {
    state: "ok",
    data: {
      // Whether the cluster's Events page (all namespaces) is the caller's to open.
      clusterWide,
      readAt: Date.now(),
      items: recentWarnings(list.data.items, n).map((e) => ({
        key: e.metadata.uid ?? `${e.metadata.namespace}/${e.metadata.name}`,
        namespace: e.metadata.namespace,
        reason: e.reason,
        message: e.message,
        object: eventObject(e),
        count: eventCount(e),
        time: eventTime(e),
      })),
    },
  };
}

const MAX_OWN_NAMESPACES = 50;

/** For callers who may not list events cluster-wide: those of the namespaces they may see, read one by one. */
async function warningsOfOwnNamespaces(rt: Runtime, p: Principal, cluster: string): Promise<Section<{ items: EventObject[] }>> {
  const visible = rt.authz.namespaceFilter(p, cluster, "list");
  const names = rt.clusters
    .namespacesOf(cluster)
    .map((ns) => ns.metadata.name!)
    .filter((ns) => !visible || visible(ns))
    .slice(0, MAX_OWN_NAMESPACES);
  const lists = await Promise.all(
    names.map((ns) => section(() => serverList<EventObject>(rt, p, cluster, `/api/v1/namespaces/${encodeURIComponent(ns)}/events?fieldSelector=type%3DWarning`))),
  );
  const ok = lists.flatMap((l) => (l.state === "ok" ? [l.data.items] : []));
  if (ok.length === 0) return lists.find((l) => l.state === "error") ?? { state: "hidden" };
  return { state: "ok", data: { items: ok.flat() } };
}

/** Actual usage and the busiest namespaces, from the cluster's Prometheus. */
export async function clusterUsage(rt: Runtime, p: Principal, cluster: string): Promise<MetricsSection<Usage>> {
  if (!rt.authz.can(p, MONITORING, "get", { cluster })) return { state: "hidden" };
  const target = prometheusTarget(rt, cluster);
  const run = (name: string) => queryInstant(target, buildQuery(name, {}).query);
  try {
    const [cpu, memory, topCpu, topMemory] = await Promise.all(
      ["cluster_cpu_usage", "cluster_memory_usage", "cluster_top_namespaces_cpu", "cluster_top_namespaces_memory"].map(run),
    );
    const first = (s: typeof cpu) => s[0]?.values.at(-1)?.[1] ?? undefined;
    return { state: "ok", data: { cpu: first(cpu), memory: first(memory), topCpu: topBy(topCpu, "namespace"), topMemory: topBy(topMemory, "namespace") } };
  } catch (e) {
    if (e instanceof MetricsUnavailableError && e.reason === "not_configured") return { state: "no_metrics" };
    return { state: "error", message: e instanceof Error ? e.message : String(e) };
  }
}

/** Firing alerts of the cluster that the caller may see (those of their projects, without cluster-wide monitoring rights). */
export async function clusterAlerts(rt: Runtime, p: Principal, cluster: string): Promise<MetricsSection<Timed<AlertsResponse>>> {
  try {
    const a = await visibleAlerts(rt, p, [cluster]);
    if (a.errors.some((e) => e.code === "no_metrics")) return { state: "no_metrics" };
    return { state: "ok", data: { readAt: Date.now(), items: { ...a, alerts: a.alerts.filter((x) => x.state === "firing") } } };
  } catch (e) {
    return { state: "error", message: e instanceof Error ? e.message : String(e) };
  }
}

/** The platform Overview's counts beside the clusters' own: what the caller sees of tenants and projects. */
export function tenancyTotals(rt: Runtime, p: Principal): { tenants: number; projects: number } {
  return { tenants: visibleTenants(rt, p).length, projects: listProjects(rt, p).length };
}

/** Firing alerts over every cluster the caller may use, and the clusters whose Prometheus did not answer. */
export async function firingAlertCount(rt: Runtime, p: Principal): Promise<{ firing: number; failed: number }> {
  const a = await visibleAlerts(rt, p);
  return { firing: a.alerts.filter((x) => x.state === "firing").length, failed: a.errors.filter((e) => e.code !== "no_metrics").length };
}

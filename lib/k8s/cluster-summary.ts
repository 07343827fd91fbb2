// What a cluster's dashboard says about it, from its nodes, pods and events
// and the apiserver's health checks. Pure: the page fetches, these sum.

import { type EventObject, eventTime } from "./kinds/event";
import { type NodeObject, nodeResource, nodeStatus } from "./kinds/node";
import type { PodObject } from "./kinds/pod";
import type { Container } from "./kinds/common";
import { parseQuantity } from "./quantity";

export type AllocResource = "cpu" | "memory";

export interface ResourceAllocation {
  capacity: number;
  allocatable: number;
  requested: number;
  limits: number;
}

export interface Allocation {
  nodes: number;
  cpu: ResourceAllocation;
  memory: ResourceAllocation;
  /** Pods the nodes may run, and the pods that hold a place on them (scheduled, not finished). */
  pods: { allocatable: number; used: number };
}

/** Pods that still hold their node's resources: scheduled and not Succeeded or Failed (as the scheduler counts). */
export function holdsResources(p: PodObject): boolean {
  const phase = p.status?.phase;
  return !!p.spec?.nodeName && phase !== "Succeeded" && phase !== "Failed";
}

function amount(c: Container, which: "requests" | "limits", res: AllocResource): number {
  return parseQuantity(c.resources?.[which]?.[res]) ?? 0;
}

/**
 * What one pod requests (or is limited to) of a resource, the way the
 * scheduler sees it: its containers, or its largest init container if that is
 * more, with sidecars (restartable init containers) running beside both; plus
 * the pod overhead.
 */
export function podAmount(p: PodObject, which: "requests" | "limits", res: AllocResource): number {
  const spec = p.spec;
  if (!spec) return 0;
  let sidecars = 0;
  let init = 0;
  for (const c of spec.initContainers ?? []) {
    const v = amount(c, which, res);
    if (c.restartPolicy === "Always") {
      sidecars += v;
      init = Math.max(init, sidecars);
    } else {
      init = Math.max(init, sidecars + v);
    }
  }
  const main = (spec.containers ?? []).reduce((n, c) => n + amount(c, which, res), 0) + sidecars;
  const overhead = parseQuantity((spec as { overhead?: Record<string, string> }).overhead?.[res]) ?? 0;
  return Math.max(main, init) + overhead;
}

/** Capacity, allocatable, requests and limits of the nodes, counting the pods placed on them. */
export function allocation(nodes: NodeObject[], pods: PodObject[]): Allocation {
  const names = new Set(nodes.map((n) => n.metadata.name));
  const res = (r: AllocResource): ResourceAllocation => ({
    capacity: nodes.reduce((n, x) => n + (nodeResource(x, "capacity", r) ?? 0), 0),
    allocatable: nodes.reduce((n, x) => n + (nodeResource(x, "allocatable", r) ?? 0), 0),
    requested: 0,
    limits: 0,
  });
  const out: Allocation = { nodes: nodes.length, cpu: res("cpu"), memory: res("memory"), pods: { allocatable: 0, used: 0 } };
  out.pods.allocatable = nodes.reduce((n, x) => n + (nodeResource(x, "allocatable", "pods") ?? 0), 0);
  for (const p of pods) {
    if (!holdsResources(p) || !names.has(p.spec!.nodeName)) continue;
    out.pods.used++;
    for (const r of ["cpu", "memory"] as const) {
      out[r].requested += podAmount(p, "requests", r);
      out[r].limits += podAmount(p, "limits", r);
    }
  }
  // Sums of fractions drift ("7.0000001" cores): back to what a quantity can say, millicores and bytes.
  for (const [r, unit] of [["cpu", 1000], ["memory", 1]] as const) {
    for (const k of ["capacity", "allocatable", "requested", "limits"] as const) out[r][k] = Math.round(out[r][k] * unit) / unit;
  }
  return out;
}

export const PRESSURE_CONDITIONS = ["MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"] as const;
export type PressureCondition = (typeof PRESSURE_CONDITIONS)[number];

export interface NodeConditionCounts {
  total: number;
  ready: number;
  notReady: number;
  unknown: number;
  /** Cordoned nodes. */
  unschedulable: number;
  /** Nodes with each pressure condition True. */
  pressure: Record<PressureCondition, number>;
}

export function nodeConditionCounts(nodes: NodeObject[]): NodeConditionCounts {
  const out: NodeConditionCounts = {
    total: nodes.length,
    ready: 0,
    notReady: 0,
    unknown: 0,
    unschedulable: 0,
    pressure: { MemoryPressure: 0, DiskPressure: 0, PIDPressure: 0, NetworkUnavailable: 0 },
  };
  for (const n of nodes) {
    const s = nodeStatus(n);
    if (s === "Ready") out.ready++;
    else if (s === "NotReady") out.notReady++;
    else out.unknown++;
    if (n.spec?.unschedulable) out.unschedulable++;
    for (const c of n.status?.conditions ?? []) {
      if (c.status === "True" && (PRESSURE_CONDITIONS as readonly string[]).includes(c.type)) out.pressure[c.type as PressureCondition]++;
    }
  }
  return out;
}

/** The newest Warning events first, at most `n`. */
export function recentWarnings(events: EventObject[], n = 8): EventObject[] {
  const at = (e: EventObject) => Date.parse(eventTime(e) ?? "") || 0;
  return events
    .filter((e) => e.type === "Warning")
    .sort((a, b) => at(b) - at(a))
    .slice(0, n);
}

export interface HealthCheck {
  name: string;
  ok: boolean;
}

/**
 * The checks of a verbose /readyz or /livez answer ("[+]etcd ok",
 * "[-]informer-sync failed: reason withheld"); lines that are not checks are
 * ignored.
 */
export function parseHealthChecks(text: string): HealthCheck[] {
  const out: HealthCheck[] = [];
  for (const line of text.split("\n")) {
    const m = /^\[([+-])\]([^\s]+)\s/.exec(line.trim() + " ");
    if (m) out.push({ name: m[2], ok: m[1] === "+" });
  }
  return out;
}

export interface ComponentHealth {
  /** A component and whether all its checks pass; "poststarthook/…" checks are one component. */
  name: string;
  ok: boolean;
  failed: string[];
  checks: number;
}

/** Groups checks into the components people know: etcd, informer-sync, the post-start hooks, the rest by name. */
export function componentHealth(checks: HealthCheck[]): ComponentHealth[] {
  const groups = new Map<string, ComponentHealth>();
  for (const c of checks) {
    const name = c.name.startsWith("poststarthook/") ? "poststarthooks" : c.name.startsWith("etcd") ? "etcd" : c.name;
    const g = groups.get(name) ?? { name, ok: true, failed: [], checks: 0 };
    g.checks++;
    if (!c.ok) {
      g.ok = false;
      g.failed.push(c.name);
    }
    groups.set(name, g);
  }
  return [...groups.values()];
}

/** The largest values of an instant query's series, by one label (e.g. namespace), largest first. */
export function topBy(series: { metric: Record<string, string>; values: [number, number | null][] }[], label: string, n = 5): { name: string; value: number }[] {
  return series
    .map((s) => ({ name: s.metric[label] ?? "", value: s.values.at(-1)?.[1] ?? null }))
    .filter((x): x is { name: string; value: number } => x.name !== "" && x.value !== null && Number.isFinite(x.value))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
    .slice(0, n);
}

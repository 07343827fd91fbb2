import { parseQuantity } from "../quantity";
import type { KubeObject } from "../types";

export interface NodeCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface NodeObject extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: NodeCondition[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; containerRuntimeVersion?: string; architecture?: string };
  };
}

export const nodesPath = "/api/v1/nodes";
export const nodePath = (name: string) => `/api/v1/nodes/${encodeURIComponent(name)}`;

export type NodeStatus = "Ready" | "NotReady" | "Unknown";

export function nodeStatus(n: NodeObject): NodeStatus {
  const c = n.status?.conditions?.find((x) => x.type === "Ready");
  return c?.status === "True" ? "Ready" : c?.status === "False" ? "NotReady" : "Unknown";
}

export function nodeRoles(n: NodeObject): string[] {
  const roles = Object.keys(n.metadata.labels ?? {})
    .filter((k) => k.startsWith("node-role.kubernetes.io/"))
    .map((k) => k.slice("node-role.kubernetes.io/".length))
    .filter(Boolean);
  return roles.length ? roles.sort() : [];
}

export function nodeZone(n: NodeObject): string {
  return n.metadata.labels?.["topology.kubernetes.io/zone"] ?? "";
}

export function nodeInternalIP(n: NodeObject): string {
  return n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
}

export function nodeResource(n: NodeObject, which: "capacity" | "allocatable", res: "cpu" | "memory" | "pods"): number | undefined {
  return parseQuantity(n.status?.[which]?.[res]);
}

/** Conditions that signal trouble: Ready≠True, or any pressure/unavailable condition that is True. */
export function nodeProblems(n: NodeObject): NodeCondition[] {
  return (n.status?.conditions ?? []).filter((c) => (c.type === "Ready" ? c.status !== "True" : c.status === "True"));
}

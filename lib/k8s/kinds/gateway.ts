import type { KubeObject } from "../types";
import { type Condition, findCondition, selectorString, type LabelSelector } from "./common";

// Gateway API Gateways (gateway.networking.k8s.io/v1): listeners, the routes
// each admits and has attached, addresses, and what the controller says. Pure.

export interface GatewayListener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tls?: { mode?: string; certificateRefs?: { name: string; namespace?: string; kind?: string }[] };
  allowedRoutes?: {
    namespaces?: { from?: "All" | "Same" | "Selector"; selector?: LabelSelector };
    kinds?: { group?: string; kind: string }[];
  };
}

export interface ListenerStatus {
  name: string;
  attachedRoutes?: number;
  supportedKinds?: { group?: string; kind: string }[];
  conditions?: Condition[];
}

export interface GatewayObject extends KubeObject {
  spec?: {
    gatewayClassName?: string;
    listeners?: GatewayListener[];
    addresses?: { type?: string; value: string }[];
  };
  status?: {
    addresses?: { type?: string; value: string }[];
    conditions?: Condition[];
    listeners?: ListenerStatus[];
  };
}

export interface ListenerView {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  /** Which namespaces' routes it admits: "Same" (the default), "All", or "Selector: <labels>". */
  allowedRoutes: string;
  /** Routes attached, as the controller counted them; undefined before it reports. */
  attachedRoutes?: number;
  conditions: Condition[];
}

export function allowedRoutesText(l: GatewayListener): string {
  const from = l.allowedRoutes?.namespaces?.from ?? "Same";
  if (from !== "Selector") return from;
  return `Selector: ${selectorString(l.allowedRoutes?.namespaces?.selector) || "*"}`;
}

export function gatewayListeners(g: GatewayObject): ListenerView[] {
  const st = g.status?.listeners ?? [];
  return (g.spec?.listeners ?? []).map((l) => {
    const s = st.find((x) => x.name === l.name);
    return {
      name: l.name,
      port: l.port,
      protocol: l.protocol,
      hostname: l.hostname,
      allowedRoutes: allowedRoutesText(l),
      attachedRoutes: s?.attachedRoutes,
      conditions: s?.conditions ?? [],
    };
  });
}

/** "web: HTTP/80 *.example.com" per listener. */
export const listenerText = (l: ListenerView) => `${l.name}: ${l.protocol}/${l.port}${l.hostname ? ` ${l.hostname}` : ""}`;

/** The addresses the controller reports (status); the ones asked for while it has reported none. */
export function gatewayAddresses(g: GatewayObject): string[] {
  const st = g.status?.addresses ?? [];
  return (st.length ? st : (g.spec?.addresses ?? [])).map((a) => a.value);
}

export const gatewayAttachedRoutes = (g: GatewayObject): number => (g.status?.listeners ?? []).reduce((n, l) => n + (l.attachedRoutes ?? 0), 0);

export const gatewayConditions = (g: GatewayObject): Condition[] => g.status?.conditions ?? [];

/**
 * As its controller put it: "Programmed" once accepted and programmed,
 * "NotAccepted: <reason>" / "NotProgrammed: <reason>" when it said no,
 * "Pending" while it has said nothing.
 */
export function gatewayStatus(g: GatewayObject): string {
  const accepted = findCondition(g.status?.conditions, "Accepted");
  const programmed = findCondition(g.status?.conditions, "Programmed");
  if (accepted?.status === "False") return `NotAccepted: ${accepted.reason ?? "Unknown"}`;
  if (programmed?.status === "False") return `NotProgrammed: ${programmed.reason ?? "Unknown"}`;
  if (programmed?.status === "True") return "Programmed";
  if (accepted?.status === "True") return "Accepted";
  return "Pending";
}

/** A refusal in the controller's words, the gateway's own or a listener's. */
export function gatewayProblem(g: GatewayObject): string | undefined {
  for (const type of ["Accepted", "Programmed"]) {
    const c = findCondition(g.status?.conditions, type);
    if (c?.status === "False") return `${c.reason ?? c.type}${c.message ? `: ${c.message}` : ""}`;
  }
  for (const l of g.status?.listeners ?? []) {
    const c = (l.conditions ?? []).find((x) => (x.type === "Accepted" || x.type === "Programmed" || x.type === "ResolvedRefs") && x.status === "False");
    if (c) return `${l.name}: ${c.reason ?? c.type}${c.message ? `: ${c.message}` : ""}`;
    const conflict = findCondition(l.conditions, "Conflicted");
    if (conflict?.status === "True") return `${l.name}: ${conflict.reason ?? conflict.type}${conflict.message ? `: ${conflict.message}` : ""}`;
  }
  return undefined;
}

/** "namespace/name" of a gateway, as a route's parent names it. */
export const gatewayRef = (g: GatewayObject) => `${g.metadata.namespace ?? ""}/${g.metadata.name ?? ""}`;

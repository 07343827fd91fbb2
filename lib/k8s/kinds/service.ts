import type { KubeObject } from "../types";
import { collectionPath, withQuery } from "./common";

export interface ServicePort {
  name?: string;
  protocol?: "TCP" | "UDP" | "SCTP";
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

export interface ServiceObject extends KubeObject {
  spec?: {
    type?: ServiceType;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    loadBalancerIP?: string;
    ports?: ServicePort[];
    selector?: Record<string, string>;
    sessionAffinity?: "None" | "ClientIP";
    ipFamilies?: string[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface EndpointSliceObject extends KubeObject {
  addressType?: "IPv4" | "IPv6" | "FQDN";
  endpoints?: {
    addresses: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    nodeName?: string;
    targetRef?: { kind?: string; name?: string; namespace?: string };
  }[];
  ports?: { name?: string; port?: number; protocol?: string }[] | null;
}

export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
/** The EndpointSlices of a service. */
export const serviceEndpointSlicesPath = (ns: string, service: string) =>
  withQuery(collectionPath("discovery.k8s.io", "v1", "endpointslices", ns), { labelSelector: `${SERVICE_NAME_LABEL}=${service}` });

export const serviceType = (s: ServiceObject): ServiceType => s.spec?.type ?? "ClusterIP";
export const serviceClusterIP = (s: ServiceObject) => s.spec?.clusterIP ?? "";

/** Ports as kubectl prints them: "80/TCP", "80:30080/TCP". */
export function servicePorts(s: ServiceObject): string {
  return (s.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`).join(",");
}

/** External addresses: load balancer ingress, external IPs or the external name. */
export function serviceExternal(s: ServiceObject): string[] {
  if (serviceType(s) === "ExternalName") return s.spec?.externalName ? [s.spec.externalName] : [];
  const lb = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? "").filter(Boolean);
  return [...lb, ...(s.spec?.externalIPs ?? [])];
}

/** The selector as a labelSelector string; "" for services without one (their endpoints are managed by hand). */
export function serviceSelector(s: ServiceObject): string {
  return Object.entries(s.spec?.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

export interface EndpointView {
  address: string;
  ready: boolean;
  node?: string;
  target?: string;
  ports: string;
}

/** Every endpoint address of a service's slices, with readiness and the pod behind it. */
export function endpointsOf(slices: EndpointSliceObject[]): EndpointView[] {
  const out: EndpointView[] = [];
  for (const sl of slices) {
    const ports = (sl.ports ?? []).map((p) => `${p.port ?? ""}/${p.protocol ?? "TCP"}`).join(",");
    for (const e of sl.endpoints ?? []) {
      for (const a of e.addresses) {
        out.push({ address: a, ready: e.conditions?.ready !== false, node: e.nodeName, target: e.targetRef?.name, ports });
      }
    }
  }
  return out.sort((a, b) => a.address.localeCompare(b.address, undefined, { numeric: true }));
}

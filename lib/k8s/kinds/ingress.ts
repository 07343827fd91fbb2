import type { KubeObject } from "../types";

// Ingresses (networking.k8s.io/v1): hosts, paths and their backends, TLS, the
// class and the addresses the controller published. Pure.

export type IngressPathType = "Prefix" | "Exact" | "ImplementationSpecific";

export interface IngressServiceBackend {
  name: string;
  port?: { number?: number; name?: string };
}

export interface IngressBackend {
  service?: IngressServiceBackend;
  resource?: { apiGroup?: string; kind: string; name: string };
}

export interface IngressPath {
  path?: string;
  pathType: IngressPathType;
  backend: IngressBackend;
}

export interface IngressRule {
  host?: string;
  http?: { paths: IngressPath[] };
}

export interface IngressObject extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: IngressRule[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string; ports?: { port: number; protocol?: string; error?: string }[] }[] } };
}

export const LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

/** The class: spec.ingressClassName, or the annotation older Ingresses use; "" for the cluster's default class. */
export const ingressClass = (i: IngressObject): string => i.spec?.ingressClassName ?? i.metadata.annotations?.[LEGACY_CLASS_ANNOTATION] ?? "";

/** "web:80", "web:http" or "Kind/name" for a resource backend. */
export function ingressBackendText(b: IngressBackend | undefined): string {
  if (!b) return "";
  if (b.resource) return `${b.resource.kind}/${b.resource.name}`;
  const s = b.service;
  if (!s) return "";
  const port = s.port?.number ?? s.port?.name;
  return port !== undefined ? `${s.name}:${port}` : s.name;
}

export interface IngressPathView {
  host: string;
  path: string;
  pathType: IngressPathType;
  backend: string;
  service?: string;
}

/** Every path of every rule with its host ("*" for any host); the default backend last, as "*" and no path. */
export function ingressPaths(i: IngressObject): IngressPathView[] {
  const out: IngressPathView[] = [];
  for (const r of i.spec?.rules ?? []) {
    for (const p of r.http?.paths ?? []) {
      out.push({ host: r.host || "*", path: p.path ?? "/", pathType: p.pathType, backend: ingressBackendText(p.backend), service: p.backend.service?.name });
    }
  }
  const d = i.spec?.defaultBackend;
  if (d) out.push({ host: "*", path: "", pathType: "ImplementationSpecific", backend: ingressBackendText(d), service: d.service?.name });
  return out;
}

/** The hosts of its rules, once each ("*" for a rule without a host). */
export const ingressHosts = (i: IngressObject): string[] => [...new Set((i.spec?.rules ?? []).map((r) => r.host || "*"))];

/** Its backends, once each. */
export const ingressBackends = (i: IngressObject): string[] => [...new Set(ingressPaths(i).map((p) => p.backend).filter(Boolean))];

export const ingressTLS = (i: IngressObject): { hosts: string[]; secretName: string }[] =>
  (i.spec?.tls ?? []).map((t) => ({ hosts: t.hosts ?? [], secretName: t.secretName ?? "" }));

/** The addresses the controller published in status.loadBalancer. */
export const ingressAddresses = (i: IngressObject): string[] =>
  (i.status?.loadBalancer?.ingress ?? []).map((a) => a.ip ?? a.hostname ?? "").filter(Boolean);

/**
 * Ingresses have no conditions; what a controller says is the address it
 * publishes: "Published" once there is one, "Pending" before. An address with
 * a port error is reported as the controller wrote it.
 */
export function ingressStatus(i: IngressObject): string {
  const lb = i.status?.loadBalancer?.ingress ?? [];
  const err = lb.flatMap((a) => a.ports ?? []).find((p) => p.error);
  if (err) return `PortError: ${err.error}`;
  return ingressAddresses(i).length ? "Published" : "Pending";
}

export function ingressProblem(i: IngressObject): string | undefined {
  const err = (i.status?.loadBalancer?.ingress ?? []).flatMap((a) => a.ports ?? []).find((p) => p.error);
  return err ? `${err.port}/${err.protocol ?? "TCP"}: ${err.error}` : undefined;
}

// ---- classes ----

export interface IngressClassObject extends KubeObject {
  spec?: { controller?: string; parameters?: unknown };
}

export const ingressClassesPath = "/apis/networking.k8s.io/v1/ingressclasses";
export const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

/** The class the cluster gives an ingress that names none (the one marked default; none when several or none are). */
export function defaultIngressClass(classes: IngressClassObject[]): string | undefined {
  const marked = classes.filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === "true");
  return marked.length === 1 ? marked[0].metadata.name : undefined;
}

import { collectionPath, namedPath } from "./common";

// The kinds the workload pages know, by the slug in their URL
// (/c/<cluster>/ns/<ns>/<slug>/<name>).

export const KIND_SLUGS = [
  "deployments",
  "statefulsets",
  "daemonsets",
  "jobs",
  "cronjobs",
  "pods",
  "services",
  "configmaps",
  "secrets",
  "persistentvolumeclaims",
  "replicasets",
] as const;

export type KindSlug = (typeof KIND_SLUGS)[number];

export interface KindInfo {
  slug: KindSlug;
  kind: string;
  apiGroup: string;
  version: string;
  plural: string;
  /** The collection in one namespace, or in all when ns is empty. */
  listPath: (ns?: string) => string;
  objectPath: (ns: string, name: string) => string;
  /** Which table renders the list (the slug of its renderer). */
  columns: KindSlug;
  /** The resource as permissions name it: "<group|core>/<plural>". */
  resource: string;
  /** Has a scale subresource. */
  scalable: boolean;
  /** Has a pod template `kubectl rollout restart` can restart. */
  restartable: boolean;
}

function info(slug: KindSlug, kind: string, apiGroup: string, version: string, extra: Partial<Pick<KindInfo, "scalable" | "restartable">> = {}): KindInfo {
  return {
    slug,
    kind,
    apiGroup,
    version,
    plural: slug,
    listPath: (ns?: string) => collectionPath(apiGroup, version, slug, ns),
    objectPath: (ns: string, name: string) => namedPath(apiGroup, version, slug, ns, name),
    columns: slug,
    resource: `${apiGroup || "core"}/${slug}`,
    scalable: extra.scalable ?? false,
    restartable: extra.restartable ?? false,
  };
}

export const KINDS: Record<KindSlug, KindInfo> = {
  deployments: info("deployments", "Deployment", "apps", "v1", { scalable: true, restartable: true }),
  statefulsets: info("statefulsets", "StatefulSet", "apps", "v1", { scalable: true, restartable: true }),
  daemonsets: info("daemonsets", "DaemonSet", "apps", "v1", { restartable: true }),
  jobs: info("jobs", "Job", "batch", "v1"),
  cronjobs: info("cronjobs", "CronJob", "batch", "v1"),
  pods: info("pods", "Pod", "", "v1"),
  services: info("services", "Service", "", "v1"),
  configmaps: info("configmaps", "ConfigMap", "", "v1"),
  secrets: info("secrets", "Secret", "", "v1"),
  persistentvolumeclaims: info("persistentvolumeclaims", "PersistentVolumeClaim", "", "v1"),
  replicasets: info("replicasets", "ReplicaSet", "apps", "v1", { scalable: true }),
};

export function isKindSlug(s: string): s is KindSlug {
  return (KIND_SLUGS as readonly string[]).includes(s);
}

export function kindBySlug(s: string): KindInfo | undefined {
  return isKindSlug(s) ? KINDS[s] : undefined;
}

/** The known kind of an object's apiVersion and kind, e.g. ("apps/v1", "Deployment"). */
export function kindOf(apiVersion: string | undefined, kind: string | undefined): KindInfo | undefined {
  if (!apiVersion || !kind) return undefined;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  return Object.values(KINDS).find((k) => k.kind === kind && k.apiGroup === group && k.version === version);
}

/** The known kind of an owner reference's kind (for links from a pod to its ReplicaSet or Job). */
export function kindByName(kind: string): KindInfo | undefined {
  return Object.values(KINDS).find((k) => k.kind === kind);
}

const enc = encodeURIComponent;
export const nsHref = (cluster: string, ns: string) => `/c/${enc(cluster)}/ns/${enc(ns)}`;
export const listHref = (cluster: string, ns: string, slug: KindSlug) => `${nsHref(cluster, ns)}/${slug}`;
export const detailHref = (cluster: string, ns: string, slug: KindSlug, name: string) => `${listHref(cluster, ns, slug)}/${enc(name)}`;

/** A URL segment as a name: decoded once, left as it is when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

import { collectionPath, namedPath } from "./common";

// A kind's API coordinates and the console's links to it. Pure: server pages,
// browser code and the kind registry (components/kinds/registry.ts) share it.

export interface KindInfo {
  /** The plural in the kind's URLs (/c/<cluster>/ns/<ns>/<slug>/<name>) and API paths. */
  slug: string;
  kind: string;
  apiGroup: string;
  version: string;
  /** "apps/v1", or "v1" for the core group. */
  apiVersion: string;
  plural: string;
  /** The collection in one namespace, or in all when ns is empty. */
  listPath: (ns?: string) => string;
  objectPath: (ns: string, name: string) => string;
  /** The resource as permissions name it: "<group|core>/<plural>". */
  resource: string;
  /** Has a scale subresource. */
  scalable: boolean;
  /** Has a pod template `kubectl rollout restart` can restart. */
  restartable: boolean;
}

export interface KindCoordinates {
  slug: string;
  kind: string;
  group: string;
  version: string;
  scalable?: boolean;
  restartable?: boolean;
}

export function kindInfo({ slug, kind, group, version, scalable = false, restartable = false }: KindCoordinates): KindInfo {
  return {
    slug,
    kind,
    apiGroup: group,
    version,
    apiVersion: group ? `${group}/${version}` : version,
    plural: slug,
    listPath: (ns?: string) => collectionPath(group, version, slug, ns),
    objectPath: (ns: string, name: string) => namedPath(group, version, slug, ns, name),
    resource: `${group || "core"}/${slug}`,
    scalable,
    restartable,
  };
}

const enc = encodeURIComponent;
export const nsHref = (cluster: string, ns: string) => `/c/${enc(cluster)}/ns/${enc(ns)}`;
export const listHref = (cluster: string, ns: string, slug: string) => `${nsHref(cluster, ns)}/${slug}`;
export const detailHref = (cluster: string, ns: string, slug: string, name: string) => `${listHref(cluster, ns, slug)}/${enc(name)}`;

/** A URL segment as a name: decoded once, left as it is when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

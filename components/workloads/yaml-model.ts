import { parseAllDocuments, stringify } from "yaml";
import { type KindModule, starterObject } from "@/components/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";

// The YAML editor's pure side: parse what the user typed into one object,
// what to show of an object, and starters for new objects.

export type Parsed = { ok: true; object: KubeObject } | { ok: false; reason: "syntax"; message: string; line?: number; col?: number } | { ok: false; reason: "empty" | "many" | "notObject" | "noKind" | "noName" };

export function parseManifest(text: string): Parsed {
  const docs = parseAllDocuments(text).filter((d) => !(d.contents === null && d.errors.length === 0));
  if (docs.length === 0) return { ok: false, reason: "empty" };
  if (docs.length > 1) return { ok: false, reason: "many" };
  const doc = docs[0];
  if (doc.errors.length) {
    const e = doc.errors[0];
    return { ok: false, reason: "syntax", message: e.message, line: e.linePos?.[0]?.line, col: e.linePos?.[0]?.col };
  }
  const v: unknown = doc.toJS();
  if (!v || typeof v !== "object" || Array.isArray(v)) return { ok: false, reason: "notObject" };
  const o = v as Partial<KubeObject>;
  if (typeof o.apiVersion !== "string" || typeof o.kind !== "string") return { ok: false, reason: "noKind" };
  if (!o.metadata || typeof o.metadata !== "object" || (typeof o.metadata.name !== "string" && typeof (o.metadata as { generateName?: unknown }).generateName !== "string")) {
    return { ok: false, reason: "noName" };
  }
  return { ok: true, object: o as KubeObject };
}

export function toYaml(o: unknown): string {
  return stringify(o, { lineWidth: 0 });
}

const HEAD_KEYS = ["apiVersion", "kind", "metadata"];

/**
 * One order of the top-level fields whatever the source: apiVersion, kind and
 * metadata first (the API server sends kind first, a list item has neither and
 * gets them prepended), then the rest as they came. Without it a diff of the
 * object now against the user's edit shows lines moved that nobody touched.
 */
export function canonicalObject<T extends object>(o: T): T {
  const rec = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of HEAD_KEYS) if (rec[k] !== undefined) out[k] = rec[k];
  for (const k of Object.keys(rec)) if (!HEAD_KEYS.includes(k)) out[k] = rec[k];
  return out as T;
}

/** What the editor starts from: the object without managedFields (omitted in a PUT, the server keeps them). */
export function editableYaml(o: KubeObject): string {
  const c = structuredClone(o);
  delete c.metadata.managedFields;
  return toYaml(canonicalObject(c));
}

/** What a diff shows: no managedFields, resourceVersion or status — the noise of every write. */
export function diffView(o: KubeObject | undefined): string {
  if (!o) return "";
  const c = structuredClone(o) as KubeObject & { status?: unknown };
  delete c.metadata.managedFields;
  delete c.metadata.resourceVersion;
  delete c.status;
  return toYaml(canonicalObject(c));
}

/** The object as it will be sent: in the namespace of the page when it names none. */
export function forNamespace(o: KubeObject, ns: string, namespaced: boolean): KubeObject {
  if (!namespaced || o.metadata.namespace) return o;
  return { ...o, metadata: { ...o.metadata, namespace: ns } };
}

/** apiVersion "apps/v1" → ["apps", "v1"]; "v1" → ["", "v1"]. */
export function splitApiVersion(apiVersion: string): [string, string] {
  const i = apiVersion.indexOf("/");
  return i < 0 ? ["", apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}

export interface DiscoveredResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** The resource of a kind in an API group version's discovery document (not its subresources). */
export function resourceForKind(resources: DiscoveredResource[], kind: string): DiscoveredResource | undefined {
  return resources.find((r) => r.kind === kind && !r.name.includes("/"));
}

/** A small valid object of a kind to start a "create from YAML" with. */
export function starterYaml(kind: KindModule, ns: string): string {
  return toYaml(starterObject(kind, ns));
}

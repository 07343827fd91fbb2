import { parseAllDocuments, stringify } from "yaml";
import type { KindSlug } from "@/lib/k8s/kinds/registry";
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

/** What the editor starts from: the object without managedFields (omitted in a PUT, the server keeps them). */
export function editableYaml(o: KubeObject): string {
  const c = structuredClone(o);
  delete c.metadata.managedFields;
  return toYaml(c);
}

/** What a diff shows: no managedFields, resourceVersion or status — the noise of every write. */
export function diffView(o: KubeObject | undefined): string {
  if (!o) return "";
  const c = structuredClone(o) as KubeObject & { status?: unknown };
  delete c.metadata.managedFields;
  delete c.metadata.resourceVersion;
  delete c.status;
  return toYaml(c);
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

const STARTERS: Record<KindSlug, (ns: string) => unknown> = {
  deployments: (ns) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "example", namespace: ns, labels: { app: "example" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "example" } },
      template: { metadata: { labels: { app: "example" } }, spec: { containers: [{ name: "example", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] } },
    },
  }),
  statefulsets: (ns) => ({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "example", namespace: ns },
    spec: {
      serviceName: "example",
      replicas: 1,
      selector: { matchLabels: { app: "example" } },
      template: { metadata: { labels: { app: "example" } }, spec: { containers: [{ name: "example", image: "nginx:1.27" }] } },
    },
  }),
  daemonsets: (ns) => ({
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "example", namespace: ns },
    spec: {
      selector: { matchLabels: { app: "example" } },
      template: { metadata: { labels: { app: "example" } }, spec: { containers: [{ name: "example", image: "busybox:1.36", command: ["sleep", "infinity"] }] } },
    },
  }),
  jobs: (ns) => ({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "example", namespace: ns },
    spec: { backoffLimit: 2, template: { spec: { restartPolicy: "Never", containers: [{ name: "example", image: "busybox:1.36", command: ["echo", "hello"] }] } } },
  }),
  cronjobs: (ns) => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "example", namespace: ns },
    spec: {
      schedule: "0 3 * * *",
      jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "example", image: "busybox:1.36", command: ["echo", "hello"] }] } } } },
    },
  }),
  pods: (ns) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "example", namespace: ns }, spec: { containers: [{ name: "example", image: "nginx:1.27" }] } }),
  services: (ns) => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "example", namespace: ns },
    spec: { type: "ClusterIP", selector: { app: "example" }, ports: [{ port: 80, targetPort: 80, protocol: "TCP" }] },
  }),
  configmaps: (ns) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "example", namespace: ns }, data: { key: "value" } }),
  secrets: (ns) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "example", namespace: ns }, type: "Opaque", stringData: { key: "value" } }),
  persistentvolumeclaims: (ns) => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "example", namespace: ns },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  }),
  replicasets: (ns) => ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "example", namespace: ns },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "example" } },
      template: { metadata: { labels: { app: "example" } }, spec: { containers: [{ name: "example", image: "nginx:1.27" }] } },
    },
  }),
};

/** A small valid object of a kind to start a "create from YAML" with. */
export function starterYaml(slug: KindSlug, ns: string): string {
  return toYaml(STARTERS[slug](ns));
}

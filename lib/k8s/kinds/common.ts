import type { KubeObject, ObjectMeta } from "../types";

// Shapes and helpers the workload kinds share: API paths, conditions, label
// selectors and pod templates. Pure.

const enc = encodeURIComponent;

/** "/api/v1" for the core group, "/apis/<group>/<version>" otherwise. */
export function apiBase(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** A namespaced collection; all namespaces when ns is empty. */
export function collectionPath(group: string, version: string, plural: string, ns?: string): string {
  return ns ? `${apiBase(group, version)}/namespaces/${enc(ns)}/${plural}` : `${apiBase(group, version)}/${plural}`;
}

export function namedPath(group: string, version: string, plural: string, ns: string, name: string): string {
  return `${collectionPath(group, version, plural, ns)}/${enc(name)}`;
}

/** Appends query parameters (skipping empty ones) to a path. */
export function withQuery(path: string, params: Record<string, string | number | boolean | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === "" || v === false) continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  if (!s) return path;
  return `${path}${path.includes("?") ? "&" : "?"}${s}`;
}

/** The collection narrowed to one object: lists and watches of it stay live. */
export function singleObjectListPath(collection: string, name: string): string {
  return withQuery(collection, { fieldSelector: `metadata.name=${name}` });
}

export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string;
}

export function findCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** The labelSelector query string of a selector, e.g. "app=web,tier in (a,b),!legacy". */
export function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return "";
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${vals})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(",");
}

/** Objects whose controller (owner reference) is `owner`. */
export function ownedBy<T extends KubeObject>(items: T[], owner: KubeObject): T[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  return items.filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === uid));
}

/** The controlling owner of an object (e.g. the ReplicaSet of a pod). */
export function controllerOf(o: KubeObject): { kind: string; name: string } | undefined {
  const refs = o.metadata.ownerReferences ?? [];
  const r = refs.find((x) => x.controller) ?? refs[0];
  return r ? { kind: r.kind, name: r.name } : undefined;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name?: string; key: string; optional?: boolean };
    secretKeyRef?: { name?: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string; apiVersion?: string };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
  };
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: "TCP" | "UDP" | "SCTP";
  hostPort?: number;
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: "HTTP" | "HTTPS"; host?: string };
  tcpSocket?: { port: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
  successThreshold?: number;
}

export interface ResourceRequirements {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  env?: EnvVar[];
  resources?: ResourceRequirements;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  restartPolicy?: "Always";
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  configMap?: { name?: string };
  secret?: { secretName?: string };
  emptyDir?: Record<string, unknown>;
  projected?: { sources?: { configMap?: { name?: string }; secret?: { name?: string } }[] };
  [other: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  serviceAccountName?: string;
  restartPolicy?: "Always" | "OnFailure" | "Never";
  volumes?: Volume[];
  priorityClassName?: string;
  terminationGracePeriodSeconds?: number;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

/** Images of a pod template's containers (init containers first), without repeats. */
export function templateImages(t: PodTemplateSpec | undefined): string[] {
  const spec = t?.spec;
  if (!spec) return [];
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.image).filter((i): i is string => !!i);
  return [...new Set(all)];
}

/** The annotation `kubectl rollout restart` sets on a pod template. */
export const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

/** The merge patch that restarts the pods of a deployment, statefulset or daemonset (like `kubectl rollout restart`: RFC 3339 to the second). */
export function restartPatch(now: Date = new Date()) {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now.toISOString().replace(/\.\d+Z$/, "Z") } } } } };
}

/** The merge patch of a scale subresource. */
export function scalePatch(replicas: number) {
  return { spec: { replicas } };
}

export const MERGE_PATCH = "application/merge-patch+json";
export const JSON_PATCH = "application/json-patch+json";

export type Tone = "green" | "red" | "amber" | "slate" | "sky";

const TONES: Record<string, Tone> = {
  Available: "green",
  Ready: "green",
  Running: "green",
  Complete: "green",
  Bound: "green",
  Active: "green",
  Progressing: "sky",
  Updating: "sky",
  Pending: "amber",
  Paused: "amber",
  Suspended: "amber",
  NotReady: "amber",
  ScaledDown: "slate",
  Terminating: "slate",
  Failed: "red",
  Lost: "red",
};

/** The colour of a one-word status of any kind. */
export const toneOf = (status: string): Tone => TONES[status] ?? "slate";

/** A simple summary for objects with a desired and a ready count. */
export function readyRatio(ready: number, desired: number): string {
  return `${ready}/${desired}`;
}

/** The events about one object: involvedObject name and kind, in its namespace. */
export function objectEventsPath(ns: string, kind: string, name: string): string {
  return withQuery(collectionPath("", "v1", "events", ns), { fieldSelector: `involvedObject.name=${name},involvedObject.kind=${kind}` });
}

/** The events of a namespace. */
export const namespaceEventsPath = (ns: string) => collectionPath("", "v1", "events", ns);

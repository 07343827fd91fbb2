import type { KubeObject } from "../types";
import {
  type Condition,
  JSON_PATCH,
  type LabelSelector,
  type PodTemplateSpec,
  collectionPath,
  findCondition,
  namedPath,
  ownedBy,
  readyRatio,
  templateImages,
} from "./common";
import { type ReplicaSetObject, POD_TEMPLATE_HASH, replicaSetRevision, templateWithoutHash } from "./replicaset";

export interface DeploymentObject extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    strategy?: { type?: "RollingUpdate" | "Recreate"; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
    paused?: boolean;
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
    progressDeadlineSeconds?: number;
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    observedGeneration?: number;
    conditions?: Condition[];
  };
}

export const deploymentsPath = (ns?: string) => collectionPath("apps", "v1", "deployments", ns);
export const deploymentPath = (ns: string, name: string) => namedPath("apps", "v1", "deployments", ns, name);

export const deploymentDesired = (d: DeploymentObject) => d.spec?.replicas ?? 1;
export const deploymentReady = (d: DeploymentObject) => d.status?.readyReplicas ?? 0;
export const deploymentUpdated = (d: DeploymentObject) => d.status?.updatedReplicas ?? 0;
export const deploymentAvailable = (d: DeploymentObject) => d.status?.availableReplicas ?? 0;
export const deploymentReadyText = (d: DeploymentObject) => readyRatio(deploymentReady(d), deploymentDesired(d));
export const deploymentImages = (d: DeploymentObject) => templateImages(d.spec?.template);
export const deploymentConditions = (d: DeploymentObject) => d.status?.conditions ?? [];
export const deploymentRevision = (d: DeploymentObject) => replicaSetRevision(d);

export type DeploymentStatus = "Available" | "Progressing" | "Failed" | "ScaledDown" | "Paused";

/** One word for a deployment's state, from its spec, status and conditions. */
export function deploymentStatus(d: DeploymentObject): DeploymentStatus {
  if (d.spec?.paused) return "Paused";
  const progressing = findCondition(d.status?.conditions, "Progressing");
  const failure = findCondition(d.status?.conditions, "ReplicaFailure");
  if (progressing?.reason === "ProgressDeadlineExceeded" || failure?.status === "True") return "Failed";
  const desired = deploymentDesired(d);
  const observed = (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  if (desired === 0) return (d.status?.replicas ?? 0) === 0 ? "ScaledDown" : "Progressing";
  if (observed && deploymentUpdated(d) >= desired && deploymentAvailable(d) >= desired && deploymentReady(d) >= desired && (d.status?.replicas ?? 0) <= desired) {
    return "Available";
  }
  return "Progressing";
}

/** The condition message that explains a failure (e.g. exceeded quota), if any. */
export function deploymentProblem(d: DeploymentObject): string | undefined {
  const failure = findCondition(d.status?.conditions, "ReplicaFailure");
  if (failure?.status === "True") return failure.message ?? failure.reason;
  const progressing = findCondition(d.status?.conditions, "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") return progressing.message ?? progressing.reason;
  return undefined;
}

/** The deployment's ReplicaSets, newest revision first (what `kubectl rollout history` lists). */
export function deploymentReplicaSets(d: DeploymentObject, all: ReplicaSetObject[]): ReplicaSetObject[] {
  return ownedBy(all, d).sort((a, b) => replicaSetRevision(b) - replicaSetRevision(a));
}

/** Pod templates equal up to the pod-template-hash label: is this ReplicaSet the deployment's current one? */
export function sameTemplate(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonical(stripHash(a)) === canonical(stripHash(b));
}

function stripHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const c: PodTemplateSpec = structuredClone(t ?? {});
  if (c.metadata?.labels) delete c.metadata.labels[POD_TEMPLATE_HASH];
  return c;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined && !(x && typeof x === "object" && !Array.isArray(x) && Object.keys(x).length === 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

// Annotations `kubectl rollout undo` keeps from the deployment instead of taking them from the ReplicaSet.
const ROLLBACK_SKIPPED_ANNOTATIONS = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

/**
 * The JSON patch that rolls a deployment back to a ReplicaSet's revision, as
 * `kubectl rollout undo --to-revision` does: the ReplicaSet's pod template
 * (without pod-template-hash) and its annotations, keeping the deployment's own.
 */
export function rollbackPatch(d: DeploymentObject, rs: ReplicaSetObject) {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ROLLBACK_SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ROLLBACK_SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  return {
    contentType: JSON_PATCH,
    body: [
      { op: "replace", path: "/spec/template", value: templateWithoutHash(rs) },
      { op: "add", path: "/metadata/annotations", value: annotations },
    ],
  };
}

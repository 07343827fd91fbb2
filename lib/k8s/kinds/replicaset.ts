import type { KubeObject } from "../types";
import { type Condition, type LabelSelector, type PodTemplateSpec, collectionPath, readyRatio, templateImages } from "./common";

export interface ReplicaSetObject extends KubeObject {
  spec?: { replicas?: number; minReadySeconds?: number; selector?: LabelSelector; template?: PodTemplateSpec };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    fullyLabeledReplicas?: number;
    observedGeneration?: number;
    conditions?: Condition[];
  };
}

export const replicaSetsPath = (ns?: string) => collectionPath("apps", "v1", "replicasets", ns);

/** The annotation a deployment stamps on its ReplicaSets: their revision. */
export const REVISION = "deployment.kubernetes.io/revision";
export const POD_TEMPLATE_HASH = "pod-template-hash";

export const replicaSetDesired = (rs: ReplicaSetObject) => rs.spec?.replicas ?? 1;
export const replicaSetReady = (rs: ReplicaSetObject) => rs.status?.readyReplicas ?? 0;
export const replicaSetReadyText = (rs: ReplicaSetObject) => readyRatio(replicaSetReady(rs), replicaSetDesired(rs));
export const replicaSetImages = (rs: ReplicaSetObject) => templateImages(rs.spec?.template);

/** The revision of a deployment's ReplicaSet (0 when it has none). */
export function replicaSetRevision(rs: KubeObject): number {
  const n = Number(rs.metadata.annotations?.[REVISION]);
  return Number.isFinite(n) ? n : 0;
}

/** A ReplicaSet's pod template as it would be in its deployment: without the pod-template-hash label. */
export function templateWithoutHash(rs: ReplicaSetObject): PodTemplateSpec {
  const t: PodTemplateSpec = structuredClone(rs.spec?.template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

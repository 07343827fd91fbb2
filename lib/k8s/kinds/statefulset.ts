import type { KubeObject } from "../types";
import { type Condition, type LabelSelector, type PodTemplateSpec, readyRatio, templateImages } from "./common";

export interface StatefulSetObject extends KubeObject {
  spec?: {
    replicas?: number;
    serviceName?: string;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    podManagementPolicy?: "OrderedReady" | "Parallel";
    updateStrategy?: { type?: "RollingUpdate" | "OnDelete"; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    volumeClaimTemplates?: { metadata: { name?: string }; spec?: { storageClassName?: string; resources?: { requests?: Record<string, string> } } }[];
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    observedGeneration?: number;
    conditions?: Condition[];
  };
}

export const statefulSetDesired = (s: StatefulSetObject) => s.spec?.replicas ?? 1;
export const statefulSetReady = (s: StatefulSetObject) => s.status?.readyReplicas ?? 0;
export const statefulSetReadyText = (s: StatefulSetObject) => readyRatio(statefulSetReady(s), statefulSetDesired(s));
export const statefulSetImages = (s: StatefulSetObject) => templateImages(s.spec?.template);

export type StatefulSetStatus = "Ready" | "Updating" | "ScaledDown" | "NotReady";

export function statefulSetStatus(s: StatefulSetObject): StatefulSetStatus {
  const desired = statefulSetDesired(s);
  if (desired === 0 && (s.status?.replicas ?? 0) === 0) return "ScaledDown";
  const observed = (s.status?.observedGeneration ?? 0) >= (s.metadata.generation ?? 0);
  const updating = !observed || (s.status?.updateRevision && s.status.currentRevision !== s.status.updateRevision) || (s.status?.updatedReplicas ?? 0) < desired;
  if (updating) return "Updating";
  return statefulSetReady(s) >= desired ? "Ready" : "NotReady";
}

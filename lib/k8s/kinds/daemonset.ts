import type { KubeObject } from "../types";
import { type Condition, type LabelSelector, type PodTemplateSpec, readyRatio, templateImages } from "./common";

export interface DaemonSetObject extends KubeObject {
  spec?: {
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    updateStrategy?: { type?: "RollingUpdate" | "OnDelete" };
    minReadySeconds?: number;
  };
  status?: {
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
    numberMisscheduled?: number;
    updatedNumberScheduled?: number;
    observedGeneration?: number;
    conditions?: Condition[];
  };
}

export const daemonSetDesired = (d: DaemonSetObject) => d.status?.desiredNumberScheduled ?? 0;
export const daemonSetReady = (d: DaemonSetObject) => d.status?.numberReady ?? 0;
export const daemonSetReadyText = (d: DaemonSetObject) => readyRatio(daemonSetReady(d), daemonSetDesired(d));
export const daemonSetImages = (d: DaemonSetObject) => templateImages(d.spec?.template);
export const daemonSetNodeSelector = (d: DaemonSetObject) =>
  Object.entries(d.spec?.template?.spec?.nodeSelector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

export type DaemonSetStatus = "Ready" | "Updating" | "NotReady";

export function daemonSetStatus(d: DaemonSetObject): DaemonSetStatus {
  const desired = daemonSetDesired(d);
  const observed = (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  if (!observed || (d.status?.updatedNumberScheduled ?? 0) < desired) return "Updating";
  return daemonSetReady(d) >= desired ? "Ready" : "NotReady";
}

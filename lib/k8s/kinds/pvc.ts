import { parseQuantity } from "../quantity";
import type { KubeObject } from "../types";
import { type Condition } from "./common";

export interface PvcObject extends KubeObject {
  spec?: {
    accessModes?: string[];
    storageClassName?: string | null;
    volumeName?: string;
    volumeMode?: "Filesystem" | "Block";
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  };
  status?: {
    phase?: "Pending" | "Bound" | "Lost";
    accessModes?: string[];
    capacity?: Record<string, string>;
    conditions?: Condition[];
  };
}

export const pvcStatus = (p: PvcObject) => (p.metadata.deletionTimestamp ? "Terminating" : (p.status?.phase ?? "Pending"));
/** The bound capacity (what the volume has), or "" before it is bound. */
export const pvcCapacity = (p: PvcObject) => p.status?.capacity?.storage ?? "";
export const pvcRequested = (p: PvcObject) => p.spec?.resources?.requests?.storage ?? "";
export const pvcCapacityBytes = (p: PvcObject) => parseQuantity(pvcCapacity(p) || pvcRequested(p)) ?? 0;
export const pvcStorageClass = (p: PvcObject) => p.spec?.storageClassName ?? p.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? "";
export const pvcVolume = (p: PvcObject) => p.spec?.volumeName ?? "";

const MODES: Record<string, string> = { ReadWriteOnce: "RWO", ReadOnlyMany: "ROX", ReadWriteMany: "RWX", ReadWriteOncePod: "RWOP" };
/** Access modes as kubectl abbreviates them: "RWO,RWX". */
export const pvcAccessModes = (p: PvcObject) => (p.status?.accessModes ?? p.spec?.accessModes ?? []).map((m) => MODES[m] ?? m).join(",");

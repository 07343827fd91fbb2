import { PvcRelated } from "@/components/workloads/related";
import { type PvcObject, pvcAccessModes, pvcCapacity, pvcCapacityBytes, pvcRequested, pvcStatus, pvcStorageClass, pvcVolume } from "@/lib/k8s/kinds/pvc";
import { mono, monoColumn, statusColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

export const persistentvolumeclaims = defineKind<PvcObject>({
  slug: "persistentvolumeclaims",
  kind: "PersistentVolumeClaim",
  group: "",
  version: "v1",
  rowId: "pvc",
  columns: [
    statusColumn(pvcStatus),
    monoColumn("volume", "volume", "minmax(10rem,1.5fr)", pvcVolume),
    { id: "capacity", label: "capacity", width: "7rem", cell: (p) => pvcCapacity(p) || pvcRequested(p) || "—", sortValue: pvcCapacityBytes },
    valueColumn("accessModes", "accessModes", "8rem", pvcAccessModes),
    valueColumn("storageClass", "storageClass", "9rem", pvcStorageClass),
  ],
  status: pvcStatus,
  conditions: (p) => p.status?.conditions,
  summary: [
    { label: "status", value: pvcStatus },
    { label: "capacity", value: pvcCapacity },
    { label: "requested", value: pvcRequested },
    { label: "accessModes", value: pvcAccessModes },
    { label: "storageClass", value: pvcStorageClass },
    { label: "volume", value: (p) => mono(pvcVolume(p)) },
    { label: "volumeMode", value: (p) => p.spec?.volumeMode ?? "Filesystem" },
  ],
  brief: (p) => p.status?.phase ?? "",
  related: PvcRelated,
  starter: (ns) => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "example", namespace: ns },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  }),
});

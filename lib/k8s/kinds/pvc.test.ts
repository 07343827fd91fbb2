import { describe, expect, it } from "vitest";
import { pvcAccessModes, pvcCapacity, pvcCapacityBytes, pvcRequested, pvcStatus, pvcStorageClass } from "./pvc";

describe("pvc", () => {
  const bound = {
    metadata: { name: "data" },
    spec: { accessModes: ["ReadWriteOnce"], storageClassName: "standard", resources: { requests: { storage: "1Gi" } }, volumeName: "pv-1" },
    status: { phase: "Bound" as const, capacity: { storage: "2Gi" }, accessModes: ["ReadWriteOnce", "ReadWriteMany"] },
  };
  it("derives status, capacity and class", () => {
    expect(pvcStatus(bound)).toBe("Bound");
    expect(pvcStatus({ metadata: { deletionTimestamp: "t" }, status: { phase: "Bound" } })).toBe("Terminating");
    expect(pvcStatus({ metadata: {} })).toBe("Pending");
    expect(pvcCapacity(bound)).toBe("2Gi");
    expect(pvcRequested(bound)).toBe("1Gi");
    expect(pvcCapacityBytes(bound)).toBe(2 * 2 ** 30);
    expect(pvcCapacityBytes({ metadata: {}, spec: { resources: { requests: { storage: "1Gi" } } } })).toBe(2 ** 30);
    expect(pvcStorageClass(bound)).toBe("standard");
    expect(pvcAccessModes(bound)).toBe("RWO,RWX");
  });
});

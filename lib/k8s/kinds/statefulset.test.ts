import { describe, expect, it } from "vitest";
import { type StatefulSetObject, statefulSetReadyText, statefulSetStatus } from "./statefulset";

describe("statefulset", () => {
  const sts = (over: Partial<StatefulSetObject["status"]> = {}, replicas = 3): StatefulSetObject => ({
    metadata: { name: "db", generation: 1 },
    spec: { replicas },
    status: { observedGeneration: 1, replicas, readyReplicas: replicas, updatedReplicas: replicas, currentRevision: "db-1", updateRevision: "db-1", ...over },
  });
  it("derives status and ready count", () => {
    expect(statefulSetStatus(sts())).toBe("Ready");
    expect(statefulSetReadyText(sts({ readyReplicas: 1 }))).toBe("1/3");
    expect(statefulSetStatus(sts({ readyReplicas: 1 }))).toBe("NotReady");
    expect(statefulSetStatus(sts({ updateRevision: "db-2" }))).toBe("Updating");
    expect(statefulSetStatus(sts({ replicas: 0, readyReplicas: 0, updatedReplicas: 0 }, 0))).toBe("ScaledDown");
  });
});

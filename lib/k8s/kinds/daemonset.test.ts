import { describe, expect, it } from "vitest";
import { type DaemonSetObject, daemonSetReadyText, daemonSetStatus } from "./daemonset";

describe("daemonset", () => {
  const ds = (ready: number, updated = 3): DaemonSetObject => ({
    metadata: { name: "agent", generation: 4 },
    status: { observedGeneration: 4, desiredNumberScheduled: 3, numberReady: ready, updatedNumberScheduled: updated },
  });
  it("derives status and ready count", () => {
    expect(daemonSetReadyText(ds(2))).toBe("2/3");
    expect(daemonSetStatus(ds(3))).toBe("Ready");
    expect(daemonSetStatus(ds(2))).toBe("NotReady");
    expect(daemonSetStatus(ds(3, 1))).toBe("Updating");
  });
});

import { describe, expect, it } from "vitest";
import type { ClusterHealth } from "@/lib/validations/cluster";
import { fleetTotals, overviewCards } from "./fleet-totals";

const c = (health: ClusterHealth) => ({ health });

describe("fleetTotals", () => {
  it("counts clusters by health and sums the nodes and pods they reported", () => {
    expect(
      fleetTotals([
        c({ status: "Ready", nodeCount: 3, podCount: 40 }),
        c({ status: "Ready", nodeCount: 4, podCount: 2 }),
        c({ status: "Unreachable", nodeCount: 1, podCount: 5, lastError: "refused" }),
        c({ status: "Unknown" }),
      ]),
    ).toEqual({ clusters: 4, byHealth: { Ready: 2, Unreachable: 1, Unauthorized: 0, Unknown: 1 }, nodes: 8, pods: 47 });
  });
  it("is all zero without clusters", () => {
    expect(fleetTotals([])).toEqual({ clusters: 0, byHealth: { Ready: 0, Unreachable: 0, Unauthorized: 0, Unknown: 0 }, nodes: 0, pods: 0 });
  });
});

describe("overviewCards", () => {
  const named = (name: string, status: ClusterHealth["status"]) => ({ name, health: { status } });
  it("shows a small fleet whole, in its order", () => {
    const all = [named("a", "Ready"), named("b", "Unreachable"), named("c", "Ready")];
    expect(overviewCards(all, 3)).toEqual(all);
  });
  it("shows a large fleet's clusters that need attention first, up to the limit", () => {
    const all = [named("a", "Ready"), named("b", "Ready"), named("c", "Unreachable"), named("d", "Ready"), named("e", "Unauthorized")];
    expect(overviewCards(all, 3).map((c) => c.name)).toEqual(["c", "e", "a"]);
    expect(overviewCards(all, 1).map((c) => c.name)).toEqual(["c"]);
  });
});

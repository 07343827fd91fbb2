import { describe, expect, it } from "vitest";
import type { EventObject } from "./kinds/event";
import type { NodeObject } from "./kinds/node";
import type { PodObject } from "./kinds/pod";
import { allocation, componentHealth, nodeConditionCounts, parseHealthChecks, podAmount, recentWarnings, topBy } from "./cluster-summary";

function node(name: string, o: { cpu: string; memory: string; pods: string; ready?: "True" | "False" | "Unknown"; pressure?: string[]; cordoned?: boolean }): NodeObject {
  return {
    metadata: { name },
    spec: { unschedulable: o.cordoned },
    status: {
      capacity: { cpu: o.cpu, memory: o.memory, pods: o.pods },
      allocatable: { cpu: o.cpu, memory: o.memory, pods: o.pods },
      conditions: [
        { type: "Ready", status: o.ready ?? "True" },
        ...["MemoryPressure", "DiskPressure", "PIDPressure"].map((type) => ({ type, status: (o.pressure?.includes(type) ? "True" : "False") as "True" | "False" })),
      ],
    },
  };
}

function pod(name: string, nodeName: string | undefined, requests: Record<string, string>[], o: { phase?: NonNullable<PodObject["status"]>["phase"]; init?: NonNullable<PodObject["spec"]>["initContainers"]; limits?: Record<string, string> } = {}): PodObject {
  return {
    metadata: { name, namespace: "default" },
    spec: { nodeName, containers: requests.map((r, i) => ({ name: `c${i}`, resources: { requests: r, limits: o.limits } })), initContainers: o.init },
    status: { phase: o.phase ?? "Running" },
  };
}

describe("podAmount", () => {
  it("sums containers", () => {
    expect(podAmount(pod("a", "n1", [{ cpu: "250m" }, { cpu: "500m" }]), "requests", "cpu")).toBeCloseTo(0.75);
  });
  it("takes the largest init container when it is more than the containers", () => {
    const p = pod("a", "n1", [{ cpu: "100m" }], { init: [{ name: "i", resources: { requests: { cpu: "2" } } }] });
    expect(podAmount(p, "requests", "cpu")).toBe(2);
  });
  it("adds sidecars to the containers and to the init containers after them", () => {
    const p = pod("a", "n1", [{ memory: "1Gi" }], {
      init: [
        { name: "proxy", restartPolicy: "Always", resources: { requests: { memory: "256Mi" } } },
        { name: "migrate", resources: { requests: { memory: "1Gi" } } },
      ],
    });
    // max(1Gi + 256Mi, 256Mi + 1Gi)
    expect(podAmount(p, "requests", "memory")).toBe(2 ** 30 + 256 * 2 ** 20);
  });
  it("counts nothing for containers without requests", () => {
    expect(podAmount(pod("a", "n1", [{}]), "requests", "memory")).toBe(0);
  });
});

describe("allocation", () => {
  const nodes = [node("n1", { cpu: "4", memory: "16Gi", pods: "110" }), node("n2", { cpu: "8", memory: "32Gi", pods: "250" })];
  it("sums allocatable and the requests of the pods placed on the nodes", () => {
    const pods = [
      pod("a", "n1", [{ cpu: "500m", memory: "512Mi" }], { limits: { cpu: "1", memory: "1Gi" } }),
      pod("b", "n2", [{ cpu: "1500m", memory: "1Gi" }]),
      pod("done", "n2", [{ cpu: "3" }], { phase: "Succeeded" }),
      pod("failed", "n2", [{ cpu: "3" }], { phase: "Failed" }),
      pod("unscheduled", undefined, [{ cpu: "3" }], { phase: "Pending" }),
      pod("elsewhere", "gone", [{ cpu: "3" }]),
    ];
    const a = allocation(nodes, pods);
    expect(a.nodes).toBe(2);
    expect(a.pods).toEqual({ allocatable: 360, used: 2 });
    expect(a.cpu).toEqual({ capacity: 12, allocatable: 12, requested: 2, limits: 1 });
    expect(a.memory.allocatable).toBe(48 * 2 ** 30);
    expect(a.memory.requested).toBe(1.5 * 2 ** 30);
    expect(a.memory.limits).toBe(2 ** 30);
  });
  it("sums millicores without floating-point drift", () => {
    const pods = ["100m", "200m", "400m"].map((cpu, i) => pod(`p${i}`, "n1", [{ cpu }]));
    expect(allocation(nodes, pods).cpu.requested).toBe(0.7);
  });
  it("is zero without nodes", () => {
    expect(allocation([], [pod("a", "n1", [{ cpu: "1" }])])).toMatchObject({ nodes: 0, pods: { allocatable: 0, used: 0 }, cpu: { requested: 0 } });
  });
});

describe("nodeConditionCounts", () => {
  it("counts ready, not ready, unknown, cordoned and pressure", () => {
    const c = nodeConditionCounts([
      node("a", { cpu: "1", memory: "1Gi", pods: "10" }),
      node("b", { cpu: "1", memory: "1Gi", pods: "10", ready: "False", pressure: ["DiskPressure"] }),
      node("c", { cpu: "1", memory: "1Gi", pods: "10", ready: "Unknown", cordoned: true, pressure: ["MemoryPressure", "DiskPressure"] }),
    ]);
    expect(c).toEqual({ total: 3, ready: 1, notReady: 1, unknown: 1, unschedulable: 1, pressure: { MemoryPressure: 1, DiskPressure: 2, PIDPressure: 0, NetworkUnavailable: 0 } });
  });
});

describe("recentWarnings", () => {
  const ev = (name: string, type: "Normal" | "Warning", last: string): EventObject => ({ metadata: { name }, type, lastTimestamp: last });
  it("keeps Warning events, newest first, at most n", () => {
    const out = recentWarnings(
      [ev("old", "Warning", "2026-01-01T00:00:00Z"), ev("normal", "Normal", "2026-01-03T00:00:00Z"), ev("new", "Warning", "2026-01-02T00:00:00Z"), ev("newer", "Warning", "2026-01-02T01:00:00Z")],
      2,
    );
    expect(out.map((e) => e.metadata.name)).toEqual(["newer", "new"]);
  });
  it("reads events.k8s.io times", () => {
    const a: EventObject = { metadata: { name: "series" }, type: "Warning", series: { lastObservedTime: "2026-02-01T00:00:00Z" }, lastTimestamp: "2026-01-01T00:00:00Z" };
    expect(recentWarnings([ev("b", "Warning", "2026-01-15T00:00:00Z"), a]).map((e) => e.metadata.name)).toEqual(["series", "b"]);
  });
});

describe("health checks", () => {
  const text = ["[+]ping ok", "[+]etcd ok", "[-]etcd-readiness failed: reason withheld", "[+]poststarthook/a ok", "[-]poststarthook/b failed: reason withheld", "[+]informer-sync ok", "readyz check failed"].join("\n");
  it("parses a verbose answer", () => {
    expect(parseHealthChecks(text)).toEqual([
      { name: "ping", ok: true },
      { name: "etcd", ok: true },
      { name: "etcd-readiness", ok: false },
      { name: "poststarthook/a", ok: true },
      { name: "poststarthook/b", ok: false },
      { name: "informer-sync", ok: true },
    ]);
  });
  it("groups etcd and the post-start hooks", () => {
    expect(componentHealth(parseHealthChecks(text))).toEqual([
      { name: "ping", ok: true, failed: [], checks: 1 },
      { name: "etcd", ok: false, failed: ["etcd-readiness"], checks: 2 },
      { name: "poststarthooks", ok: false, failed: ["poststarthook/b"], checks: 2 },
      { name: "informer-sync", ok: true, failed: [], checks: 1 },
    ]);
  });
  it("finds nothing in a non-verbose answer", () => {
    expect(parseHealthChecks("ok")).toEqual([]);
  });
});

describe("topBy", () => {
  it("orders by the latest value and drops gaps and unlabelled series", () => {
    const s = (ns: string | undefined, v: number | null) => ({ metric: (ns ? { namespace: ns } : {}) as Record<string, string>, values: [[0, v] as [number, number | null]] });
    expect(topBy([s("a", 1), s("b", 3), s("c", null), s(undefined, 9), s("d", 2)], "namespace", 2)).toEqual([
      { name: "b", value: 3 },
      { name: "d", value: 2 },
    ]);
  });
});

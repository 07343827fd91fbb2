import { describe, expect, it } from "vitest";
import { align, countLinePoints, countPoints, failures, lastValue, latest, linesFrom, ranked, seriesName, type PanelResult } from "./series";

const ok = (template: string, cluster: string, series: PanelResult["series"]): PanelResult => ({ template, cluster, unit: "count", series: series! });

describe("align", () => {
  it("puts lines on the union of their timestamps, with gaps as null", () => {
    const data = align([
      { key: "a", label: "a", values: [[10, 1], [20, 2]] },
      { key: "b", label: "b", values: [[20, 5], [30, null], [40, 7]] },
    ]);
    expect(data).toEqual([
      [10, 20, 30, 40],
      [1, 2, null, null],
      [null, 5, null, 7],
    ]);
  });

  it("gives an empty axis for no lines", () => {
    expect(align([])).toEqual([[]]);
  });
});

describe("points and latest values", () => {
  const results: PanelResult[] = [
    ok("cluster_nodes_ready", "host", [{ metric: {}, values: [[1, 3], [2, null], [3, 2]] }]),
    ok("project_pods", "host", [
      { metric: { phase: "Running" }, values: [[1, 4], [2, 5]] },
      { metric: { phase: "Pending" }, values: [[1, 1], [2, null]] },
    ]),
    { template: "cluster_nodes_ready", cluster: "member-2", unit: "count", error: { code: "no_metrics", message: "none" } },
  ];

  it("counts non-null points of successful results", () => {
    expect(countPoints(results)).toBe(5);
    expect(countLinePoints([{ key: "x", label: "x", values: [[1, null], [2, 0]] }])).toBe(1);
  });

  it("finds the last non-null value", () => {
    expect(lastValue([[1, 1], [2, 4], [3, null]])).toBe(4);
    expect(lastValue([[1, null]])).toBeUndefined();
  });

  it("sums the latest values of a template's series", () => {
    expect(latest(results, "cluster_nodes_ready", "host")).toBe(2);
    expect(latest(results, "project_pods")).toBe(6);
    expect(latest(results, "cluster_nodes_ready", "member-2")).toBeUndefined();
    expect(latest(results, "nothing")).toBeUndefined();
  });

  it("ranks series by their latest value, merging repeats", () => {
    const r = ok("project_top_pods_cpu", "host", [
      { metric: { pod: "a" }, values: [[1, 0.1], [2, 0.3]] },
      { metric: { pod: "b" }, values: [[1, 0.5], [2, null]] },
      { metric: { pod: "c" }, values: [[1, 0.2], [2, 0.2]] },
      { metric: { pod: "a" }, values: [[1, 0.05]] },
      { metric: {}, values: [[1, 9]] },
    ]);
    expect(ranked(r, "pod", 2)).toEqual([
      { name: "b", value: 0.5 },
      { name: "a", value: 0.3 },
    ]);
    expect(ranked(undefined, "pod")).toEqual([]);
  });

  it("lists failures, real problems before missing Prometheus", () => {
    const f = failures([
      ...results,
      { template: "t", cluster: "member-1", unit: "count", error: { code: "unavailable", message: "down" } },
    ]);
    expect(f.map((x) => `${x.cluster}:${x.code}`)).toEqual(["member-1:unavailable", "member-2:no_metrics"]);
  });
});

describe("seriesName", () => {
  it("prints labels like PromQL", () => {
    expect(seriesName({ __name__: "up", job: "ksm", instance: "a:1" })).toBe('up{instance="a:1", job="ksm"}');
    expect(seriesName({})).toBe("{}");
  });
});

describe("linesFrom", () => {
  const usage = (cluster: string, v: number): PanelResult => ok("cluster_cpu_usage", cluster, [{ metric: {}, values: [[1, v]] }]);
  const capacity = (cluster: string, v: number): PanelResult => ok("cluster_cpu_capacity", cluster, [{ metric: {}, values: [[1, v]] }]);

  it("names lines after their spec on one cluster", () => {
    const lines = linesFrom([capacity("host", 4), usage("host", 1)], [
      { template: "cluster_cpu_usage", label: "Usage" },
      { template: "cluster_cpu_capacity", label: "Capacity", role: "limit" },
    ]);
    expect(lines.map((l) => [l.label, l.role])).toEqual([
      ["Usage", undefined],
      ["Capacity", "limit"],
    ]);
  });

  it("names lines after their cluster when comparing clusters", () => {
    const names: Record<string, string> = { host: "Host", "member-1": "Member 1" };
    const lines = linesFrom([usage("member-1", 2), usage("host", 1)], [{ template: "cluster_cpu_usage", label: "Usage" }], (c) => names[c]);
    expect(lines.map((l) => l.label)).toEqual(["Member 1", "Host"]);
    const both = linesFrom([usage("host", 1), capacity("host", 4), usage("member-1", 2)], [
      { template: "cluster_cpu_usage", label: "Usage" },
      { template: "cluster_cpu_capacity", label: "Capacity" },
    ]);
    expect(both.map((l) => l.label)).toEqual(["host · Usage", "member-1 · Usage", "host · Capacity"]);
  });

  it("names grouped series by a metric label, sorted", () => {
    const r = ok("cluster_node_cpu_usage", "host", [
      { metric: { node: "b" }, values: [[1, 1]] },
      { metric: { node: "a" }, values: [[1, 2]] },
    ]);
    const lines = linesFrom([r], [{ template: "cluster_node_cpu_usage", by: "node" }]);
    expect(lines.map((l) => l.label)).toEqual(["a", "b"]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(2);
  });

  it("skips failed results and unknown templates", () => {
    expect(
      linesFrom(
        [{ template: "cluster_cpu_usage", cluster: "x", unit: "cores", error: { code: "no_metrics", message: "" } }, usage("host", 1)],
        [{ template: "other" }],
      ),
    ).toEqual([]);
  });
});

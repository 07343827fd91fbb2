import { describe, expect, it } from "vitest";
import { RANGES, TEMPLATES, TemplateParamError, buildQuery, promRegexLiteral, promString, stepFor, timeWindow } from "./templates";

const PARAMS = { namespace: "acme-payments", node: "kwok-node-0", workload: "api", kind: "deployment" as const };

describe("metric templates", () => {
  it("has unique names and builds a query for every template", () => {
    expect(new Set(TEMPLATES.map((t) => t.name)).size).toBe(TEMPLATES.length);
    for (const t of TEMPLATES) {
      const { query } = buildQuery(t.name, PARAMS);
      expect(query.length, t.name).toBeGreaterThan(5);
      // Balanced braces and parentheses: a matcher never leaks out of its selector.
      expect(query.split("{").length, t.name).toBe(query.split("}").length);
      expect(query.split("(").length, t.name).toBe(query.split(")").length);
    }
  });

  it("covers cluster, node, project and workload scopes", () => {
    expect(new Set(TEMPLATES.map((t) => t.scope))).toEqual(new Set(["cluster", "node", "project", "workload"]));
  });

  it("puts parameters only inside label matchers", () => {
    expect(buildQuery("project_cpu_usage", { namespace: "acme-payments" }).query).toBe(
      'sum(rate(pod_cpu_usage_seconds_total{namespace="acme-payments"}[2m]))',
    );
    expect(buildQuery("node_memory_usage", { node: "kwok-node-0" }).query).toBe('sum(node_memory_working_set_bytes{node="kwok-node-0"})');
    const w = buildQuery("workload_pod_cpu", { namespace: "shop", workload: "web.v2" }).query;
    expect(w).toContain('namespace="shop"');
    // The dot is a literal in the pod regex, so "webxv2-…" pods do not match.
    expect(w).toContain('pod=~"web\\\\.v2-[a-z0-9]+-[a-z0-9]+"');
    expect(buildQuery("workload_replicas_available", { namespace: "shop", workload: "db", kind: "statefulset" }).query).toBe(
      'sum(kube_statefulset_status_replicas_ready{namespace="shop",statefulset="db"})',
    );
  });

  it.each([
    ['a"} or vector(1) or {x="'],
    ["acme-payments\"}"],
    ['x",namespace=~".*'],
    ["ns) or (up"],
    ["UPPER"],
    ["a\nb"],
    [""],
  ])("refuses the parameter %j before building anything", (bad) => {
    expect(() => buildQuery("project_cpu_usage", { namespace: bad })).toThrow(TemplateParamError);
    expect(() => buildQuery("node_cpu_usage", { node: bad })).toThrow(TemplateParamError);
    expect(() => buildQuery("workload_pod_cpu", { namespace: "ok", workload: bad })).toThrow(TemplateParamError);
  });

  it("names the parameter that is wrong", () => {
    try {
      buildQuery("project_pods", {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateParamError);
      expect((e as TemplateParamError).param).toBe("namespace");
    }
    expect(() => buildQuery("no_such_template", {})).toThrow(/no metric template/);
    expect(() => buildQuery("workload_pod_cpu", { namespace: "a", workload: "b", kind: "job" as never })).toThrow(/kind/);
  });

  it("escapes PromQL string and regex literals", () => {
    expect(promString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    expect(promRegexLiteral("a.b*c(d)|e")).toBe("a\\.b\\*c\\(d\\)\\|e");
  });

  it("chooses a step that keeps charts near 240 points", () => {
    expect(stepFor(RANGES["15m"])).toBe(15);
    expect(stepFor(RANGES["1h"])).toBe(15);
    expect(stepFor(RANGES["6h"])).toBe(120);
    expect(stepFor(RANGES["24h"])).toBe(600);
    expect(stepFor(RANGES["7d"])).toBe(3600);
    for (const s of Object.values(RANGES)) expect(s / stepFor(s)).toBeLessThanOrEqual(240);
  });

  it("aligns windows to the step", () => {
    expect(timeWindow("1h", 1_000_007)).toEqual({ start: 1_000_005 - 3600, end: 1_000_005, step: 15 });
    const w = timeWindow("7d", 1_700_000_123);
    expect(w.end % 3600).toBe(0);
    expect(w.end - w.start).toBe(RANGES["7d"]);
  });
});

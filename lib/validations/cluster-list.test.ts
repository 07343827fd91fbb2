import { describe, expect, it } from "vitest";
import { listClustersQuerySchema, matchesLabels, parseLabelSelector } from "./cluster";

describe("parseLabelSelector", () => {
  it("reads the equality-based subset of Kubernetes' syntax", () => {
    expect(parseLabelSelector("env=prod, tier!=web,gpu,!legacy,a/b==c")).toEqual([
      { key: "env", op: "=", value: "prod" },
      { key: "tier", op: "!=", value: "web" },
      { key: "gpu", op: "exists" },
      { key: "legacy", op: "!exists" },
      { key: "a/b", op: "=", value: "c" },
    ]);
  });

  it("refuses sets, bad keys and bad values", () => {
    for (const s of ["env in (a,b)", "", "=x", "env=a b", "Bad Key=x", "!env=x", `k=${"v".repeat(64)}`]) expect(parseLabelSelector(s), s).toBeUndefined();
  });

  it("matches", () => {
    const terms = parseLabelSelector("env=prod,!legacy,tier!=web")!;
    expect(matchesLabels({ env: "prod" }, terms)).toBe(true);
    expect(matchesLabels({ env: "prod", tier: "web" }, terms)).toBe(false);
    expect(matchesLabels({ env: "prod", legacy: "" }, terms)).toBe(false);
    expect(matchesLabels({}, terms)).toBe(false);
  });
});

describe("listClustersQuerySchema", () => {
  it("takes nothing, or filters and a page", () => {
    expect(listClustersQuerySchema.parse({})).toEqual({});
    expect(listClustersQuerySchema.parse({ q: " Mem ", status: "Ready,Unknown", limit: "50", cursor: "member-1" })).toEqual({ q: "Mem", status: ["Ready", "Unknown"], limit: 50, cursor: "member-1" });
  });

  it("names the field that is wrong", () => {
    for (const [k, v] of [["limit", "0"], ["limit", "501"], ["status", "Sleeping"], ["label", "a in (b)"], ["cursor", "../x"]]) {
      const r = listClustersQuerySchema.safeParse({ [k]: v });
      expect(r.success, `${k}=${v}`).toBe(false);
      expect(r.error!.issues[0].path).toEqual([k]);
    }
  });
});

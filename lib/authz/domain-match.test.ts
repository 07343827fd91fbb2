import { describe, expect, it } from "vitest";
import { domainFor, domainMatch } from "./enforcer";

describe("domainMatch(request, pattern)", () => {
  it.each([
    "*",
    "cluster/a/*",
    "cluster/a/ns/x",
    "cluster/b/ns/kube-system",
    "",
  ])('"*" covers %j', (request) => {
    expect(domainMatch(request, "*")).toBe(true);
  });

  it.each([
    ["cluster/a/*", true],
    ["cluster/a/ns/x", true],
    ["cluster/a/ns/kube-system", true],
    ["cluster/ab/ns/x", false],
    ["cluster/ab/*", false],
    ["cluster/b/ns/x", false],
    ["cluster/b/*", false],
    ["cluster/a", false],
    ["cluster/", false],
    ["*", false],
    ["", false],
  ])('"cluster/a/*" vs %j -> %s', (request, want) => {
    expect(domainMatch(request, "cluster/a/*")).toBe(want);
  });

  it.each([
    ["cluster/a/ns/x", true],
    ["cluster/a/ns/xy", false],
    ["cluster/a/ns/x/y", false],
    ["cluster/a/ns", false],
    ["cluster/a/*", false],
    ["cluster/b/ns/x", false],
    ["*", false],
  ])('a namespace domain matches only itself: "cluster/a/ns/x" vs %j -> %s', (request, want) => {
    expect(domainMatch(request, "cluster/a/ns/x")).toBe(want);
  });

  it("is exact equality for anything that is not a wildcard pattern", () => {
    expect(domainMatch("tenant/t1", "tenant/t1")).toBe(true);
    expect(domainMatch("tenant/t1", "tenant/t2")).toBe(false);
    expect(domainMatch("", "")).toBe(true);
  });

  it("is case-sensitive", () => {
    expect(domainMatch("cluster/A/ns/x", "cluster/a/*")).toBe(false);
    expect(domainMatch("Cluster/a/ns/x", "cluster/a/ns/x")).toBe(false);
  });

  it("is not symmetric: a narrow pattern does not cover a wide request", () => {
    expect(domainMatch("cluster/a/ns/x", "cluster/a/*")).toBe(true);
    expect(domainMatch("cluster/a/*", "cluster/a/ns/x")).toBe(false);
    expect(domainMatch("cluster/a/*", "*")).toBe(true);
    expect(domainMatch("*", "cluster/a/*")).toBe(false);
  });

  it("treats '*' only as a trailing wildcard segment", () => {
    expect(domainMatch("cluster/a/ns/x", "cluster/*/ns/x")).toBe(false);
    expect(domainMatch("cluster/a/ns/x", "cluster/a*")).toBe(false);
  });
});

describe("domainFor + domainMatch", () => {
  it("a platform binding covers every cluster and namespace", () => {
    const dom = domainFor({ type: "platform" });
    expect(dom).toBe("*");
    expect(domainMatch("cluster/a/ns/x", dom!)).toBe(true);
    expect(domainMatch("cluster/zz/*", dom!)).toBe(true);
  });

  it("a cluster binding covers that cluster only", () => {
    const dom = domainFor({ type: "cluster", cluster: "a" });
    expect(dom).toBe("cluster/a/*");
    expect(domainMatch("cluster/a/*", dom!)).toBe(true);
    expect(domainMatch("cluster/a/ns/x", dom!)).toBe(true);
    expect(domainMatch("cluster/ab/ns/x", dom!)).toBe(false);
  });

  it("a project binding covers its namespace only, not the cluster scope", () => {
    const dom = domainFor({ type: "project", cluster: "a", namespace: "x" });
    expect(dom).toBe("cluster/a/ns/x");
    expect(domainMatch("cluster/a/ns/x", dom!)).toBe(true);
    expect(domainMatch("cluster/a/*", dom!)).toBe(false);
    expect(domainMatch("cluster/a/ns/y", dom!)).toBe(false);
  });

  it("incomplete scopes and tenant scopes yield no domain", () => {
    expect(domainFor({ type: "cluster" })).toBeUndefined();
    expect(domainFor({ type: "project", cluster: "a" })).toBeUndefined();
    expect(domainFor({ type: "tenant", tenant: "t1" })).toBeUndefined();
  });
});

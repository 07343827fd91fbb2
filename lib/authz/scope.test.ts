import { describe, expect, it } from "vitest";
import { type Scope, coveringDomains, domainScope, parsePlace, placeDomain, scopeDomain } from "./scope";

describe("places and scopes", () => {
  it("writes a place with '-' for what is missing", () => {
    expect(placeDomain({ tenant: "acme", cluster: "m1", namespace: "shop" })).toBe("acme/m1/shop");
    expect(placeDomain({ cluster: "m1" })).toBe("-/m1/-");
    expect(placeDomain({})).toBe("-/-/-");
    expect(parsePlace("acme/m1/shop")).toEqual({ tenant: "acme", cluster: "m1", namespace: "shop" });
    expect(parsePlace("-/m1/-")).toEqual({ tenant: undefined, cluster: "m1", namespace: undefined });
  });

  it("gives each binding scope its domain, or none when incomplete", () => {
    expect(scopeDomain({ type: "platform" })).toBe("*");
    expect(scopeDomain({ type: "tenant", tenant: "acme" })).toBe("tenant:acme");
    expect(scopeDomain({ type: "cluster", cluster: "m1" })).toBe("cluster:m1");
    expect(scopeDomain({ type: "project", cluster: "m1", namespace: "shop" })).toBe("project:m1/shop");
    expect(scopeDomain({ type: "tenant" })).toBeUndefined();
    expect(scopeDomain({ type: "project", cluster: "m1" })).toBeUndefined();
  });

  it.each([
    ["acme/m1/shop", ["*", "tenant:acme", "cluster:m1", "project:m1/shop"]],
    ["-/m1/legacy", ["*", "cluster:m1", "project:m1/legacy"]],
    ["-/m1/-", ["*", "cluster:m1"]],
    ["acme/-/-", ["*", "tenant:acme"]],
    ["-/-/-", ["*"]],
  ])("a request at %s is covered by %j", (dom, want) => {
    expect(coveringDomains(dom)).toEqual(want);
  });
});

describe("domainScope", () => {
  it.each([
    [{ type: "platform" }],
    [{ type: "tenant", tenant: "acme" }],
    [{ type: "cluster", cluster: "member-1" }],
    [{ type: "project", cluster: "member-1", namespace: "shop" }],
  ] as [Scope][])("reads back the domain of %j", (s) => {
    expect(domainScope(scopeDomain(s)!)).toEqual(s);
  });
});

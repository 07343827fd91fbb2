import { describe, expect, it } from "vitest";
import { actMatch, expandResources, objMatch, policyRows } from "./match";

describe("objMatch", () => {
  it.each([
    ["core/pods", "*", true],
    ["apps/deployments/scale", "*", true],
    ["nonresource:/metrics", "*", false],
    ["console/clusters", "*", false],
    ["nonresource:/metrics", "nonresource:*", true],
    ["console/members", "console/*", true],
    ["core/pods", "core/pods", true],
    ["core/pods/log", "core/pods", false],
    ["core/pods/log", "core/pods/*", true],
    ["core/pods", "core/pods/*", false],
    ["apps/deployments/scale", "apps/*", true],
    ["apps2/deployments", "apps/*", false],
    ["core/secrets", "core/pods,core/configmaps", false],
    ["core/configmaps", "core/pods, core/configmaps", true],
  ])("%s against %s → %s", (obj, patterns, want) => {
    expect(objMatch(obj, patterns)).toBe(want);
  });
});

describe("actMatch", () => {
  it("matches listed verbs or any with *", () => {
    expect(actMatch("get", "get,list,watch")).toBe(true);
    expect(actMatch("delete", "get,list,watch")).toBe(false);
    expect(actMatch("deletecollection", "*")).toBe(true);
    expect(actMatch("get", "getx")).toBe(false);
  });
});

describe("role rows", () => {
  const sets = { readable: ["core/pods", "apps/*"] };
  it("expands @sets and keeps one row per rule with its effect", () => {
    expect(expandResources(["@readable", "core/pods", "core/events"], sets)).toEqual(["core/pods", "apps/*", "core/events"]);
    expect(
      policyRows(
        {
          name: "r",
          scope: "project",
          rules: [
            { resources: ["@readable"], verbs: ["get", "list"] },
            { resources: ["core/secrets"], verbs: ["*"], effect: "deny" },
          ],
        },
        sets,
      ),
    ).toEqual([
      ["r", "core/pods,apps/*", "get,list", "allow"],
      ["r", "core/secrets", "*", "deny"],
    ]);
  });
  it("refuses an unknown set", () => {
    expect(() => expandResources(["@nope"], sets)).toThrow(/unknown resource set @nope/);
  });
});

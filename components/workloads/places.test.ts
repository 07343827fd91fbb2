import { describe, expect, it } from "vitest";
import { otherNamespaces, placesFromProjects } from "./places";

describe("placesFromProjects", () => {
  it("reads one row per namespace", () => {
    expect(
      placesFromProjects([
        { cluster: "member-1", namespace: "shop", tenant: "acme", displayName: "Shop", phase: "Active" },
        { cluster: "host", namespace: "blog", tenant: "acme", displayName: "" },
      ]),
    ).toEqual([
      { cluster: "host", namespace: "blog", displayName: "", tenant: "acme" },
      { cluster: "member-1", namespace: "shop", displayName: "Shop", tenant: "acme" },
    ]);
  });
  it("reads projects with their clusters, skipping where the namespace is missing", () => {
    expect(
      placesFromProjects([
        {
          name: "shop",
          tenant: "acme",
          displayName: "Shop",
          clusters: [
            { cluster: "member-2", phase: "Active", quota: null },
            { cluster: "member-1", phase: "Terminating" },
            { cluster: "host", phase: "Missing" },
          ],
        },
      ]),
    ).toEqual([
      { cluster: "member-1", namespace: "shop", displayName: "Shop", tenant: "acme" },
      { cluster: "member-2", namespace: "shop", displayName: "Shop", tenant: "acme" },
    ]);
  });
  it("ignores junk and repeats", () => {
    expect(placesFromProjects(undefined)).toEqual([]);
    expect(placesFromProjects([null, 1, { cluster: "a" }, { cluster: "a", namespace: "x" }, { cluster: "a", namespace: "x" }])).toHaveLength(1);
  });
});

describe("otherNamespaces", () => {
  it("offers the namespaces that are not projects there", () => {
    const places = [{ cluster: "c", namespace: "shop", displayName: "", tenant: "t" }, { cluster: "d", namespace: "kube-system", displayName: "", tenant: "t" }];
    expect(otherNamespaces(["shop", "kube-system", "default", "default"], places, "c")).toEqual(["default", "kube-system"]);
  });
});

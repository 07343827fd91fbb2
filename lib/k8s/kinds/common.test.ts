import { describe, expect, it } from "vitest";
import {
  collectionPath,
  controllerOf,
  namedPath,
  namespaceEventsPath,
  objectEventsPath,
  ownedBy,
  restartPatch,
  scalePatch,
  selectorString,
  singleObjectListPath,
  templateImages,
  withQuery,
} from "./common";

describe("paths", () => {
  it("builds core and group collection paths, with and without a namespace", () => {
    expect(collectionPath("", "v1", "pods", "shop")).toBe("/api/v1/namespaces/shop/pods");
    expect(collectionPath("", "v1", "pods")).toBe("/api/v1/pods");
    expect(collectionPath("apps", "v1", "deployments", "shop")).toBe("/apis/apps/v1/namespaces/shop/deployments");
    expect(namedPath("batch", "v1", "jobs", "shop", "nightly")).toBe("/apis/batch/v1/namespaces/shop/jobs/nightly");
  });
  it("encodes names", () => {
    expect(namedPath("", "v1", "configmaps", "a b", "x/y")).toBe("/api/v1/namespaces/a%20b/configmaps/x%2Fy");
  });
  it("adds query parameters, skipping empty ones", () => {
    expect(withQuery("/api/v1/pods", { a: "1", b: undefined, c: false, d: "" })).toBe("/api/v1/pods?a=1");
    expect(withQuery("/x?y=1", { z: 2, t: true })).toBe("/x?y=1&z=2&t=true");
    expect(withQuery("/x", {})).toBe("/x");
  });
  it("selects the events of a namespace and of one object", () => {
    expect(namespaceEventsPath("shop")).toBe("/api/v1/namespaces/shop/events");
    expect(objectEventsPath("shop", "Deployment", "web")).toBe(
      "/api/v1/namespaces/shop/events?fieldSelector=involvedObject.name%3Dweb%2CinvolvedObject.kind%3DDeployment",
    );
  });
  it("narrows a collection to one object by field selector", () => {
    expect(singleObjectListPath("/api/v1/namespaces/a/pods", "web-0")).toBe("/api/v1/namespaces/a/pods?fieldSelector=metadata.name%3Dweb-0");
  });
});

describe("label selectors", () => {
  const sel = {
    matchLabels: { app: "web" },
    matchExpressions: [
      { key: "tier", operator: "In" as const, values: ["b", "a"] },
      { key: "legacy", operator: "DoesNotExist" as const },
      { key: "team", operator: "Exists" as const },
      { key: "env", operator: "NotIn" as const, values: ["dev"] },
    ],
  };
  it("renders the labelSelector query syntax", () => {
    expect(selectorString(sel)).toBe("app=web,tier in (a,b),!legacy,team,env notin (dev)");
    expect(selectorString(undefined)).toBe("");
  });
});

describe("owners", () => {
  const owner = { metadata: { name: "web", uid: "u1" } };
  const child = (name: string, uid: string) => ({ metadata: { name, ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid, controller: true }] } });
  it("finds children by owner uid", () => {
    expect(ownedBy([child("a", "u1"), child("b", "u2")], owner).map((o) => o.metadata.name)).toEqual(["a"]);
    expect(ownedBy([child("a", "u1")], { metadata: { name: "x" } })).toEqual([]);
  });
  it("names the controller", () => {
    expect(controllerOf(child("a", "u1"))).toEqual({ kind: "ReplicaSet", name: "rs" });
    expect(controllerOf({ metadata: {} })).toBeUndefined();
  });
});

describe("templates and patches", () => {
  it("lists distinct images, init containers first", () => {
    expect(
      templateImages({ spec: { initContainers: [{ name: "i", image: "busybox" }], containers: [{ name: "a", image: "nginx" }, { name: "b", image: "nginx" }, { name: "c" }] } }),
    ).toEqual(["busybox", "nginx"]);
    expect(templateImages(undefined)).toEqual([]);
  });
  it("restarts like kubectl rollout restart", () => {
    expect(restartPatch(new Date("2025-01-02T03:04:05.678Z"))).toEqual({
      spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2025-01-02T03:04:05Z" } } } },
    });
  });
  it("scales", () => {
    expect(scalePatch(3)).toEqual({ spec: { replicas: 3 } });
  });
});

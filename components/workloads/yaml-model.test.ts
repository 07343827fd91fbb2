import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { KINDS } from "@/components/kinds/registry";
import { diffView, editableYaml, forNamespace, parseManifest, resourceForKind, splitApiVersion, starterYaml } from "./yaml-model";

describe("parseManifest", () => {
  it("parses one object", () => {
    const r = parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: '1'\n");
    expect(r).toEqual({ ok: true, object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "1" } } });
  });
  it("accepts generateName and a leading document marker", () => {
    expect(parseManifest("---\napiVersion: v1\nkind: Pod\nmetadata:\n  generateName: x-\n").ok).toBe(true);
  });
  it("reports syntax errors with their line", () => {
    const r = parseManifest("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n");
    expect(r.ok).toBe(false);
    if (!r.ok && r.reason === "syntax") {
      expect(r.line).toBeGreaterThan(0);
      expect(r.message).toBeTruthy();
    } else {
      throw new Error(`expected a syntax error, got ${JSON.stringify(r)}`);
    }
  });
  it("refuses what is not one Kubernetes object", () => {
    expect(parseManifest("")).toEqual({ ok: false, reason: "empty" });
    expect(parseManifest("# just a comment\n")).toEqual({ ok: false, reason: "empty" });
    expect(parseManifest("a: 1\n---\nb: 2\n")).toEqual({ ok: false, reason: "many" });
    expect(parseManifest("- a\n- b\n")).toEqual({ ok: false, reason: "notObject" });
    expect(parseManifest("metadata:\n  name: x\n")).toEqual({ ok: false, reason: "noKind" });
    expect(parseManifest("apiVersion: v1\nkind: Pod\nmetadata: {}\n")).toEqual({ ok: false, reason: "noName" });
  });
});

describe("views of an object", () => {
  const o = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "x", resourceVersion: "42", managedFields: [{ manager: "kubectl" }] },
    data: { a: "1" },
    status: { foo: 1 },
  };
  it("edits without managedFields but with resourceVersion (kept for optimistic locking)", () => {
    const y = parse(editableYaml(o));
    expect(y.metadata).toEqual({ name: "x", resourceVersion: "42" });
    expect(o.metadata.managedFields).toHaveLength(1);
  });
  it("diffs without managedFields, resourceVersion and status", () => {
    expect(parse(diffView(o))).toEqual({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "1" } });
    expect(diffView(undefined)).toBe("");
  });
  it("orders apiVersion, kind and metadata first whatever the source, so a diff shows only real changes", () => {
    // As the API server sends it (kind first) and as a list item with its kind prepended.
    const fromServer = { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "x" }, data: { a: "1" } };
    const fromList = { apiVersion: "v1", kind: "ConfigMap", ...{ metadata: { name: "x" }, data: { a: "1" } } };
    expect(diffView(fromServer)).toBe(diffView(fromList));
    expect(editableYaml(fromServer).split("\n").slice(0, 3)).toEqual(["apiVersion: v1", "kind: ConfigMap", "metadata:"]);
    const late = { data: { a: "1" }, metadata: { name: "x" }, kind: "ConfigMap", apiVersion: "v1" };
    expect(Object.keys(parse(diffView(late)))).toEqual(["apiVersion", "kind", "metadata", "data"]);
  });
  it("fills in the namespace when the object names none", () => {
    expect(forNamespace({ metadata: { name: "x" } }, "shop", true).metadata.namespace).toBe("shop");
    expect(forNamespace({ metadata: { name: "x", namespace: "other" } }, "shop", true).metadata.namespace).toBe("other");
    expect(forNamespace({ metadata: { name: "x" } }, "shop", false).metadata.namespace).toBeUndefined();
  });
});

describe("resources", () => {
  it("splits apiVersion", () => {
    expect(splitApiVersion("apps/v1")).toEqual(["apps", "v1"]);
    expect(splitApiVersion("v1")).toEqual(["", "v1"]);
  });
  it("finds a kind's resource in discovery, not a subresource", () => {
    const res = [
      { name: "deployments/scale", kind: "Scale", namespaced: true },
      { name: "ingresses/status", kind: "Ingress", namespaced: true },
      { name: "ingresses", kind: "Ingress", namespaced: true },
    ];
    expect(resourceForKind(res, "Ingress")?.name).toBe("ingresses");
    expect(resourceForKind(res, "Scale")).toBeUndefined();
  });
  it("has a valid starter for every kind", () => {
    for (const k of KINDS) {
      const r = parseManifest(starterYaml(k, "shop"));
      expect(r.ok, k.slug).toBe(true);
      if (r.ok) expect(r.object.metadata.namespace).toBe("shop");
    }
  });
});

import { describe, expect, it } from "vitest";
import { OUTLINE_MAX_BYTES, changeOutline, pointerToPath } from "./outline";

const b = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v));

describe("change outline", () => {
  it("names a JSON patch's paths, not its values, and skips its tests", () => {
    const patch = [
      { op: "test", path: "/spec/template/spec/containers/0/name", value: "app" },
      { op: "replace", path: "/spec/template/spec/containers/0/image", value: "registry/app:2" },
      { op: "add", path: "/metadata/annotations/a~1b", value: "secret-ish" },
    ];
    const o = changeOutline("patch", "application/json-patch+json", b(patch));
    expect(o).toEqual({ fields: ["spec.template.spec.containers[0].image", "metadata.annotations.a/b"] });
    expect(JSON.stringify(o)).not.toContain("registry/app:2");
  });

  it("walks a merge patch to four levels and a whole object to two, without bookkeeping", () => {
    expect(changeOutline("patch", "application/strategic-merge-patch+json", b({ spec: { replicas: 3, template: { metadata: { labels: { v: "2" } } } } }))).toEqual({
      fields: ["spec.replicas", "spec.template.metadata.labels"],
    });
    const obj = { apiVersion: "v1", kind: "Secret", metadata: { name: "db", resourceVersion: "9", labels: { a: "b" } }, data: { password: "c2VjcmV0" }, status: {} };
    const o = changeOutline("update", "application/json", b(obj));
    expect(o).toEqual({ fields: ["metadata.name", "metadata.labels", "data.password"] });
    expect(JSON.stringify(o)).not.toContain("c2VjcmV0");
  });

  it("is bounded in paths, path length and body size", () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    const o = changeOutline("patch", "application/merge-patch+json", b({ data: many }))!;
    expect(o.fields).toHaveLength(40);
    expect(o.more).toBe(true);
    const long = changeOutline("patch", "application/merge-patch+json", b({ ["x".repeat(500)]: 1 }))!;
    expect(long.fields[0].length).toBeLessThanOrEqual(161);
    expect(changeOutline("patch", "application/merge-patch+json", Buffer.alloc(OUTLINE_MAX_BYTES + 1, 32))).toBeUndefined();
  });

  it("reads only JSON changes: not protobuf, not YAML that is not JSON, not reads or deletes", () => {
    expect(changeOutline("create", "application/vnd.kubernetes.protobuf", b({ a: 1 }))).toBeUndefined();
    expect(changeOutline("patch", "application/apply-patch+yaml", b("spec:\n  replicas: 2\n"))).toBeUndefined();
    expect(changeOutline("patch", "application/apply-patch+yaml", b({ spec: { replicas: 2 } }))).toEqual({ fields: ["spec.replicas"] });
    expect(changeOutline("delete", "application/json", b({ propagationPolicy: "Foreground" }))).toBeUndefined();
    expect(changeOutline("patch", "application/json-patch+json", b({ not: "a list" }))).toBeUndefined();
    expect(changeOutline("patch", "application/merge-patch+json", b("{broken"))).toBeUndefined();
  });

  it("turns JSON pointers into dotted paths", () => {
    expect(pointerToPath("/a/0/b~0c/-")).toBe("a[0].b~c[-]");
    expect(pointerToPath("")).toBe("");
  });
});

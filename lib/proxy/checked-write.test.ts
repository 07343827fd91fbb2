import { parse as parseYAML } from "yaml";
import { describe, expect, it } from "vitest";
import { withPrecondition } from "./checked-write";

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const read = (r: ReturnType<typeof withPrecondition>) => {
  if ("kind" in r) throw new Error(`refused: ${r.message}`);
  return { doc: JSON.parse(r.body.toString("utf8")), contentType: r.contentType };
};

describe("withPrecondition", () => {
  it.each(["application/merge-patch+json", "application/strategic-merge-patch+json", "application/json", "application/apply-patch+json"])(
    "sets metadata.resourceVersion in a %s body",
    (type) => {
      const out = read(withPrecondition(json({ metadata: { labels: { a: "b" } } }), type, "42"));
      expect(out.doc).toEqual({ metadata: { labels: { a: "b" }, resourceVersion: "42" } });
      expect(out.contentType).toBe(type);
    },
  );

  it("keeps the client's own version", () => {
    expect(read(withPrecondition(json({ metadata: { resourceVersion: "7" } }), "application/merge-patch+json", "42")).doc.metadata.resourceVersion).toBe("7");
  });

  it("adds a replace operation to a JSON patch", () => {
    const out = read(withPrecondition(json([{ op: "add", path: "/metadata/labels/a", value: "b" }]), "application/json-patch+json", "42"));
    expect(out.doc).toEqual([
      { op: "add", path: "/metadata/labels/a", value: "b" },
      { op: "replace", path: "/metadata/resourceVersion", value: "42" },
    ]);
  });

  it("reads an apply configuration in YAML and sends it as JSON, still an apply", () => {
    const yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: a\n";
    const out = withPrecondition(Buffer.from(yaml), "application/apply-patch+yaml", "42");
    if ("kind" in out) throw new Error("refused");
    expect(out.contentType).toBe("application/apply-patch+yaml");
    expect(parseYAML(out.body.toString("utf8"))).toEqual({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { team: "a" }, resourceVersion: "42" } });
  });

  it("refuses bodies it cannot read, with a Status", () => {
    const proto = withPrecondition(Buffer.from("k8s\u0000..."), "application/vnd.kubernetes.protobuf", "42");
    expect("kind" in proto && proto.code).toBe(415);
    const bad = withPrecondition(Buffer.from("{nope"), "application/merge-patch+json", "42");
    expect("kind" in bad && bad.code).toBe(400);
  });

  it("leaves shapes the cluster will refuse as they are", () => {
    const body = json("just a string");
    const out = withPrecondition(body, "application/merge-patch+json", "42");
    expect("kind" in out ? out : out.body).toBe(body);
  });
});

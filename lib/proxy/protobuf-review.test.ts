import { describe, expect, it } from "vitest";
import { field, varint } from "../../test/support/protobuf";
import { decodeReview, isProtobuf } from "./protobuf-review";

const envelope = (review: Buffer) =>
  Buffer.concat([Buffer.from("k8s\0"), field(1, Buffer.concat([field(1, "authorization.k8s.io/v1"), field(2, "SelfSubjectAccessReview")])), field(2, review)]);

describe("protobuf review requests", () => {
  it("reads resource attributes of a SelfSubjectAccessReview", () => {
    const ra = Buffer.concat([field(1, "shop"), field(2, "patch"), field(3, "apps"), field(4, "v1"), field(5, "deployments"), field(6, "scale"), field(7, "web")]);
    const body = envelope(Buffer.concat([field(1, Buffer.alloc(0)), field(2, field(1, ra))]));
    expect(isProtobuf(body)).toBe(true);
    expect(decodeReview(body, "access")).toEqual({
      spec: { resourceAttributes: { namespace: "shop", verb: "patch", group: "apps", version: "v1", resource: "deployments", subresource: "scale", name: "web" } },
    });
  });

  it("reads non-resource attributes", () => {
    const body = envelope(field(2, field(2, Buffer.concat([field(1, "/metrics"), field(2, "get")]))));
    expect(decodeReview(body, "access")).toEqual({ spec: { nonResourceAttributes: { path: "/metrics", verb: "get" } } });
  });

  it("reads the namespace of a SelfSubjectRulesReview", () => {
    expect(decodeReview(envelope(field(2, field(1, "shop"))), "rules")).toEqual({ spec: { namespace: "shop" } });
  });

  it("refuses truncated input and JSON is not protobuf", () => {
    expect(() => decodeReview(Buffer.concat([Buffer.from("k8s\0"), Buffer.from([0x12, 0x40, 0x01])]), "access")).toThrow(/truncated/);
    expect(isProtobuf(Buffer.from('{"kind":"x"}'))).toBe(false);
  });

  it("refuses a field of the review given twice (protobuf would take the last one)", () => {
    const ra = Buffer.concat([field(2, "get"), field(5, "pods"), field(5, "secrets")]);
    expect(() => decodeReview(envelope(field(2, field(1, ra))), "access")).toThrow(/more than once/);
    expect(() => decodeReview(envelope(Buffer.concat([field(2, field(1, "a")), field(2, field(1, "b"))])), "rules")).toThrow(/more than once/);
  });

  it("refuses a known field with another wire type", () => {
    const ra = Buffer.concat([varint(5 * 8), varint(1)]);
    expect(() => decodeReview(envelope(field(2, field(1, ra))), "access")).toThrow(/wire type/);
  });

  it("skips unknown fields without keeping them and caps their number", () => {
    const some = Buffer.concat([...Array.from({ length: 100 }, () => field(9, "x")), field(5, "pods"), field(2, "get")]);
    expect(decodeReview(envelope(field(2, field(1, some))), "access").spec).toMatchObject({ resourceAttributes: { resource: "pods", verb: "get" } });
    // 64 KiB of one-byte fields: refused after the cap, in one pass.
    const many = Buffer.concat(Array.from({ length: 20_000 }, () => field(9, "")));
    expect(() => decodeReview(envelope(field(2, field(1, many))), "access")).toThrow(/more than 4096 fields/);
  });
});

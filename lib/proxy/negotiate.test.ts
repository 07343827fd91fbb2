import { describe, expect, it } from "vitest";
import { negotiateListAnswer, negotiateReviewAnswer, parseAccept, upstreamAccept } from "./negotiate";

describe("parseAccept (goautoneg's reading)", () => {
  it("drops malformed ranges and keeps parameters other than q", () => {
    const c = parseAccept("text, a/b/c, application/json ; as=Table ; g=meta.k8s.io;q=0.5, */*");
    // q first: */* (q=1) before application/json (q=0.5).
    expect(c.map((x) => `${x.type}/${x.subType}`)).toEqual(["*/*", "application/json"]);
    expect(Object.fromEntries(c[1].params)).toEqual({ as: "Table", g: "meta.k8s.io" });
    expect(c[1].q).toBe(0.5);
  });
  it("orders by q, then concrete types before wildcards, as its insertion sort does", () => {
    expect(parseAccept("*/*, application/yaml;q=0.9, application/json").map((x) => `${x.type}/${x.subType}`)).toEqual(["application/json", "application/yaml", "*/*"]);
  });
  it("orders a long (hostile) header by q then specificity, without a quadratic sort", () => {
    const header = [...Array.from({ length: 5000 }, () => "x/y;q=0.1"), "application/yaml;q=0.2", "*/*;q=0.2", "application/json;q=0.2"].join(",");
    const c = parseAccept(header);
    expect(c).toHaveLength(5003);
    expect(c.slice(0, 3).map((x) => `${x.type}/${x.subType}`)).toEqual(["application/yaml", "application/json", "*/*"]);
    expect(negotiateReviewAnswer(header)).toMatchObject({ ok: true, mediaType: "application/yaml" });
  });
  it("reads a q it cannot parse as 0", () => {
    expect(parseAccept("application/json;q=high")[0].q).toBe(0);
  });
});

describe("negotiateReviewAnswer", () => {
  it("answers JSON by default and for */*", () => {
    expect(negotiateReviewAnswer(undefined)).toEqual({ ok: true, mediaType: "application/json", pretty: false });
    expect(negotiateReviewAnswer("*/*", true)).toEqual({ ok: true, mediaType: "application/json", pretty: true });
  });
  it("refuses a Table of a review with the apiserver's 406 message", () => {
    expect(negotiateReviewAnswer("application/json;as=Table;v=v1;g=meta.k8s.io")).toEqual({
      ok: false,
      message: "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf",
    });
  });
  it("falls through to the next clause the endpoint allows", () => {
    expect(negotiateReviewAnswer("application/json;as=Table;v=v1;g=meta.k8s.io, application/yaml")).toMatchObject({ ok: true, mediaType: "application/yaml" });
  });
  it("allows PartialObjectMetadata of meta.k8s.io v1 and v1beta1 only", () => {
    expect(negotiateReviewAnswer("application/json;as=PartialObjectMetadata;v=v1beta1;g=meta.k8s.io")).toMatchObject({
      ok: true,
      partialMetadata: { kind: "PartialObjectMetadata", version: "v1beta1" },
    });
    expect(negotiateReviewAnswer("application/json;as=PartialObjectMetadata;v=v2;g=meta.k8s.io").ok).toBe(false);
    expect(negotiateReviewAnswer("application/json;as=PartialObjectMetadata;v=v1").ok).toBe(false);
  });
  it("checks stream and server-version parameters", () => {
    expect(negotiateReviewAnswer("application/json;stream=watch").ok).toBe(true);
    expect(negotiateReviewAnswer("application/yaml;stream=watch").ok).toBe(false);
    expect(negotiateReviewAnswer("application/json;stream=other").ok).toBe(false);
    expect(negotiateReviewAnswer("application/json;sv=v2").ok).toBe(false);
    expect(negotiateReviewAnswer("application/json;pretty=1")).toMatchObject({ ok: true, pretty: true });
  });
  it("refuses what it does not serve with go-restful's message, whose route match comes first", () => {
    expect(negotiateReviewAnswer("text/html")).toEqual({
      ok: false,
      message: "406: Not Acceptable\n\nAvailable representations: application/json, application/yaml, application/vnd.kubernetes.protobuf",
    });
    // A range naming no served type exactly is refused by the route match, even where negotiation would take it.
    expect(negotiateReviewAnswer("application/*")).toMatchObject({ ok: false, message: expect.stringMatching(/^406: Not Acceptable/) });
    // goautoneg's order puts a concrete subtype before a wildcard one whatever their q: YAML wins here, as on the apiserver.
    expect(negotiateReviewAnswer("text/html, application/*, application/yaml;q=0.1")).toMatchObject({ ok: true, mediaType: "application/yaml" });
  });
});

describe("negotiateListAnswer (a filtered namespace list)", () => {
  it("allows Table in JSON and YAML, never in protobuf, as the apiserver's AllowsMediaTypeTransform", () => {
    expect(negotiateListAnswer("application/json;as=Table;v=v1;g=meta.k8s.io")).toEqual({ ok: true, mediaType: "application/json", pretty: false, table: { version: "v1" } });
    expect(negotiateListAnswer("application/yaml;as=Table;v=v1beta1;g=meta.k8s.io")).toMatchObject({ ok: true, mediaType: "application/yaml", table: { version: "v1beta1" } });
    expect(negotiateListAnswer("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json")).toEqual({ ok: true, mediaType: "application/json", pretty: false });
    expect(negotiateListAnswer("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io").ok).toBe(false);
  });

  it("asks the cluster in JSON for what it will filter", () => {
    const n = negotiateListAnswer("application/yaml;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");
    expect(n.ok && upstreamAccept(n)).toBe("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1");
    const p = negotiateListAnswer("application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");
    expect(p.ok && upstreamAccept(p)).toBe("application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1");
    const t = negotiateListAnswer("application/json;as=Table;v=v1;g=meta.k8s.io");
    expect(t.ok && upstreamAccept(t)).toBe("application/json;as=Table;g=meta.k8s.io;v=v1");
    expect(negotiateListAnswer("text/html")).toMatchObject({ ok: false, message: expect.stringMatching(/^406: Not Acceptable/) });
  });
});

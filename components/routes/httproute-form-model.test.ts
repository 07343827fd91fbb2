import { describe, expect, it } from "vitest";
import type { HTTPRouteObject } from "@/lib/k8s/kinds/httproute";
import { fieldPath } from "./form-common";
import {
  type HttpRouteForm,
  buildHttpRoute,
  emptyBackend,
  emptyHttpRouteForm,
  emptyRule,
  httpRouteFieldFor,
  httpRouteServerErrors,
  httpRouteToForm,
  rowWeights,
  splitGateway,
  validateHttpRouteForm,
} from "./httproute-form-model";

const form = (over: Partial<HttpRouteForm> = {}): HttpRouteForm => {
  const f = emptyHttpRouteForm();
  f.name = "checkout";
  f.rules[0].backends = [
    { service: "checkout-blue", port: "80", weight: "90", keep: {} },
    { service: "checkout-green", port: "80", weight: "10", keep: {} },
  ];
  return { ...f, ...over };
};

const existing: HTTPRouteObject = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name: "checkout", namespace: "acme-payments", resourceVersion: "42", uid: "u1", labels: { app: "checkout" } },
  spec: {
    parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "pilothouse-gateway", sectionName: "web" }],
    hostnames: ["checkout.example.com"],
    rules: [
      {
        name: "main",
        matches: [{ path: { type: "PathPrefix", value: "/" }, headers: [{ name: "x-canary", value: "yes" }], queryParams: [{ name: "debug", value: "1" }] }],
        filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: { set: [{ name: "x-from", value: "gw" }] } }],
        backendRefs: [
          { name: "checkout-blue", port: 80, weight: 90 },
          { name: "checkout-green", port: 80, filters: [{ type: "RequestMirror" }] },
        ],
        timeouts: { request: "10s" },
      },
      { backendRefs: [{ name: "legacy", port: 8080 }] },
    ],
  },
  status: { parents: [] },
};

describe("validateHttpRouteForm", () => {
  it("accepts a new route with the default gateway", () => {
    expect(validateHttpRouteForm(form())).toEqual({});
    expect(emptyHttpRouteForm().parents[0].gateway).toBe("pilothouse-gateway/public");
  });

  it("checks name, gateway, section and hostnames", () => {
    const e = validateHttpRouteForm(
      form({
        name: "Checkout_1",
        parents: [
          { gateway: "", section: "", keep: {} },
          { gateway: "Bad NS/public", section: "", keep: {} },
          { gateway: "a/b/c", section: "Web", keep: {} },
          { gateway: "pilothouse-gateway/public", section: "", keep: {} },
          { gateway: "pilothouse-gateway/public", section: "", keep: {} },
        ],
        hostnames: "ok.example.com, *.example.com, 10.0.0.1",
      }),
    );
    expect(e).toEqual({
      name: { code: "dnsSubdomain" },
      "parents.0.gateway": { code: "required" },
      "parents.1.gateway": { code: "gatewayRef" },
      "parents.2.gateway": { code: "gatewayRef" },
      "parents.2.section": { code: "sectionName" },
      "parents.4.gateway": { code: "parentDuplicate" },
      hostnames: { code: "hostIp", values: { host: "10.0.0.1" } },
    });
    expect(validateHttpRouteForm(form({ hostnames: "Shop.example.com" })).hostnames).toEqual({ code: "hostname", values: { host: "Shop.example.com" } });
    expect(validateHttpRouteForm(form({ hostnames: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`).join(" ") })).hostnames).toEqual({ code: "tooMany", values: { max: 16 } });
    expect(validateHttpRouteForm(form({ name: "" })).name).toEqual({ code: "required" });
  });

  it("checks paths by match type", () => {
    const f = form();
    f.rules[0].matches = [
      { pathType: "PathPrefix", path: "api", headers: [], keep: {} },
      { pathType: "Exact", path: "/a//b", headers: [], keep: {} },
      { pathType: "PathPrefix", path: "/a/..", headers: [], keep: {} },
      { pathType: "RegularExpression", path: "", headers: [], keep: {} },
      { pathType: "RegularExpression", path: "^/v[0-9]+", headers: [], keep: {} },
      { pathType: "Exact", path: "/health", headers: [], keep: {} },
    ];
    expect(validateHttpRouteForm(f)).toEqual({
      "rules.0.matches.0.path": { code: "pathSlash" },
      "rules.0.matches.1.path": { code: "pathChars" },
      "rules.0.matches.2.path": { code: "pathChars" },
      "rules.0.matches.3.path": { code: "required" },
    });
  });

  it("checks header matches, ignoring blank rows", () => {
    const f = form();
    f.rules[0].matches[0].headers = [
      { name: "x-canary", value: "yes", type: "Exact" },
      { name: "", value: "", type: "Exact" },
      { name: "X-Canary", value: "no", type: "Exact" },
      { name: "bad header", value: "v", type: "Exact" },
      { name: "", value: "orphan", type: "Exact" },
      { name: "x-empty", value: "", type: "RegularExpression" },
    ];
    expect(validateHttpRouteForm(f)).toEqual({
      "rules.0.matches.0.headers.2.name": { code: "headerDuplicate" },
      "rules.0.matches.0.headers.3.name": { code: "headerName" },
      "rules.0.matches.0.headers.4.name": { code: "required" },
      "rules.0.matches.0.headers.5.value": { code: "required" },
    });
  });

  it("checks backends: a service, its port and a whole weight", () => {
    const f = form();
    f.rules[0].backends = [
      { service: "web", port: "", weight: "1", keep: {} },
      { service: "", port: "80", weight: "1", keep: {} },
      { service: "web", port: "99999", weight: "-1", keep: {} },
      { service: "web", port: "80", weight: "2000000", keep: {} },
      { service: "", port: "", weight: "1", keep: {} },
      { service: "bucket", port: "", weight: "0", keep: { group: "example.com", kind: "Bucket" } },
    ];
    expect(validateHttpRouteForm(f)).toEqual({
      "rules.0.backends.0.port": { code: "required" },
      "rules.0.backends.1.service": { code: "required" },
      "rules.0.backends.2.port": { code: "port" },
      "rules.0.backends.2.weight": { code: "weight", values: { max: 1000000 } },
      "rules.0.backends.3.weight": { code: "weight", values: { max: 1000000 } },
    });
    const none = form();
    none.rules[0].backends = [emptyBackend()];
    expect(validateHttpRouteForm(none)).toEqual({ "rules.0.backends.0.service": { code: "backendRequired" } });
  });

  it("gives the live shares of a rule's rows", () => {
    expect(rowWeights({ backends: [emptyBackend("5"), { service: "a", port: "80", weight: "3", keep: {} }, { service: "b", port: "80", weight: "x", keep: {} }] })).toEqual([
      { label: "a", weight: 3 },
      { label: "b", weight: 0 },
    ]);
  });
});

describe("buildHttpRoute", () => {
  it("makes a new route", () => {
    expect(buildHttpRoute(form({ hostnames: "checkout.example.com" }), "acme-payments")).toEqual({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "checkout", namespace: "acme-payments" },
      spec: {
        parentRefs: [{ namespace: "pilothouse-gateway", name: "public" }],
        hostnames: ["checkout.example.com"],
        rules: [
          {
            matches: [{ path: { type: "PathPrefix", value: "/" } }],
            backendRefs: [
              { name: "checkout-blue", port: 80, weight: 90 },
              { name: "checkout-green", port: 80, weight: 10 },
            ],
          },
        ],
      },
    });
    expect(splitGateway("public")).toEqual(["", "public"]);
    expect(buildHttpRoute(form({ parents: [{ gateway: "public", section: "", keep: {} }] }), "ns").spec?.parentRefs).toEqual([{ name: "public" }]);
  });

  it("round-trips an existing route without losing what the form does not show", () => {
    const f = httpRouteToForm(existing);
    expect(f.parents).toEqual([{ gateway: "pilothouse-gateway/public", section: "web", keep: { group: "gateway.networking.k8s.io", kind: "Gateway" } }]);
    expect(f.hostnames).toBe("checkout.example.com");
    expect(f.rules[0].backends[1]).toEqual({ service: "checkout-green", port: "80", weight: "1", keep: { filters: [{ type: "RequestMirror" }] } });
    expect(f.rules[1].matches).toEqual([]);
    expect(validateHttpRouteForm(f)).toEqual({});
    const back = buildHttpRoute(f, "acme-payments", existing);
    // The same object, the default weight now written out.
    const want = structuredClone(existing);
    want.spec!.rules![0].matches![0].headers![0].type = "Exact";
    want.spec!.rules![0].backendRefs![1].weight = 1;
    want.spec!.rules![1].backendRefs![0].weight = 1;
    expect(back).toEqual(want);
    expect(back.metadata.resourceVersion).toBe("42");
  });

  it("edits in place: changed weights and hostnames, same metadata", () => {
    const f = httpRouteToForm(existing);
    f.rules[0].backends[0].weight = "50";
    f.rules[0].backends[1].weight = "50";
    f.hostnames = "";
    f.rules.push(emptyRule());
    f.rules[2].backends = [{ service: "extra", port: "81", weight: "1", keep: {} }];
    const back = buildHttpRoute(f, "acme-payments", existing);
    expect(back.metadata).toEqual(existing.metadata);
    expect(back.spec?.hostnames).toBeUndefined();
    expect(back.spec?.rules?.[0].backendRefs?.map((b) => b.weight)).toEqual([50, 50]);
    expect(back.spec?.rules?.[0].filters).toEqual(existing.spec?.rules?.[0].filters);
    expect(back.spec?.rules?.[2]).toEqual({ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "extra", port: 81, weight: 1 }] });
  });
});

describe("server errors", () => {
  it("land on the field they name", () => {
    expect(fieldPath("spec.rules[1].backendRefs[0].port")).toEqual(["spec", "rules", 1, "backendRefs", 0, "port"]);
    const at = (f: string) => httpRouteFieldFor(fieldPath(f));
    expect(at("metadata.name")).toBe("name");
    expect(at("spec.hostnames[0]")).toBe("hostnames");
    expect(at("spec.parentRefs[0].name")).toBe("parents.0.gateway");
    expect(at("spec.parentRefs[0].sectionName")).toBe("parents.0.section");
    expect(at("spec.rules[1].backendRefs[0].port")).toBe("rules.1.backends.0.port");
    expect(at("spec.rules[1].backendRefs[0].weight")).toBe("rules.1.backends.0.weight");
    expect(at("spec.rules[1].backendRefs[0]")).toBe("rules.1.backends.0.service");
    expect(at("spec.rules[0].matches[2].path.value")).toBe("rules.0.matches.2.path");
    expect(at("spec.rules[0].matches[2].headers[1].value")).toBe("rules.0.matches.2.headers.1.value");
    expect(at("spec.rules[0]")).toBeUndefined();
    expect(at("spec")).toBeUndefined();
    expect(
      httpRouteServerErrors([
        { field: "spec.rules[0].backendRefs[0].port", message: "Must have port for Service reference" },
        { field: "spec.rules[0].backendRefs[0].port", message: "again" },
        { field: "spec", message: "sectionName must be unique" },
        { message: "no field" },
      ]),
    ).toEqual({ fields: { "rules.0.backends.0.port": { server: "Must have port for Service reference; again" } }, other: ["spec: sectionName must be unique", "no field"] });
  });
});

import { describe, expect, it } from "vitest";
import type { IngressObject } from "@/lib/k8s/kinds/ingress";
import { fieldPath } from "./form-common";
import {
  type IngressForm,
  buildIngress,
  emptyIngressForm,
  emptyIngressPath,
  emptyIngressRule,
  emptyIngressTls,
  ingressFieldFor,
  ingressServerErrors,
  ingressToForm,
  validateIngressForm,
} from "./ingress-form-model";

const form = (over: Partial<IngressForm> = {}): IngressForm => {
  const f = emptyIngressForm("traefik");
  f.name = "shop";
  f.rules[0].host = "shop.example.com";
  f.rules[0].paths[0] = { ...emptyIngressPath(), service: "web", port: "80" };
  return { ...f, ...over };
};

const existing: IngressObject = {
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "shop", namespace: "globex-web", resourceVersion: "7", annotations: { "traefik.ingress.kubernetes.io/router.entrypoints": "web" } },
  spec: {
    ingressClassName: "traefik",
    defaultBackend: { service: { name: "fallback", port: { number: 80 } } },
    tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
    rules: [
      {
        host: "shop.example.com",
        http: {
          paths: [
            { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } },
            { path: "/api", pathType: "Exact", backend: { service: { name: "api", port: { name: "http" } } } },
            { path: "/static", pathType: "ImplementationSpecific", backend: { resource: { apiGroup: "example.com", kind: "Bucket", name: "assets" } } },
          ],
        },
      },
    ],
  },
  status: { loadBalancer: { ingress: [{ ip: "10.0.0.1" }] } },
};

describe("validateIngressForm", () => {
  it("accepts a simple ingress, and no host for any host", () => {
    expect(validateIngressForm(form())).toEqual({});
    expect(validateIngressForm(form({ rules: [{ ...form().rules[0], host: "" }] }))).toEqual({});
    expect(validateIngressForm(form({ className: "" }))).toEqual({});
  });

  it("checks the name, class and hosts", () => {
    const f = form({ name: "Shop", className: "Traefik!" });
    f.rules[0].host = "10.1.2.3";
    f.rules.push({ ...emptyIngressRule(), host: "*.example.com" });
    f.rules[1].paths[0] = { ...emptyIngressPath(), service: "web", port: "http" };
    expect(validateIngressForm(f)).toEqual({
      name: { code: "dnsSubdomain" },
      className: { code: "dnsSubdomain" },
      "rules.0.host": { code: "hostIp", values: { host: "10.1.2.3" } },
    });
  });

  it("checks paths by type, backends and ports", () => {
    const f = form();
    f.rules[0].paths = [
      { ...emptyIngressPath(), path: "api", service: "web", port: "80" },
      { ...emptyIngressPath(), path: "/a/../b", pathType: "Exact", service: "web", port: "80" },
      { ...emptyIngressPath(), path: "", pathType: "ImplementationSpecific", service: "web", port: "80" },
      { ...emptyIngressPath(), path: "/x", service: "", port: "80" },
      { ...emptyIngressPath(), path: "/y", service: "Web_1", port: "99999" },
      { ...emptyIngressPath(), path: "/z", service: "web", port: "" },
      { ...emptyIngressPath(), path: "/z", service: "web", port: "http" },
      emptyIngressPath(),
    ];
    expect(validateIngressForm(f)).toEqual({
      "rules.0.paths.0.path": { code: "pathSlash" },
      "rules.0.paths.1.path": { code: "pathChars" },
      "rules.0.paths.3.service": { code: "required" },
      "rules.0.paths.4.service": { code: "dnsLabel" },
      "rules.0.paths.4.port": { code: "port" },
      "rules.0.paths.5.port": { code: "required" },
      "rules.0.paths.6.path": { code: "pathDuplicate" },
    });
  });

  it("needs a backend in every rule, and a rule unless there is a default backend", () => {
    const f = form();
    f.rules[0].paths = [emptyIngressPath()];
    expect(validateIngressForm(f)).toEqual({ "rules.0.paths.0.service": { code: "backendRequired" } });
    expect(validateIngressForm(form({ rules: [] }))).toEqual({ rules: { code: "ruleRequired" } });
    expect(validateIngressForm(form({ rules: [] }), true)).toEqual({});
  });

  it("checks TLS rows, ignoring blank ones", () => {
    const f = form({
      tls: [{ ...emptyIngressTls() }, { hosts: "shop.example.com, Bad Host", secretName: "shop-tls", keep: {} }, { hosts: "", secretName: "Shop_TLS", keep: {} }],
    });
    expect(validateIngressForm(f)).toEqual({
      "tls.1.hosts": { code: "hostname", values: { host: "Bad" } },
      "tls.2.secretName": { code: "dnsSubdomain" },
    });
  });
});

describe("buildIngress", () => {
  it("makes a new ingress", () => {
    const f = form({ tls: [{ hosts: "shop.example.com", secretName: "shop-tls", keep: {} }] });
    f.rules[0].paths.push({ ...emptyIngressPath(), path: "/api", pathType: "Exact", service: "api", port: "http" });
    expect(buildIngress(f, "globex-web")).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "shop", namespace: "globex-web" },
      spec: {
        ingressClassName: "traefik",
        rules: [
          {
            host: "shop.example.com",
            http: {
              paths: [
                { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } },
                { path: "/api", pathType: "Exact", backend: { service: { name: "api", port: { name: "http" } } } },
              ],
            },
          },
        ],
        tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
      },
    });
    // No class: the cluster's default.
    expect(buildIngress(form({ className: "" }), "ns").spec?.ingressClassName).toBeUndefined();
  });

  it("round-trips an existing ingress without losing what the form does not show", () => {
    const f = ingressToForm(existing);
    expect(f.rules[0].paths[2]).toMatchObject({ service: "", backendKeep: { resource: { apiGroup: "example.com", kind: "Bucket", name: "assets" } } });
    expect(validateIngressForm(f, true)).toEqual({});
    expect(buildIngress(f, "globex-web", existing)).toEqual(existing);
  });

  it("edits in place and drops TLS when its rows are emptied", () => {
    const f = ingressToForm(existing);
    f.rules[0].paths[0].port = "8080";
    f.tls = [emptyIngressTls()];
    const back = buildIngress(f, "globex-web", existing);
    expect(back.metadata).toEqual(existing.metadata);
    expect(back.spec?.tls).toBeUndefined();
    expect(back.spec?.defaultBackend).toEqual(existing.spec?.defaultBackend);
    expect(back.spec?.rules?.[0].http?.paths[0].backend).toEqual({ service: { name: "web", port: { number: 8080 } } });
    // A resource backend given a Service becomes a Service backend.
    f.rules[0].paths[2].service = "assets";
    f.rules[0].paths[2].port = "80";
    expect(buildIngress(f, "globex-web", existing).spec?.rules?.[0].http?.paths[2].backend).toEqual({ service: { name: "assets", port: { number: 80 } } });
  });

  it("leaves a class given by the old annotation in the annotation", () => {
    const legacy: IngressObject = { ...existing, metadata: { ...existing.metadata, annotations: { "kubernetes.io/ingress.class": "traefik" } }, spec: { ...existing.spec, ingressClassName: undefined } };
    delete legacy.spec!.ingressClassName;
    const f = ingressToForm(legacy);
    expect(f.className).toBe("traefik");
    expect(buildIngress(f, "globex-web", legacy).spec?.ingressClassName).toBeUndefined();
    f.className = "nginx";
    expect(buildIngress(f, "globex-web", legacy).spec?.ingressClassName).toBe("nginx");
  });
});

describe("server errors", () => {
  it("land on the field they name", () => {
    const at = (f: string) => ingressFieldFor(fieldPath(f));
    expect(at("metadata.name")).toBe("name");
    expect(at("spec.ingressClassName")).toBe("className");
    expect(at("spec.rules[0].host")).toBe("rules.0.host");
    expect(at("spec.rules[0].http.paths[1].path")).toBe("rules.0.paths.1.path");
    expect(at("spec.rules[0].http.paths[1].pathType")).toBe("rules.0.paths.1.path");
    expect(at("spec.rules[0].http.paths[1].backend.service.name")).toBe("rules.0.paths.1.service");
    expect(at("spec.rules[0].http.paths[1].backend.service.port.number")).toBe("rules.0.paths.1.port");
    expect(at("spec.rules[0].http.paths[1].backend")).toBe("rules.0.paths.1.service");
    expect(at("spec.tls[0].hosts[1]")).toBe("tls.0.hosts");
    expect(at("spec.tls[0].secretName")).toBe("tls.0.secretName");
    expect(at("spec.defaultBackend")).toBeUndefined();
    expect(ingressServerErrors([{ field: "spec.rules[0].http.paths[0].backend.service.port.number", message: "must be between 1 and 65535" }, { message: "other" }])).toEqual({
      fields: { "rules.0.paths.0.port": { server: "must be between 1 and 65535" } },
      other: ["other"],
    });
  });
});

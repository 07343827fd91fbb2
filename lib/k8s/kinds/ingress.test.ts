import { describe, expect, it } from "vitest";
import { type IngressObject, defaultIngressClass, ingressAddresses, ingressBackends, ingressClass, ingressHosts, ingressPaths, ingressProblem, ingressStatus, ingressTLS } from "./ingress";

const ing: IngressObject = {
  metadata: { name: "shop", namespace: "acme-payments" },
  spec: {
    ingressClassName: "traefik",
    tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
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
      { http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } },
    ],
  },
};

describe("ingress", () => {
  it("reads hosts, paths and backends", () => {
    expect(ingressHosts(ing)).toEqual(["shop.example.com", "*"]);
    expect(ingressPaths(ing)).toEqual([
      { host: "shop.example.com", path: "/", pathType: "Prefix", backend: "web:80", service: "web" },
      { host: "shop.example.com", path: "/api", pathType: "Exact", backend: "api:http", service: "api" },
      { host: "*", path: "/", pathType: "Prefix", backend: "web:80", service: "web" },
    ]);
    expect(ingressBackends(ing)).toEqual(["web:80", "api:http"]);
    const withDefault: IngressObject = { metadata: {}, spec: { defaultBackend: { resource: { kind: "Bucket", name: "static" } } } };
    expect(ingressPaths(withDefault)).toEqual([{ host: "*", path: "", pathType: "ImplementationSpecific", backend: "Bucket/static", service: undefined }]);
  });

  it("reads the class, from the field or the old annotation", () => {
    expect(ingressClass(ing)).toBe("traefik");
    expect(ingressClass({ metadata: { annotations: { "kubernetes.io/ingress.class": "nginx" } } })).toBe("nginx");
    expect(ingressClass({ metadata: {} })).toBe("");
  });

  it("reads TLS and the published addresses", () => {
    expect(ingressTLS(ing)).toEqual([{ hosts: ["shop.example.com"], secretName: "shop-tls" }]);
    expect(ingressStatus(ing)).toBe("Pending");
    const published = { ...ing, status: { loadBalancer: { ingress: [{ ip: "10.0.0.5" }, { hostname: "lb.example.com" }] } } };
    expect(ingressAddresses(published)).toEqual(["10.0.0.5", "lb.example.com"]);
    expect(ingressStatus(published)).toBe("Published");
    const failed = { ...ing, status: { loadBalancer: { ingress: [{ ip: "10.0.0.5", ports: [{ port: 443, protocol: "TCP", error: "PortInUse" }] }] } } };
    expect(ingressStatus(failed)).toBe("PortError: PortInUse");
    expect(ingressProblem(failed)).toBe("443/TCP: PortInUse");
    expect(ingressProblem(ing)).toBeUndefined();
  });

  it("finds the cluster's default class: the one class marked so", () => {
    const cls = (name: string, dflt?: string) => ({ metadata: { name, annotations: dflt ? { "ingressclass.kubernetes.io/is-default-class": dflt } : undefined } });
    expect(defaultIngressClass([cls("nginx"), cls("traefik", "true")])).toBe("traefik");
    expect(defaultIngressClass([cls("nginx", "false"), cls("traefik")])).toBeUndefined();
    expect(defaultIngressClass([cls("a", "true"), cls("b", "true")])).toBeUndefined();
    expect(defaultIngressClass([])).toBeUndefined();
  });
});

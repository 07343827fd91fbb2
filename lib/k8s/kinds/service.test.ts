import { describe, expect, it } from "vitest";
import { type ServiceObject, endpointsOf, serviceEndpointSlicesPath, serviceExternal, servicePorts, serviceSelector, serviceType } from "./service";

const svc = (spec: ServiceObject["spec"], status?: ServiceObject["status"]): ServiceObject => ({ metadata: { name: "web" }, spec, status });

describe("service", () => {
  it("has paths, including its EndpointSlices", () => {
    expect(serviceEndpointSlicesPath("shop", "web")).toBe("/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb");
  });
  it("shows type, ports and selector like kubectl", () => {
    const s = svc({ type: "NodePort", clusterIP: "10.96.0.10", ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }, { port: 53, protocol: "UDP" }], selector: { app: "web" } });
    expect(serviceType(s)).toBe("NodePort");
    expect(servicePorts(s)).toBe("80:30080/TCP,53/UDP");
    expect(serviceSelector(s)).toBe("app=web");
    expect(serviceType(svc({}))).toBe("ClusterIP");
  });
  it("shows external addresses", () => {
    expect(serviceExternal(svc({ type: "LoadBalancer" }, { loadBalancer: { ingress: [{ ip: "1.2.3.4" }, { hostname: "lb.example.com" }] } }))).toEqual(["1.2.3.4", "lb.example.com"]);
    expect(serviceExternal(svc({ type: "ExternalName", externalName: "db.example.com" }))).toEqual(["db.example.com"]);
    expect(serviceExternal(svc({ externalIPs: ["5.6.7.8"] }))).toEqual(["5.6.7.8"]);
  });
  it("flattens endpoint slices", () => {
    const eps = endpointsOf([
      {
        metadata: { name: "web-abc" },
        ports: [{ port: 8080, protocol: "TCP" }],
        endpoints: [
          { addresses: ["10.0.0.10"], conditions: { ready: true }, nodeName: "n1", targetRef: { kind: "Pod", name: "web-1" } },
          { addresses: ["10.0.0.9"], conditions: { ready: false }, targetRef: { kind: "Pod", name: "web-2" } },
        ],
      },
    ]);
    expect(eps).toEqual([
      { address: "10.0.0.9", ready: false, node: undefined, target: "web-2", ports: "8080/TCP" },
      { address: "10.0.0.10", ready: true, node: "n1", target: "web-1", ports: "8080/TCP" },
    ]);
  });
});

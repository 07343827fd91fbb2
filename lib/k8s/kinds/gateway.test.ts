import { describe, expect, it } from "vitest";
import { type GatewayObject, gatewayAddresses, gatewayAttachedRoutes, gatewayListeners, gatewayProblem, gatewayRef, gatewayStatus, listenerText } from "./gateway";

const gw = (status?: GatewayObject["status"]): GatewayObject => ({
  metadata: { name: "public", namespace: "pilothouse-gateway" },
  spec: {
    gatewayClassName: "traefik",
    listeners: [
      { name: "web", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "Selector", selector: { matchExpressions: [{ key: "pilothouse.dev/tenant", operator: "Exists" }] } } } },
      { name: "admin", port: 8000, protocol: "HTTP", hostname: "admin.example.com" },
    ],
  },
  status,
});

describe("gateway", () => {
  it("reads listeners with what the controller counted", () => {
    const g = gw({ listeners: [{ name: "web", attachedRoutes: 3, conditions: [{ type: "Programmed", status: "True" }] }] });
    const [web, admin] = gatewayListeners(g);
    expect(web).toMatchObject({ name: "web", port: 80, protocol: "HTTP", allowedRoutes: "Selector: pilothouse.dev/tenant", attachedRoutes: 3 });
    expect(admin).toMatchObject({ allowedRoutes: "Same", attachedRoutes: undefined, hostname: "admin.example.com" });
    expect(listenerText(admin)).toBe("admin: HTTP/8000 admin.example.com");
    expect(gatewayAttachedRoutes(g)).toBe(3);
    expect(gatewayRef(g)).toBe("pilothouse-gateway/public");
  });

  it("prefers the addresses the controller reports", () => {
    expect(gatewayAddresses(gw({ addresses: [{ type: "IPAddress", value: "10.0.0.5" }] }))).toEqual(["10.0.0.5"]);
    expect(gatewayAddresses({ ...gw(), spec: { addresses: [{ value: "1.2.3.4" }] } })).toEqual(["1.2.3.4"]);
    expect(gatewayAddresses({ metadata: {} })).toEqual([]);
  });

  it("says what the controller says", () => {
    expect(gatewayStatus(gw())).toBe("Pending");
    expect(gatewayStatus(gw({ conditions: [{ type: "Accepted", status: "True" }] }))).toBe("Accepted");
    expect(gatewayStatus(gw({ conditions: [{ type: "Accepted", status: "True" }, { type: "Programmed", status: "True" }] }))).toBe("Programmed");
    const refused = gw({ conditions: [{ type: "Accepted", status: "False", reason: "InvalidParameters", message: "bad class" }] });
    expect(gatewayStatus(refused)).toBe("NotAccepted: InvalidParameters");
    expect(gatewayProblem(refused)).toBe("InvalidParameters: bad class");
    const listener = gw({ conditions: [{ type: "Accepted", status: "True" }], listeners: [{ name: "web", conditions: [{ type: "Conflicted", status: "True", reason: "HostnameConflict" }] }] });
    expect(gatewayProblem(listener)).toBe("web: HostnameConflict");
    expect(gatewayProblem(gw())).toBeUndefined();
  });
});

import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import common from "@/messages/en/common.json";
import errors from "@/messages/en/errors.json";
import workloads from "@/messages/en/workloads.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import zhWorkloads from "@/messages/zh-CN/workloads.json";
import { httproutes } from "@/components/kinds/httproute";
import { ingresses } from "@/components/kinds/ingress";
import { listKey } from "@/lib/client/list-query";
import type { HTTPRouteObject } from "@/lib/k8s/kinds/httproute";
import type { IngressObject } from "@/lib/k8s/kinds/ingress";
import { HttpRouteForm } from "./httproute-form";
import { IngressForm } from "./ingress-form";
import { Network, NetworkView } from "./network-view";
import { CanaryPanel, SwitchForm } from "./release-forms";
import { HttpRouteRelated } from "./route-views";
import { TryItTab } from "./try-it-tab";
import { renderView } from "../../test/support/render";

vi.mock("next/navigation", () => ({
  usePathname: () => "/network",
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined }),
}));

// Server-renders the route views with fixtures and the real messages of both
// languages: every text must resolve, and the hooks the browser tests use must be there.

const EN = { common, errors, workloads };
const ZH = { common: zhCommon, errors: zhErrors, workloads: zhWorkloads };

function render(node: React.ReactNode, messages: Record<string, unknown> = EN, seed?: (qc: QueryClient) => void) {
  return renderView(node, { messages, locale: messages === ZH ? "zh-CN" : "en", seed });
}

const route: HTTPRouteObject = {
  metadata: { name: "checkout", namespace: "shop", uid: "r1", resourceVersion: "5", creationTimestamp: "2025-01-01T00:00:00Z" },
  spec: {
    parentRefs: [{ name: "public", namespace: "pilothouse-gateway" }],
    hostnames: ["checkout.example.com"],
    rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "blue", port: 80, weight: 75 }, { name: "green", port: 80, weight: 25 }] }],
  },
  status: {
    parents: [
      {
        parentRef: { name: "public", namespace: "pilothouse-gateway" },
        controllerName: "traefik.io/gateway-controller",
        conditions: [
          { type: "Accepted", status: "False", reason: "NotAllowedByListeners", message: "Cannot find any matching listener" },
          { type: "ResolvedRefs", status: "False", reason: "BackendNotFound", message: "Cannot load HTTPBackendRef shop/green: service not found" },
        ],
      },
    ],
  },
};

const ingress: IngressObject = {
  metadata: { name: "web", namespace: "shop", uid: "i1" },
  spec: {
    ingressClassName: "traefik",
    tls: [{ hosts: ["web.example.com"], secretName: "web-tls" }],
    rules: [{ host: "web.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }],
  },
};

const services = (qc: QueryClient) =>
  qc.setQueryData(listKey("c", "/api/v1/namespaces/shop/services"), {
    metadata: {},
    items: [
      { metadata: { name: "blue" }, spec: { ports: [{ name: "http", port: 80 }] } },
      { metadata: { name: "green" }, spec: { ports: [{ port: 80 }] } },
    ],
  });

describe("route views", () => {
  it("show each parent's conditions as the controller wrote them", () => {
    const html = render(<HttpRouteRelated cluster="c" obj={route} />);
    expect(html).toContain('data-testid="parent-pilothouse-gateway/public"');
    expect(html).toContain("NotAllowedByListeners");
    expect(html).toContain("BackendNotFound");
    expect(html).toContain("Cannot load HTTPBackendRef shop/green: service not found");
    expect(html).toContain('data-testid="backend-green"');
    expect(html).toContain('data-share="25"');
  });

  it("render the route forms, new and prefilled, in both languages", () => {
    const noop = () => undefined;
    for (const m of [EN, ZH]) {
      const created = render(<HttpRouteForm cluster="c" ns="shop" onSaved={noop} onCancel={noop} onEditYaml={noop} />, m, services);
      expect(created).toContain('name="parents.0.gateway"');
      expect(created).toContain('<option value="blue">blue</option>');
      const edited = render(<HttpRouteForm cluster="c" ns="shop" original={route} onSaved={noop} onCancel={noop} />, m, services);
      expect(edited).toContain('name="rules.0.backends.1.weight"');
      expect(edited).toContain('data-testid="backend-share"');
      expect(render(<IngressForm cluster="c" ns="shop" original={ingress} onSaved={noop} onCancel={noop} />, m, services)).toContain('name="tls.0.hosts"');
    }
    const edited = render(<HttpRouteForm cluster="c" ns="shop" original={route} onSaved={() => undefined} onCancel={() => undefined} />, EN, services);
    expect(edited).toContain("Weight of backend 2 in rule 1");
    expect(edited).toContain("A name cannot be changed");
    expect(edited).toContain(">75<!-- --> %<");
  });

  it("render the release helpers with the current step", () => {
    for (const m of [EN, ZH]) {
      const canary = render(<CanaryPanel cluster="c" route={route} onClose={() => undefined} />, m);
      expect(canary).toContain('data-step="25"');
      expect(canary).toContain('aria-current="step"');
      expect(render(<SwitchForm cluster="c" route={route} onDone={() => undefined} />, m)).toContain("green");
    }
    const between = { ...route, spec: { ...route.spec, rules: [{ backendRefs: [{ name: "blue", weight: 70 }, { name: "green", weight: 30 }] }] } };
    const html = render(<CanaryPanel cluster="c" route={between} onClose={() => undefined} />);
    expect(html).toContain('data-step=""');
    expect(html).toContain("Between steps: green gets 30 % of the traffic.");
    expect(html).toContain("Next step: 50 %");
  });

  it("render the try it tab", () => {
    for (const m of [EN, ZH]) expect(render(<TryItTab cluster="c" obj={route} kind={httproutes} />, m)).toContain('name="requests"');
    expect(render(<TryItTab cluster="c" obj={ingress} kind={ingresses} />)).toContain('placeholder="/"');
  });

  it("render the network page with links to each object", () => {
    for (const m of [EN, ZH]) {
      const html = render(
        <NetworkView
          httproutes={[{ cluster: "member-1", obj: route }]}
          ingresses={[{ cluster: "member-2", obj: ingress }]}
          gateways={null}
          problems={[{ cluster: "member-3", status: 503, message: "connection refused" }]}
          truncated={[]}
          clusters={3}
        />,
        m,
      );
      expect(html).toContain('data-row-testid="httproute-row-member-1-shop-checkout"');
      expect(html).toContain('href="/c/member-1/ns/shop/httproutes/checkout"');
      expect(html).toContain('href="/c/member-2/ns/shop/ingresses/web"');
      expect(html).toContain("connection refused");
    }
    expect(render(<NetworkView httproutes={[]} ingresses={[]} gateways={[]} problems={[]} truncated={[]} clusters={1} />)).toContain("No gateways.");
    expect(render(<NetworkView httproutes={[]} ingresses={[]} gateways={null} problems={[]} truncated={[]} clusters={0} />)).toContain("You may not use any cluster yet.");
  });

  it("read each planned list on its own and show what arrived", () => {
    const plan = { lists: [{ cluster: "member-1", slug: "httproutes" }, { cluster: "member-2", slug: "ingresses", namespace: "shop" }], problems: [], gateways: false, clusters: 2 };
    const seed = (qc: QueryClient) => qc.setQueryData(listKey("member-1", "/apis/gateway.networking.k8s.io/v1/httproutes?limit=500"), { metadata: {}, items: [route] });
    const html = render(<Network plan={plan} />, EN, seed);
    expect(html).toContain('data-row-testid="httproute-row-member-1-shop-checkout"');
    expect(html).toContain("Reading 1 list…");
    expect(html).not.toContain("Shared gateways of the clusters");
  });
});

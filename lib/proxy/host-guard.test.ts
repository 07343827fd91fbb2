import { describe, expect, it } from "vitest";
import { excludingNamespace, hostGuard } from "./host-guard";
import { Query } from "./query";
import { requestAttributes } from "./request-info";

const ctx = { namespace: "pilothouse-system", platformAdmin: false };
const attrs = (method: string, path: string) => {
  const [p, q = ""] = path.split("?");
  return requestAttributes(method, p.split("/").filter(Boolean), Query.parse(q));
};

describe("hostGuard", () => {
  it.each([
    ["a Secret of the console", "GET", "/api/v1/namespaces/pilothouse-system/secrets/cluster-member-1"],
    ["the console's Secrets", "GET", "/api/v1/namespaces/pilothouse-system/secrets"],
    ["a watch of them", "GET", "/api/v1/watch/namespaces/pilothouse-system/secrets"],
    ["its namespace object", "PATCH", "/api/v1/namespaces/pilothouse-system"],
    ["deleting its namespace", "DELETE", "/api/v1/namespaces/pilothouse-system"],
    ["exec into its pods", "POST", "/api/v1/namespaces/pilothouse-system/pods/console-0/exec"],
    ["a pod in its namespace (mounting its Secrets)", "POST", "/api/v1/namespaces/pilothouse-system/pods"],
    ["a token of its service account", "POST", "/api/v1/namespaces/pilothouse-system/serviceaccounts/pilothouse/token"],
    ["its users", "GET", "/apis/pilothouse.dev/v1alpha1/namespaces/pilothouse-system/users"],
    ["its bindings in any namespace", "POST", "/apis/pilothouse.dev/v1alpha1/namespaces/other/rolebindings"],
    ["its resources across namespaces", "GET", "/apis/pilothouse.dev/v1alpha1/users"],
    ["its CRDs", "DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/users.pilothouse.dev"],
    ["all CRDs at once", "DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"],
    ["an API service", "POST", "/apis/apiregistration.k8s.io/v1/apiservices"],
    ["an admission webhook", "POST", "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations"],
    ["an admission policy", "PUT", "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies/x"],
    ["a node's kubelet", "GET", "/api/v1/nodes/node-1/proxy/run/pilothouse-system/console-0/console"],
  ])("refuses %s to everyone but platform admins", (_what, method, path) => {
    const a = attrs(method, path);
    expect(hostGuard(a, ctx).ok).toBe(false);
    expect(hostGuard(a, { ...ctx, platformAdmin: true })).toEqual({ ok: true });
  });

  it.each([
    ["a project's Secrets", "GET", "/api/v1/namespaces/shop/secrets"],
    ["other CRDs", "DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com"],
    ["reading admission webhooks", "GET", "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations"],
    ["a node", "GET", "/api/v1/nodes/node-1"],
    ["a namespace that only starts like it", "GET", "/api/v1/namespaces/pilothouse-system-2/secrets"],
  ])("allows %s (roles decide)", (_what, method, path) => {
    expect(hostGuard(attrs(method, path), ctx).ok).toBe(true);
  });

  it("leaves the console's namespace out of lists and watches across all namespaces", () => {
    expect(hostGuard(attrs("GET", "/api/v1/secrets"), ctx)).toEqual({ ok: true, excludeNamespace: "pilothouse-system" });
    expect(hostGuard(attrs("GET", "/api/v1/pods?watch=1"), ctx)).toEqual({ ok: true, excludeNamespace: "pilothouse-system" });
    expect(hostGuard(attrs("GET", "/api/v1/secrets"), { ...ctx, platformAdmin: true })).toEqual({ ok: true });
  });
});

describe("excludingNamespace", () => {
  it("adds to the client's selector", () => {
    expect(excludingNamespace(null, "ps")).toBe("metadata.namespace!=ps");
    expect(excludingNamespace("metadata.name=a", "ps")).toBe("metadata.name=a,metadata.namespace!=ps");
  });
  it("refuses a selector whose backslash could swallow the addition", () => {
    expect(excludingNamespace("metadata.name=a\\", "ps")).toBeUndefined();
  });
});

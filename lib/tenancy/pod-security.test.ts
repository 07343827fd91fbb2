import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/k8s/types";
import type { TenantResource } from "@/lib/store/types";
import { mergePatch, podSecurityLabels, podSecurityPatch, tenantPodSecurity } from "./pod-security";

const tenant = (name: string, clusters: string[], podSecurity?: TenantResource["spec"]["podSecurity"]): TenantResource => ({
  metadata: { name },
  spec: { clusters, ...(podSecurity ? { podSecurity } : {}) },
});
const tenants = new Map([
  ["acme", tenant("acme", ["member-1"])],
  ["globex", tenant("globex", ["member-1", "member-2"], "restricted")],
  ["loose", tenant("loose", ["member-1"], "privileged")],
]);
const lookup = (n: string) => tenants.get(n);
const ns = (name: string, labels: Record<string, string> = {}, extra: Partial<KubeObject["metadata"]> = {}): KubeObject => ({
  metadata: { name, resourceVersion: "42", labels, ...extra },
});

describe("pod security labels", () => {
  it("default to baseline, enforced and warned at the latest version", () => {
    expect(tenantPodSecurity(tenant("x", []))).toBe("baseline");
    expect(tenantPodSecurity(tenant("x", [], "restricted"))).toBe("restricted");
    expect(podSecurityLabels("baseline")).toEqual({
      "pod-security.kubernetes.io/enforce": "baseline",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "pod-security.kubernetes.io/warn": "baseline",
      "pod-security.kubernetes.io/warn-version": "latest",
    });
  });

  it("a new project gets all four at its tenant's level", () => {
    expect(podSecurityPatch("member-1", ns("p", { "pilothouse.dev/tenant": "acme" }), lookup)).toEqual(podSecurityLabels("baseline"));
    expect(podSecurityPatch("member-2", ns("p", { "pilothouse.dev/tenant": "globex" }), lookup)).toEqual(podSecurityLabels("restricted"));
    expect(podSecurityPatch("member-1", ns("p", { "pilothouse.dev/tenant": "loose" }), lookup)).toEqual(podSecurityLabels("privileged"));
  });

  it("patches only the labels that differ", () => {
    const labels = { "pilothouse.dev/tenant": "globex", ...podSecurityLabels("baseline") };
    expect(podSecurityPatch("member-1", ns("p", labels), lookup)).toEqual({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    const removed = { ...labels, ...podSecurityLabels("restricted") };
    delete (removed as Record<string, string>)["pod-security.kubernetes.io/enforce-version"];
    expect(podSecurityPatch("member-1", ns("p", removed), lookup)).toEqual({ "pod-security.kubernetes.io/enforce-version": "latest" });
  });

  it("leaves a project that is right alone", () => {
    expect(podSecurityPatch("member-1", ns("p", { "pilothouse.dev/tenant": "acme", ...podSecurityLabels("baseline"), other: "x" }), lookup)).toBeUndefined();
  });

  it("touches no namespace that is not a project", () => {
    // No tenant label, an unknown tenant, a cluster the tenant may not use.
    expect(podSecurityPatch("member-1", ns("free"), lookup)).toBeUndefined();
    expect(podSecurityPatch("member-1", ns("p", { "pilothouse.dev/tenant": "nobody" }), lookup)).toBeUndefined();
    expect(podSecurityPatch("member-2", ns("p", { "pilothouse.dev/tenant": "acme" }), lookup)).toBeUndefined();
    // Privileged labels on a namespace that stopped being a project stay as they are.
    expect(podSecurityPatch("member-1", ns("p", { ...podSecurityLabels("privileged") }), lookup)).toBeUndefined();
  });

  it("never patches a namespace being deleted", () => {
    expect(podSecurityPatch("member-1", ns("p", { "pilothouse.dev/tenant": "acme" }, { deletionTimestamp: "2026-01-01T00:00:00Z" }), lookup)).toBeUndefined();
  });

  it("the merge patch holds the labels and is conditional on the version judged", () => {
    expect(mergePatch(ns("p"), { a: "b" })).toEqual({ metadata: { resourceVersion: "42", labels: { a: "b" } } });
  });
});

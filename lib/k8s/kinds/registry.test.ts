import { describe, expect, it } from "vitest";
import { KINDS, KIND_SLUGS, detailHref, isKindSlug, kindByName, kindBySlug, kindOf, listHref, nsHref, safeDecode } from "./registry";

describe("kind registry", () => {
  it("maps URL slugs to API coordinates", () => {
    const d = kindBySlug("deployments")!;
    expect(d).toMatchObject({ kind: "Deployment", apiGroup: "apps", version: "v1", plural: "deployments", resource: "apps/deployments", scalable: true, columns: "deployments" });
    expect(d.listPath("shop")).toBe("/apis/apps/v1/namespaces/shop/deployments");
    expect(d.objectPath("shop", "web")).toBe("/apis/apps/v1/namespaces/shop/deployments/web");
    expect(kindBySlug("pods")!.resource).toBe("core/pods");
    expect(kindBySlug("persistentvolumeclaims")!.listPath()).toBe("/api/v1/persistentvolumeclaims");
    expect(kindBySlug("nodes")).toBeUndefined();
    expect(kindBySlug("constructor")).toBeUndefined();
    expect(isKindSlug("jobs")).toBe(true);
  });
  it("has an entry per slug", () => {
    for (const s of KIND_SLUGS) expect(KINDS[s].slug).toBe(s);
  });
  it("finds kinds by apiVersion and kind", () => {
    expect(kindOf("apps/v1", "StatefulSet")?.slug).toBe("statefulsets");
    expect(kindOf("v1", "Secret")?.slug).toBe("secrets");
    expect(kindOf("apps/v1beta1", "Deployment")).toBeUndefined();
    expect(kindOf(undefined, "Pod")).toBeUndefined();
    expect(kindByName("ReplicaSet")?.slug).toBe("replicasets");
  });
  it("builds console links", () => {
    expect(nsHref("member-1", "shop")).toBe("/c/member-1/ns/shop");
    expect(listHref("member-1", "shop", "pods")).toBe("/c/member-1/ns/shop/pods");
    expect(detailHref("member-1", "shop", "pods", "web-0")).toBe("/c/member-1/ns/shop/pods/web-0");
  });
  it("decodes URL segments safely", () => {
    expect(safeDecode("a%2Db")).toBe("a-b");
    expect(safeDecode("web")).toBe("web");
    expect(safeDecode("%E0%A4%A")).toBe("%E0%A4%A");
  });
});

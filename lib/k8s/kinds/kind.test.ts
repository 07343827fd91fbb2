import { describe, expect, it } from "vitest";
import { detailHref, kindInfo, listHref, nsHref, safeDecode } from "./kind";

describe("kind coordinates", () => {
  it("maps a kind to its API paths and permission resource", () => {
    const d = kindInfo({ slug: "deployments", kind: "Deployment", group: "apps", version: "v1", scalable: true });
    expect(d).toMatchObject({ kind: "Deployment", apiGroup: "apps", version: "v1", apiVersion: "apps/v1", plural: "deployments", resource: "apps/deployments", scalable: true, restartable: false });
    expect(d.listPath("shop")).toBe("/apis/apps/v1/namespaces/shop/deployments");
    expect(d.objectPath("shop", "web")).toBe("/apis/apps/v1/namespaces/shop/deployments/web");
    const pvc = kindInfo({ slug: "persistentvolumeclaims", kind: "PersistentVolumeClaim", group: "", version: "v1" });
    expect(pvc).toMatchObject({ apiVersion: "v1", resource: "core/persistentvolumeclaims" });
    expect(pvc.listPath()).toBe("/api/v1/persistentvolumeclaims");
  });
  it("builds console links", () => {
    expect(nsHref("member-1", "shop")).toBe("/c/member-1/ns/shop");
    expect(listHref("member-1", "shop", "pods")).toBe("/c/member-1/ns/shop/pods");
    expect(detailHref("member-1", "shop", "pods", "web-0")).toBe("/c/member-1/ns/shop/pods/web-0");
    expect(detailHref("member-1", "shop", "pods", "a/b")).toBe("/c/member-1/ns/shop/pods/a%2Fb");
  });
  it("decodes URL segments safely", () => {
    expect(safeDecode("a%2Db")).toBe("a-b");
    expect(safeDecode("web")).toBe("web");
    expect(safeDecode("%E0%A4%A")).toBe("%E0%A4%A");
  });
});

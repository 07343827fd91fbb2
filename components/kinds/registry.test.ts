import { describe, expect, it } from "vitest";
import en from "@/messages/en/workloads.json";
import zh from "@/messages/zh-CN/workloads.json";
import { KINDS, NAV_KINDS, kindByName, kindBySlug, kindOf } from "./registry";
import { serviceAccountAutomount, serviceAccountPullSecrets, serviceAccountSecrets } from "./serviceaccount";

type Tree = { [k: string]: string | Tree };

/** The message at a dotted key, if it is a text. */
function message(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" && node.trim() ? node : undefined;
}

describe("kind registry", () => {
  it("registers each kind once", () => {
    expect(new Set(KINDS.map((k) => k.slug)).size).toBe(KINDS.length);
    expect(new Set(KINDS.map((k) => k.rowId)).size).toBe(KINDS.length);
    expect(new Set(KINDS.map((k) => `${k.apiVersion} ${k.kind}`)).size).toBe(KINDS.length);
  });

  it.each(KINDS.map((k) => [k.slug, k] as const))("%s has a path, columns, a summary and a brief", (slug, k) => {
    const base = k.apiGroup ? `/apis/${k.apiGroup}/${k.version}` : `/api/${k.version}`;
    expect(k.listPath("shop")).toBe(`${base}/namespaces/shop/${slug}`);
    expect(k.objectPath("shop", "x")).toBe(`${base}/namespaces/shop/${slug}/x`);
    expect(k.resource).toBe(`${k.apiGroup || "core"}/${slug}`);
    expect(k.columns.length).toBeGreaterThan(0);
    expect(new Set(k.columns.map((c) => c.id)).size).toBe(k.columns.length);
    expect(k.summary.length).toBeGreaterThan(0);
    // The views get objects as lists hold them: no status, no spec.
    const bare = { metadata: { name: "x", namespace: "shop" } };
    expect(typeof k.brief(bare)).toBe("string");
    for (const c of k.columns) c.cell(bare, { cluster: "c", ns: "shop" });
    for (const f of k.summary) f.value(bare, { cluster: "c" });
    if (k.status) expect(k.status(bare)).not.toBe("");
  });

  it.each([
    ["en", en],
    ["zh-CN", zh],
  ] as const)("has every label of every kind in %s", (_, messages) => {
    const missing: string[] = [];
    for (const k of KINDS) {
      const keys = [
        `kinds.${k.slug}`,
        `kind.${k.kind}`,
        `tables.empty.${k.slug}`,
        ...k.columns.map((c) => `columns.${c.label}`),
        ...k.summary.map((f) => `detail.${f.label}`),
        ...(k.tabs ?? []).map((x) => `detail.tab.${x.key}`),
        ...(k.createForm ? [`create.${k.createForm.button}`, `create.${k.createForm.title}`] : []),
      ];
      missing.push(...keys.filter((key) => !message(messages as Tree, key)).map((key) => `${k.slug}: ${key}`));
    }
    expect(missing).toEqual([]);
  });

  it("finds kinds by URL slug, apiVersion and kind, and owner kind", () => {
    expect(kindBySlug("deployments")).toMatchObject({ kind: "Deployment", apiVersion: "apps/v1", scalable: true, restartable: true });
    expect(kindBySlug("nodes")).toBeUndefined();
    expect(kindBySlug("constructor")).toBeUndefined();
    expect(kindOf("apps/v1", "StatefulSet")?.slug).toBe("statefulsets");
    expect(kindOf("v1", "Secret")?.slug).toBe("secrets");
    expect(kindOf("v1", "ServiceAccount")?.slug).toBe("serviceaccounts");
    expect(kindOf("apps/v1beta1", "Deployment")).toBeUndefined();
    expect(kindOf(undefined, "Pod")).toBeUndefined();
    expect(kindByName("ReplicaSet")?.slug).toBe("replicasets");
  });

  it("leaves ReplicaSets out of the namespace tabs", () => {
    expect(NAV_KINDS.map((k) => k.slug)).not.toContain("replicasets");
    expect(NAV_KINDS.map((k) => k.slug)).toContain("serviceaccounts");
  });
});

describe("service accounts", () => {
  it("read pull secrets, token secrets and whether the token is mounted", () => {
    const sa = { metadata: { name: "builder" }, imagePullSecrets: [{ name: "registry" }, {}], secrets: [{ name: "builder-token" }], automountServiceAccountToken: false };
    expect(serviceAccountPullSecrets(sa)).toEqual(["registry"]);
    expect(serviceAccountSecrets(sa)).toEqual(["builder-token"]);
    expect(serviceAccountAutomount(sa)).toBe(false);
    expect(serviceAccountAutomount({ metadata: {} })).toBe(true);
    expect(serviceAccountPullSecrets({ metadata: {} })).toEqual([]);
  });
});

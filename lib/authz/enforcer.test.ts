import { beforeAll, describe, expect, it } from "vitest";
import type { RoleBindingResource, RoleResource } from "@/lib/store/types";
import { Authorizer } from "./enforcer";
import { placeDomain } from "./scope";

// The real model and built-in roles from policies/, with fixture bindings.

let a: Authorizer;

function binding(name: string, subject: string, role: string, scope: RoleBindingResource["spec"]["scope"], kind: "User" | "Group" = "User"): RoleBindingResource {
  return { metadata: { name }, spec: { subject: { kind, name: subject }, role, scope } };
}

const at = (tenant: string | undefined, cluster: string | undefined, namespace?: string) => placeDomain({ tenant, cluster, namespace });

beforeAll(async () => {
  a = await Authorizer.create();
  await a.setBindings([
    binding("b1", "pat", "platform-admin", { type: "platform" }),
    binding("b2", "cara", "cluster-admin", { type: "cluster", cluster: "m1" }),
    binding("b3", "tom", "tenant-admin", { type: "tenant", tenant: "acme" }),
    binding("b4", "dev", "project-developer", { type: "project", cluster: "m1", namespace: "shop" }),
    binding("b5", "viewers", "project-viewer", { type: "project", cluster: "m2", namespace: "web" }, "Group"),
    binding("b6", "vic", "cluster-viewer", { type: "cluster", cluster: "m2" }),
  ]);
  a.setUserGroups("gina", ["viewers"]);
});

describe("built-in roles at their scopes", () => {
  it("platform-admin may do everything everywhere, including the API servers' own endpoints", () => {
    expect(a.decide("user:pat", at("acme", "m1", "shop"), "core/secrets", "delete")).toBe(true);
    expect(a.decide("user:pat", at(undefined, "m9"), "core/nodes", "patch")).toBe(true);
    expect(a.decide("user:pat", at(undefined, "m9"), "nonresource:/metrics", "get")).toBe(true);
    expect(a.decide("user:pat", at(undefined, undefined), "console/clusters", "create")).toBe(true);
  });

  it("cluster-admin holds on its cluster only, and not on /metrics", () => {
    expect(a.decide("user:cara", at("acme", "m1", "shop"), "apps/deployments", "create")).toBe(true);
    expect(a.decide("user:cara", at(undefined, "m1"), "core/nodes", "delete")).toBe(true);
    expect(a.decide("user:cara", at("acme", "m2", "shop"), "apps/deployments", "get")).toBe(false);
    expect(a.decide("user:cara", at(undefined, "m1"), "nonresource:/metrics", "get")).toBe(false);
    expect(a.decide("user:cara", at(undefined, undefined), "console/clusters", "create")).toBe(false);
  });

  it("tenant-admin covers the tenant's projects on every cluster, not cluster-scoped objects or other tenants", () => {
    expect(a.decide("user:tom", at("acme", "m1", "shop"), "core/secrets", "get")).toBe(true);
    expect(a.decide("user:tom", at("acme", "m2", "pay"), "apps/deployments/scale", "patch")).toBe(true);
    expect(a.decide("user:tom", at("acme", "m2", "pay"), "core/resourcequotas", "update")).toBe(true);
    expect(a.decide("user:tom", at(undefined, "m1"), "core/nodes", "get")).toBe(false);
    expect(a.decide("user:tom", at("globex", "m1", "web"), "core/pods", "get")).toBe(false);
    expect(a.decide("user:tom", at(undefined, "m1", "legacy"), "core/pods", "get")).toBe(false);
    expect(a.decide("user:tom", at("acme", undefined), "console/members", "create")).toBe(true);
    expect(a.decide("user:tom", at("globex", undefined), "console/members", "create")).toBe(false);
  });

  it("project-developer works in one namespace of one cluster; budgets and the namespace are read-only", () => {
    expect(a.decide("user:dev", at("acme", "m1", "shop"), "apps/deployments/scale", "patch")).toBe(true);
    expect(a.decide("user:dev", at("acme", "m1", "shop"), "core/pods/exec", "create")).toBe(true);
    expect(a.decide("user:dev", at("acme", "m1", "shop"), "core/resourcequotas", "update")).toBe(false);
    expect(a.decide("user:dev", at("acme", "m1", "shop"), "core/resourcequotas", "get")).toBe(true);
    expect(a.decide("user:dev", at("acme", "m1", "shop"), "core/namespaces", "delete")).toBe(false);
    expect(a.decide("user:dev", at("acme", "m1", "shop"), "rbac.authorization.k8s.io/rolebindings", "create")).toBe(false);
    expect(a.decide("user:dev", at("acme", "m2", "shop"), "core/pods", "get")).toBe(false);
    expect(a.decide("user:dev", at(undefined, "m1"), "core/pods", "list")).toBe(false);
  });

  it("group bindings apply to the group's members", () => {
    expect(a.decide("user:gina", at("globex", "m2", "web"), "core/pods/log", "get")).toBe(true);
    expect(a.decide("user:gina", at("globex", "m2", "web"), "core/secrets", "get")).toBe(false);
    expect(a.decide("user:gina", at("globex", "m2", "web"), "core/pods/exec", "create")).toBe(false);
    a.setUserGroups("gina", []);
    expect(a.decide("user:gina", at("globex", "m2", "web"), "core/pods/log", "get")).toBe(false);
    a.setUserGroups("gina", ["viewers"]);
  });

  it("viewers never read secrets", () => {
    expect(a.decide("user:vic", at(undefined, "m2"), "core/nodes", "list")).toBe(true);
    expect(a.decide("user:vic", at("globex", "m2", "web"), "core/secrets", "get")).toBe(false);
    expect(a.decide("user:vic", at("globex", "m2", "web"), "apps/deployments", "update")).toBe(false);
  });
});

describe("custom roles and deny", () => {
  it("a deny rule overrides what any other role allows", async () => {
    const role: RoleResource = {
      metadata: { name: "acme-auditor" },
      spec: {
        scope: "tenant",
        tenant: "acme",
        rules: [
          { resources: ["@readable", "core/secrets"], verbs: ["get", "list", "watch"] },
          { resources: ["core/secrets"], verbs: ["*"], effect: "deny" },
        ],
      },
    };
    await a.setCustomRoles([role]);
    await a.applyBinding("ADDED", binding("b7", "aud", "acme-auditor", { type: "tenant", tenant: "acme" }));
    await a.applyBinding("ADDED", binding("b8", "aud", "project-admin", { type: "project", cluster: "m1", namespace: "shop" }));
    expect(a.decide("user:aud", at("acme", "m1", "shop"), "apps/deployments", "get")).toBe(true);
    expect(a.decide("user:aud", at("acme", "m1", "shop"), "apps/deployments", "delete")).toBe(true); // project-admin
    expect(a.decide("user:aud", at("acme", "m1", "shop"), "core/secrets", "get")).toBe(false); // denied by the custom role
    // Editing the role takes effect at once; removing it drops its rows.
    await a.setCustomRoles([{ ...role, spec: { ...role.spec, rules: [role.spec.rules[0]] } }]);
    expect(a.decide("user:aud", at("acme", "m1", "shop"), "core/secrets", "get")).toBe(true);
    await a.setCustomRoles([]);
    expect(a.decide("user:aud", at("acme", "m2", "pay"), "apps/deployments", "get")).toBe(false);
  });

  it("removing one of two bindings that grant the same link keeps the link", async () => {
    await a.applyBinding("ADDED", binding("x1", "sam", "project-viewer", { type: "project", cluster: "m1", namespace: "shop" }));
    await a.applyBinding("ADDED", binding("x2", "sam", "project-viewer", { type: "project", cluster: "m1", namespace: "shop" }));
    await a.applyBinding("DELETED", binding("x1", "sam", "project-viewer", { type: "project", cluster: "m1", namespace: "shop" }));
    expect(a.decide("user:sam", at("acme", "m1", "shop"), "core/pods", "get")).toBe(true);
    await a.applyBinding("DELETED", binding("x2", "sam", "project-viewer", { type: "project", cluster: "m1", namespace: "shop" }));
    expect(a.decide("user:sam", at("acme", "m1", "shop"), "core/pods", "get")).toBe(false);
  });

  it("built-in role names cannot be redefined", async () => {
    await a.setCustomRoles([{ metadata: { name: "project-viewer" }, spec: { scope: "project", rules: [{ resources: ["*"], verbs: ["*"] }] } }]);
    expect(a.role("project-viewer")?.builtin).toBe(true);
    expect(a.decide("user:gina", at("globex", "m2", "web"), "core/secrets", "delete")).toBe(false);
    await a.setCustomRoles([]);
  });
});

describe("decisions by the roles held (memo) agree with Casbin evaluating every row", () => {
  it("for random users, places, objects and verbs, across binding and role changes", async () => {
    const b = await Authorizer.create();
    let seed = 11;
    // The high bits: a linear congruential generator's low bits repeat quickly.
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const pick = <T,>(xs: T[]) => xs[rand(xs.length)];
    const roles = ["tenant-admin", "tenant-member", "tenant-viewer", "project-admin", "project-developer", "project-viewer", "cluster-admin", "cluster-viewer", "auditor"];
    const clusters = ["m1", "m2"];
    const tenants = ["t0", "t1", "t2"];
    const bindingsNow: RoleBindingResource[] = [];
    const randomBinding = (i: number): RoleBindingResource => {
      const role = pick(roles);
      const tenant = pick(tenants);
      const scope: RoleBindingResource["spec"]["scope"] = role.startsWith("project")
        ? { type: "project", cluster: pick(clusters), namespace: `${tenant}-p${rand(2)}` }
        : role.startsWith("cluster")
          ? { type: "cluster", cluster: pick(clusters) }
          : { type: "tenant", tenant };
      return binding(`r${i}`, rand(5) === 0 ? `g${rand(3)}` : `u${rand(12)}`, role, scope, rand(5) === 0 ? "Group" : "User");
    };
    for (let i = 0; i < 60; i++) bindingsNow.push(randomBinding(i));
    const auditor = (deny: boolean): RoleResource => ({
      metadata: { name: "auditor" },
      spec: {
        scope: "tenant",
        rules: [{ resources: ["@readable", "core/secrets"], verbs: ["get", "list"] }, ...(deny ? [{ resources: ["core/secrets"], verbs: ["*"], effect: "deny" as const }] : [])],
      },
    });
    await b.setCustomRoles([auditor(true)]);
    await b.setBindings(bindingsNow);
    for (let u = 0; u < 12; u += 3) b.setUserGroups(`u${u}`, [`g${u % 3}`]);
    const objects = ["core/pods", "core/pods/log", "core/secrets", "apps/deployments", "apps/deployments/scale", "core/namespaces", "core/resourcequotas", "core/nodes"];
    const verbs = ["get", "list", "watch", "create", "patch", "delete"];
    const check = () => {
      let allowed = 0;
      for (let i = 0; i < 3000; i++) {
        const tenant = pick(tenants);
        const dom = rand(6) === 0 ? at(undefined, pick(clusters)) : at(tenant, pick(clusters), `${tenant}-p${rand(2)}`);
        const args = [`user:u${rand(12)}`, dom, pick(objects), pick(verbs)] as const;
        const want = b.enforceEveryRow(...args);
        expect(b.decideUncached(...args), args.join(" ")).toBe(want);
        expect(b.decide(...args), args.join(" ")).toBe(want);
        if (want) allowed++;
      }
      // Both answers occur, or the comparison says little.
      expect(allowed).toBeGreaterThan(100);
      expect(allowed).toBeLessThan(2900);
    };
    check();
    // Bindings come and go (the memo by roles stays), a role changes (it goes).
    for (let i = 0; i < 20; i++) await b.applyBinding("DELETED", bindingsNow[i]);
    for (let i = 60; i < 90; i++) await b.applyBinding("ADDED", randomBinding(i));
    check();
    await b.setCustomRoles([auditor(false)]);
    check();
    b.setUserGroups("u0", []);
    check();
  });
});

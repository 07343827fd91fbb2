import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, adminToken, registerFleetCluster, startConsole } from "../../test/support/console";
import { eventually, kubectl, uniqueName } from "../../test/support/fleet";

// Tenants, members and roles through the JSON API of two console processes
// sharing one host cluster.

let a: ConsoleProcess;
let b: ConsoleProcess;
let admin: string;
const namespace = uniqueName("ph-tenancy");
const run = randomBytes(2).toString("hex");
const tenant = `acme-${run}`;
const other = `globex-${run}`;
const project = `${tenant}-shop`;
const otherProject = `${other}-web`;
const tokens = new Map<string, string>();

async function call(c: ConsoleProcess, token: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${c.url}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A user with a token, made directly in the host cluster (the API makes users; tokens come from sign-in). */
async function user(name: string) {
  const r = await call(a, admin, "POST", "/api/users", { username: name, password: "tenancy-password-1" });
  expect(r.status).toBe(201);
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  await kubectl("host", ["apply", "-f", "-"], {
    input: JSON.stringify({
      apiVersion: "pilothouse.dev/v1alpha1",
      kind: "AccessToken",
      metadata: { name: id, namespace },
      spec: { user: name, displayName: "t", hash: createHash("sha256").update(secret).digest("hex") },
    }),
  });
  tokens.set(name, `ph_${id}_${secret}`);
  await eventually(async () => (await call(a, tokens.get(name)!, "GET", "/api/session")).status === 200, { what: `${name}'s token` });
  return tokens.get(name)!;
}

beforeAll(async () => {
  [a, b] = await Promise.all([startConsole({ namespace }), startConsole({ namespace })]);
  admin = await adminToken(a);
  await registerFleetCluster(a, admin, "member-1");
  for (const [ns, t] of [[project, tenant], [otherProject, other]]) {
    await kubectl("member-1", ["apply", "-f", "-"], {
      input: [
        JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": t } } }),
        JSON.stringify({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "web", namespace: ns },
          spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
        }),
      ].join("\n---\n"),
    });
  }
  await user(`tina-${run}`); // tenant manager
  await user(`dave-${run}`); // developer
  await user(`ola-${run}`); // outsider
}, 240_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await kubectl("member-1", ["delete", "namespace", project, otherProject, "--wait=false"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("tenants", () => {
  it("validates input field by field and saves nothing on error", async () => {
    const bad = await call(a, admin, "POST", "/api/tenants", { name: "Acme!", clusters: ["nope"] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toContain("name");
    const unknownCluster = await call(a, admin, "POST", "/api/tenants", { name: tenant, clusters: ["nope"] });
    expect(unknownCluster.status).toBe(422);
    expect(unknownCluster.body.error.fields.clusters).toMatch(/Unknown cluster\(s\): nope/);
    const unknownManager = await call(a, admin, "POST", "/api/tenants", { name: tenant, clusters: ["member-1"], managers: ["nobody-at-all"] });
    expect(unknownManager.status).toBe(422);
    expect((await call(a, admin, "GET", `/api/tenants/${tenant}`)).status).toBe(404);
  });

  it("creates tenants with their managers; a manager sees only their tenant", async () => {
    const t = await call(a, admin, "POST", "/api/tenants", { name: tenant, displayName: "ACME", clusters: ["member-1"], managers: [`tina-${run}`] });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({ name: tenant, displayName: "ACME", clusters: ["member-1"], managers: [`tina-${run}`] });
    expect((await call(a, admin, "POST", "/api/tenants", { name: other, clusters: ["member-1"] })).status).toBe(201);
    expect((await call(a, admin, "POST", "/api/tenants", { name: other, clusters: ["member-1"] })).status).toBe(409);
    const seen = await eventually(async () => {
      const r = await call(b, tokens.get(`tina-${run}`)!, "GET", "/api/tenants");
      return r.body.items.length ? r.body.items : undefined;
    }, { what: "the manager's tenant on B" });
    expect(seen.map((x: { name: string }) => x.name)).toEqual([tenant]);
    expect((await call(a, tokens.get(`tina-${run}`)!, "GET", `/api/tenants/${other}`)).status).toBe(404);
    expect((await call(a, tokens.get(`tina-${run}`)!, "POST", "/api/tenants", { name: `x-${run}` })).status).toBe(403);
    const projects = await call(a, tokens.get(`tina-${run}`)!, "GET", "/api/projects");
    expect(projects.body.items.map((p: { name: string }) => p.name)).toEqual([project]);
  });
});

describe("members", () => {
  let binding: string;

  it("refuses bindings that do not fit: wrong scope, someone else's tenant, a platform role", async () => {
    const tina = tokens.get(`tina-${run}`)!;
    const wrongScope = await call(a, tina, "POST", "/api/rolebindings", {
      subject: { kind: "User", name: `dave-${run}` },
      role: "project-developer",
      scope: { type: "tenant", tenant },
    });
    expect(wrongScope.status).toBe(422);
    expect(wrongScope.body.error.fields.role).toMatch(/project scope/);
    const elsewhere = await call(a, tina, "POST", "/api/rolebindings", {
      subject: { kind: "User", name: `dave-${run}` },
      role: "project-developer",
      scope: { type: "project", cluster: "member-1", namespace: otherProject },
    });
    expect(elsewhere.status).toBe(403);
    const platform = await call(a, tina, "POST", "/api/rolebindings", {
      subject: { kind: "User", name: `tina-${run}` },
      role: "platform-admin",
      scope: { type: "platform" },
    });
    expect(platform.status).toBe(403);
    const nobody = await call(a, tina, "POST", "/api/rolebindings", {
      subject: { kind: "User", name: "no-such-user" },
      role: "project-developer",
      scope: { type: "project", cluster: "member-1", namespace: project },
    });
    expect(nobody.status).toBe(422);
    expect(nobody.body.error.fields["subject.name"]).toMatch(/no user/);
  });

  it("a manager makes a developer; the grant reaches the other process within a second", async () => {
    const dave = tokens.get(`dave-${run}`)!;
    const scalePath = `/clusters/member-1/apis/apps/v1/namespaces/${project}/deployments/web/scale`;
    const patchScale = (c: ConsoleProcess, ns: string, replicas: number) =>
      fetch(`${c.url}/clusters/member-1/apis/apps/v1/namespaces/${ns}/deployments/web/scale`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${dave}`, "content-type": "application/merge-patch+json" },
        body: JSON.stringify({ spec: { replicas } }),
      });
    expect((await patchScale(b, project, 2)).status).toBe(403);
    const r = await call(a, tokens.get(`tina-${run}`)!, "POST", "/api/rolebindings", {
      subject: { kind: "User", name: `dave-${run}` },
      role: "project-developer",
      scope: { type: "project", cluster: "member-1", namespace: project },
    });
    expect(r.status).toBe(201);
    binding = r.body.name;
    const t0 = Date.now();
    await eventually(async () => (await patchScale(b, project, 2)).status === 200, { timeoutMs: 3_000, intervalMs: 20, what: "grant on B" });
    expect(Date.now() - t0).toBeLessThan(1_000);
    const scale = await (await fetch(`${b.url}${scalePath}`, { headers: { authorization: `Bearer ${dave}` } })).json();
    expect(scale.spec.replicas).toBe(2);
    // Elsewhere: a clear Forbidden naming the verb and resource.
    const denied = await patchScale(b, otherProject, 2);
    expect(denied.status).toBe(403);
    expect((await denied.json()).message).toMatch(new RegExp(`cannot patch resource "deployments/scale" in API group "apps" in the namespace "${otherProject}"`));
    // kubectl auth can-i through the console asks the console, not the cluster's credentials.
    const ssar = async (ns: string) =>
      (
        await (
          await fetch(`${a.url}/clusters/member-1/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, {
            method: "POST",
            headers: { authorization: `Bearer ${dave}`, "content-type": "application/json" },
            body: JSON.stringify({
              apiVersion: "authorization.k8s.io/v1",
              kind: "SelfSubjectAccessReview",
              spec: { resourceAttributes: { namespace: ns, verb: "patch", group: "apps", resource: "deployments", subresource: "scale" } },
            }),
          })
        ).json()
      ).status.allowed;
    expect(await ssar(project)).toBe(true);
    expect(await ssar(otherProject)).toBe(false);
    // The same through upstream kubectl (which sends protobuf) with dave's kubeconfig.
    const kc = await (await fetch(`${a.url}/api/kubeconfig`, { headers: { authorization: `Bearer ${dave}` } })).text();
    const kcPath = path.join(mkdtempSync(path.join(os.tmpdir(), "ph-dave-")), "kubeconfig");
    writeFileSync(kcPath, kc);
    const canI = (ns: string) =>
      kubectl("member-1", ["auth", "can-i", "patch", "deployments.apps/scale", "-n", ns], { kubeconfig: kcPath })
        .then((r) => r.stdout.trim())
        .catch((e: { stdout: string }) => e.stdout.trim());
    expect(await canI(project)).toBe("yes");
    expect(await canI(otherProject)).toBe("no");
    const who = (await kubectl("member-1", ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"], { kubeconfig: kcPath })).stdout;
    expect(who).toBe(`dave-${run}`);
    // What may dave do? The same enforcer answers.
    const can = await call(a, dave, "POST", "/api/can-i", {
      checks: [
        { verb: "patch", resource: "apps/deployments/scale", cluster: "member-1", namespace: project },
        { verb: "update", resource: "core/resourcequotas", cluster: "member-1", namespace: project },
        { verb: "get", resource: "core/pods", cluster: "member-1", namespace: otherProject },
      ],
    });
    expect(can.body.results).toEqual([{ allowed: true }, { allowed: false }, { allowed: false }]);
    const whoCan = await call(a, tokens.get(`tina-${run}`)!, "GET", `/api/who-can?verb=patch&resource=apps/deployments/scale&cluster=member-1&namespace=${project}`);
    expect(whoCan.body.users.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining([`dave-${run}`, `tina-${run}`]));
    expect(whoCan.body.users.map((u: { name: string }) => u.name)).not.toContain(`ola-${run}`);
    const perms = await call(a, tokens.get(`tina-${run}`)!, "GET", `/api/permissions?user=dave-${run}`);
    expect(perms.body.bindings.map((x: { role: { name: string } }) => x.role.name)).toEqual(["project-developer"]);
    expect((await call(a, tokens.get(`ola-${run}`)!, "GET", `/api/permissions?user=dave-${run}`)).status).toBe(404);
  });

  it("removing the binding revokes access on every process within a second", async () => {
    const del = await call(a, tokens.get(`tina-${run}`)!, "DELETE", `/api/rolebindings/${binding}`);
    expect(del.status).toBe(204);
    const t0 = Date.now();
    await eventually(
      async () =>
        (await fetch(`${b.url}/clusters/member-1/apis/apps/v1/namespaces/${project}/deployments/web`, { headers: { authorization: `Bearer ${tokens.get(`dave-${run}`)}` } }))
          .status === 403,
      { timeoutMs: 3_000, intervalMs: 20, what: "revocation on B" },
    );
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it("groups: a binding to a group applies to its members", async () => {
    await call(a, admin, "PATCH", `/api/users/ola-${run}`, { groups: [`auditors-${run}`] });
    const r = await call(a, tokens.get(`tina-${run}`)!, "POST", "/api/rolebindings", {
      subject: { kind: "Group", name: `auditors-${run}` },
      role: "tenant-viewer",
      scope: { type: "tenant", tenant },
    });
    expect(r.status).toBe(201);
    await eventually(
      async () =>
        (await fetch(`${b.url}/clusters/member-1/apis/apps/v1/namespaces/${project}/deployments/web`, { headers: { authorization: `Bearer ${tokens.get(`ola-${run}`)}` } })).status === 200,
      { timeoutMs: 3_000, what: "group grant" },
    );
    const secrets = await fetch(`${b.url}/clusters/member-1/api/v1/namespaces/${project}/secrets`, { headers: { authorization: `Bearer ${tokens.get(`ola-${run}`)}` } });
    expect(secrets.status).toBe(403);
  });
});

describe("custom roles", () => {
  it("are built from the vocabulary, bound only in their tenant, and deny what they deny", async () => {
    const tina = tokens.get(`tina-${run}`)!;
    const bad = await call(a, tina, "POST", "/api/roles", { name: `r-${run}`, scope: "project", tenant, rules: [{ resources: ["not a resource"], verbs: ["fly"] }] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["rules.0.resources.0", "rules.0.verbs.0"]);
    const role = await call(a, tina, "POST", "/api/roles", {
      name: `scaler-${run}`,
      scope: "project",
      tenant,
      rules: [
        { resources: ["apps/deployments", "apps/deployments/scale"], verbs: ["get", "list", "patch"] },
        { resources: ["apps/deployments"], verbs: ["patch"], effect: "deny" },
      ],
    });
    expect(role.status).toBe(201);
    expect((await call(a, tina, "POST", "/api/roles", { name: `x-${run}`, scope: "project", tenant: other, rules: [{ resources: ["core/pods"], verbs: ["get"] }] })).status).toBe(404);
    const bind = await call(a, tina, "POST", "/api/rolebindings", {
      subject: { kind: "User", name: `dave-${run}` },
      role: `scaler-${run}`,
      scope: { type: "project", cluster: "member-1", namespace: project },
    });
    expect(bind.status).toBe(201);
    const dave = tokens.get(`dave-${run}`)!;
    const base = `${a.url}/clusters/member-1/apis/apps/v1/namespaces/${project}/deployments/web`;
    const patch = (p: string) => fetch(p, { method: "PATCH", headers: { authorization: `Bearer ${dave}`, "content-type": "application/merge-patch+json" }, body: "{}" });
    await eventually(async () => (await patch(`${base}/scale?dryRun=All`)).status === 200, { timeoutMs: 3_000, what: "custom grant" });
    expect((await patch(`${base}?dryRun=All`)).status).toBe(403);
    const inUse = await call(a, tina, "DELETE", `/api/roles/scaler-${run}`);
    expect(inUse.status).toBe(409);
  });

  it("a tenant with projects cannot be deleted", async () => {
    const r = await call(a, admin, "DELETE", `/api/tenants/${tenant}`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(new RegExp(`${project} on member-1`));
  });
});

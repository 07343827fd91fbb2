import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, adminToken, bearerCall, registerFleetCluster, startConsole } from "../../test/support/console";
import { eventually, kubectl, uniqueName } from "../../test/support/fleet";

// Projects on several clusters, the per-member project limit, the tenant
// budget (in the API and on quota writes through the proxy), against the fleet.

let con: ConsoleProcess;
let admin: string;
let maya: string;
const namespace = uniqueName("ph-projects");
const run = randomBytes(2).toString("hex");
const tenant = `pj-${run}`;
const p1 = `${tenant}-one`;
const p2 = `${tenant}-two`;
const created: [string, string][] = [];

const call = (token: string, method: string, p: string, body?: unknown) => bearerCall(con.url, token, method, p, body);

beforeAll(async () => {
  con = await startConsole({ namespace });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, "member-1");
  await registerFleetCluster(con, admin, "member-2");
  expect((await call(admin, "POST", "/api/users", { username: `maya-${run}`, password: "projects-password-1" })).status).toBe(201);
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  await kubectl("host", ["apply", "-f", "-"], {
    input: JSON.stringify({
      apiVersion: "pilothouse.dev/v1alpha1",
      kind: "AccessToken",
      metadata: { name: id, namespace },
      spec: { user: `maya-${run}`, displayName: "t", hash: createHash("sha256").update(secret).digest("hex") },
    }),
  });
  maya = `ph_${id}_${secret}`;
  expect((await call(admin, "POST", "/api/tenants", { name: tenant, clusters: ["member-1", "member-2"] })).status).toBe(201);
  const settings = await call(admin, "PATCH", `/api/tenants/${tenant}`, {
    projectLimitPerMember: 2,
    defaults: {
      quota: { "requests.cpu": "500m", "requests.memory": "1Gi", pods: "10" },
      limits: { default: { cpu: "200m", memory: "256Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" } },
    },
    budget: { "member-1": { "requests.cpu": "2", "requests.memory": "4Gi" } },
  });
  expect(settings.status).toBe(200);
  expect(settings.body).toMatchObject({ projectLimitPerMember: 2, budget: { "member-1": { "requests.cpu": "2" } } });
  expect(
    (await call(admin, "POST", "/api/rolebindings", { subject: { kind: "User", name: `maya-${run}` }, role: "tenant-member", scope: { type: "tenant", tenant } })).status,
  ).toBe(201);
  await eventually(async () => (await call(maya, "GET", "/api/session")).status === 200, { what: "maya's token" });
  await eventually(async () => (await call(maya, "GET", "/api/tenants")).body.items.length === 1, { what: "maya's membership" });
}, 240_000);

afterAll(async () => {
  await con?.stop();
  for (const [c, ns] of created) await kubectl(c, ["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("projects", () => {
  it("validates quantities field by field before creating anything", async () => {
    const r = await call(maya, "POST", "/api/projects", { tenant, clusters: ["member-1"], name: p1, quota: { "requests.memory": "2GB", "requests.cpu": "1" } });
    expect(r.status).toBe(422);
    expect(r.body.error.fields["quota.requests.memory"]).toMatch(/2G or 2Gi/);
    const bad = await call(maya, "POST", "/api/projects", { tenant, clusters: ["member-1"], name: "Not_OK" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.name).toMatch(/lowercase/);
    const outside = await call(maya, "POST", "/api/projects", { tenant, clusters: ["host"], name: p1 });
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields.clusters).toMatch(/may not use host/);
    await expect(kubectl("member-1", ["get", "namespace", p1])).rejects.toThrow(/not found/);
  });

  it("creates a project on member-1 and member-2: namespaces with labels and annotations, quota, limits, requester as admin", async () => {
    const r = await call(maya, "POST", "/api/projects", {
      tenant,
      clusters: ["member-1", "member-2"],
      name: p1,
      displayName: "Project One",
      description: "integration",
      nodeSelector: { "node-role.kubernetes.io/worker": "" },
    });
    expect(r.status).toBe(201);
    expect(r.body.results).toEqual([
      { cluster: "member-1", ok: true },
      { cluster: "member-2", ok: true },
    ]);
    created.push(["member-1", p1], ["member-2", p1]);
    for (const c of ["member-1", "member-2"]) {
      const ns = JSON.parse((await kubectl(c, ["get", "namespace", p1, "-o", "json"])).stdout);
      expect(ns.metadata.labels["pilothouse.dev/tenant"]).toBe(tenant);
      expect(ns.metadata.annotations).toMatchObject({
        "pilothouse.dev/display-name": "Project One",
        "pilothouse.dev/description": "integration",
        "pilothouse.dev/requester": `maya-${run}`,
        "scheduler.alpha.kubernetes.io/node-selector": "node-role.kubernetes.io/worker=",
      });
      const q = JSON.parse((await kubectl(c, ["get", "resourcequota", "compute", "-n", p1, "-o", "json"])).stdout);
      expect(q.spec.hard).toEqual({ "requests.cpu": "500m", "requests.memory": "1Gi", pods: "10" });
      const lr = JSON.parse((await kubectl(c, ["get", "limitrange", "defaults", "-n", p1, "-o", "json"])).stdout);
      expect(lr.spec.limits[0]).toMatchObject({ type: "Container", default: { cpu: "200m", memory: "256Mi" } });
    }
    // The requester administers it: pods may be created, and get the node selector and default limits.
    const pod = await fetch(`${con.url}/clusters/member-1/api/v1/namespaces/${p1}/pods`, {
      method: "POST",
      headers: { authorization: `Bearer ${maya}`, "content-type": "application/json" },
      body: JSON.stringify({ metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "busybox" }] } }),
    });
    expect(pod.status).toBe(201);
    const podDoc = await pod.json();
    expect(podDoc.spec.nodeSelector).toEqual({ "node-role.kubernetes.io/worker": "" });
    expect(podDoc.spec.containers[0].resources.limits).toEqual({ cpu: "200m", memory: "256Mi" });
    const list = await call(maya, "GET", "/api/projects");
    const mine = list.body.items.find((x: { name: string }) => x.name === p1);
    expect(mine.clusters.map((c: { cluster: string }) => c.cluster)).toEqual(["member-1", "member-2"]);
    expect(mine.displayName).toBe("Project One");
    await eventually(async () => (await call(maya, "GET", "/api/projects")).body.items.find((x: { name: string }) => x.name === p1)?.clusters[0].quota?.used?.pods === "1", {
      timeoutMs: 15_000,
      what: "quota usage in the project list",
    });
  });

  it("refuses a project quota past the tenant's remaining budget, with the numbers", async () => {
    const r = await call(admin, "POST", "/api/projects", { tenant, clusters: ["member-1"], name: `${tenant}-big`, quota: { "requests.cpu": "1600m", "requests.memory": "1Gi" } });
    expect(r.status).toBe(422);
    expect(r.body.error.fields["quota.requests.cpu"]).toBe(
      "requests.cpu 1600m exceeds the tenant's budget on member-1: 500m of 2 is allocated to other projects, 1500m is left.",
    );
    const noCpu = await call(admin, "POST", "/api/projects", { tenant, clusters: ["member-1"], name: `${tenant}-big`, quota: { pods: "5" } });
    expect(noCpu.status).toBe(422);
    expect(noCpu.body.error.fields["quota.requests.cpu"]).toMatch(/must set it/);
    await expect(kubectl("member-1", ["get", "namespace", `${tenant}-big`])).rejects.toThrow(/not found/);
  });

  it("enforces the per-member project limit", async () => {
    const second = await call(maya, "POST", "/api/projects", { tenant, clusters: ["member-1"], name: p2 });
    expect(second.status).toBe(201);
    created.push(["member-1", p2]);
    const third = await call(maya, "POST", "/api/projects", { tenant, clusters: ["member-2"], name: `${tenant}-three` });
    expect(third.status).toBe(403);
    expect(third.body.error.message).toMatch(new RegExp(`You have created 2 project\\(s\\) in tenant ${tenant} \\(${p1}, ${p2}\\); its limit is 2 per member`));
  });

  it("checks quota writes through the proxy against the budget", async () => {
    const put = async (cpu: string) => {
      const cur = JSON.parse((await kubectl("member-1", ["get", "resourcequota", "compute", "-n", p1, "-o", "json"])).stdout);
      cur.spec.hard["requests.cpu"] = cpu;
      return fetch(`${con.url}/clusters/member-1/api/v1/namespaces/${p1}/resourcequotas/compute`, {
        method: "PUT",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify(cur),
      });
    };
    // p2 holds 500m of the 2-CPU budget on member-1.
    const over = await put("1600m");
    expect(over.status).toBe(403);
    expect((await over.json()).message).toMatch(/requests.cpu 1600m exceeds the tenant's budget on member-1: 500m of 2 is allocated to other projects, 1500m is left/);
    expect(JSON.parse((await kubectl("member-1", ["get", "resourcequota", "compute", "-n", p1, "-o", "json"])).stdout).spec.hard["requests.cpu"]).toBe("500m");
    const fits = await put("1500m");
    expect(fits.status).toBe(200);
    expect(JSON.parse((await kubectl("member-1", ["get", "resourcequota", "compute", "-n", p1, "-o", "json"])).stdout).spec.hard["requests.cpu"]).toBe("1500m");
    const del = await fetch(`${con.url}/clusters/member-1/api/v1/namespaces/${p1}/resourcequotas/compute`, { method: "DELETE", headers: { authorization: `Bearer ${admin}` } });
    expect(del.status).toBe(403);
    // A project developer may not touch quotas at all; the project admin neither.
    const asMaya = await fetch(`${con.url}/clusters/member-1/api/v1/namespaces/${p1}/resourcequotas/compute`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${maya}`, "content-type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { hard: { "requests.cpu": "1" } } }),
    });
    expect(asMaya.status).toBe(403);
    const q = await eventually(async () => {
      const r = await call(maya, "GET", `/api/tenants/${tenant}/quota`);
      const m1 = r.body.clusters.find((c: { cluster: string }) => c.cluster === "member-1");
      return m1?.allocated["requests.cpu"] === "2" ? m1 : undefined;
    }, { what: "tenant quota aggregation" });
    expect(q.budget["requests.cpu"]).toBe("2");
    expect(q.projects.map((x: { namespace: string }) => x.namespace).sort()).toEqual([p1, p2].sort());
  });

  it("adds a cluster to a project with the same quota, then deletes it everywhere", async () => {
    const add = await call(maya, "PATCH", `/api/projects/${tenant}/${p2}`, { addClusters: ["member-2"] });
    expect(add.status).toBe(200);
    expect(add.body.results).toEqual([{ cluster: "member-2", ok: true }]);
    created.push(["member-2", p2]);
    const q = JSON.parse((await kubectl("member-2", ["get", "resourcequota", "compute", "-n", p2, "-o", "json"])).stdout);
    expect(q.spec.hard["requests.cpu"]).toBe("500m");
    const del = await call(maya, "DELETE", `/api/projects/${tenant}/${p2}`);
    expect(del.status).toBe(202);
    expect(del.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    await eventually(async () => (await call(admin, "GET", `/api/projects/${tenant}/${p2}`)).status === 404, { timeoutMs: 90_000, what: "project gone" });
    // Its bindings went with it.
    await eventually(async () => !(await call(admin, "GET", `/api/rolebindings?tenant=${tenant}`)).body.items.some((b: { scope: { namespace?: string } }) => b.scope.namespace === p2), {
      timeoutMs: 10_000,
      what: "bindings removed",
    });
  });
});

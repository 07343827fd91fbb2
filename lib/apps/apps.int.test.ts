import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, adminToken, bearerCall, freePort, projectDevelopers, registerFleetCluster, startConsole } from "../../test/support/console";
import { fleetDir, kubectl, uniqueName } from "../../test/support/fleet";
import { signToolToken } from "../auth/tool-token";

// Apps through the console on member-1: helm runs as the signed-in developer
// against the console's own /clusters/member-1, so what it may do is what the
// developer may do. Charts come from the fleet's chart repository (served by
// `make fleet`) and from a repository this test serves with a chart that makes
// a cluster-scoped object.

const execFileP = promisify(execFile);
const run = randomBytes(2).toString("hex");
const namespace = uniqueName("ph-apps");
const own = `apps-acme-${run}`;
const foreign = `apps-globex-${run}`;
const fleetRepo = `fleet-${run}`;
const testRepo = `wide-${run}`;
const downRepo = `down-${run}`;
const release = `echo-${run}`;
const secret = randomBytes(32).toString("hex");

let con: ConsoleProcess;
let admin: string;
let dev: string;
let other: string;
let server: http.Server;
const work = mkdtempSync(path.join(tmpdir(), "pilothouse-apps-it-"));

const fleetCharts = JSON.parse(readFileSync(path.join(fleetDir, "chart-repo.json"), "utf8")) as { url: string; oci: string };
const fleetRepoURL = fleetCharts.url;
const ociRepo = `oci-${run}`;

async function helmLocal(args: string[]) {
  const env = { ...process.env, HELM_CACHE_HOME: work, HELM_CONFIG_HOME: work, HELM_DATA_HOME: work, KUBECONFIG: "/dev/null" };
  return execFileP(path.join(fleetDir, "bin", "helm"), args, { env, timeout: 60_000 });
}

/** A repository with one chart whose only object is a ClusterRole. */
async function serveClusterScopedRepo(): Promise<string> {
  const chart = path.join(work, "src", "clusterwide");
  mkdirSync(path.join(chart, "templates"), { recursive: true });
  writeFileSync(path.join(chart, "Chart.yaml"), "apiVersion: v2\nname: clusterwide\nversion: 0.1.0\ndescription: Makes a ClusterRole\n");
  writeFileSync(
    path.join(chart, "templates", "clusterrole.yaml"),
    "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: {{ .Release.Name }}-reader\nrules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get]\n",
  );
  const out = path.join(work, "repo");
  mkdirSync(out, { recursive: true });
  await helmLocal(["package", chart, "--destination", out]);
  server = http.createServer((req, res) => {
    const file = path.join(out, path.basename(req.url ?? "/"));
    try {
      res.end(readFileSync(file));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await helmLocal(["repo", "index", out, "--url", url]);
  return url;
}

const call = (token: string, method: string, p: string, body?: unknown) => bearerCall(con.url, token, method, p, body);
const releasePath = (ns: string, name: string, rest = "") => `/api/apps/releases/member-1/${ns}/${name}${rest}`;
const installBody = (values: string, extra: Record<string, unknown> = {}) => ({
  repo: fleetRepo,
  chart: "echo",
  version: "1.2.0",
  cluster: "member-1",
  namespace: own,
  name: release,
  values,
  ...extra,
});

async function replicas(): Promise<number> {
  const r = await kubectl("member-1", ["get", "deployment", release, "-n", own, "-o", "jsonpath={.spec.replicas}"]);
  return Number(r.stdout);
}

beforeAll(async () => {
  // A session secret of the test's: it can make the tokens the console gives helm, to try them where helm would not.
  // One helm at a time per user, so the test can see the second one refused.
  con = await startConsole({ namespace, env: { NEXTAUTH_SECRET: secret, PILOTHOUSE_HELM_PER_USER: "1" } });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, "member-1");
  const namespaces = [
    [own, "acme"],
    [foreign, "globex"],
  ].map(([ns, t]) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": t } } }));
  await kubectl("member-1", ["apply", "-f", "-"], { input: namespaces.map((d) => JSON.stringify(d)).join("\n---\n") });
  [dev, other] = await projectDevelopers(con, admin, "member-1", [
    { user: `apps-dev-${run}`, namespace: own },
    { user: `apps-other-${run}`, namespace: foreign },
  ]);
  const wideURL = await serveClusterScopedRepo();
  for (const body of [
    { name: fleetRepo, displayName: "Fleet charts", url: fleetRepoURL },
    { name: testRepo, url: wideURL, tenant: "acme" },
    { name: downRepo, url: `http://127.0.0.1:${await freePort()}` },
    { name: ociRepo, url: fleetCharts.oci, plainHTTP: true },
  ]) {
    const r = await call(admin, "POST", "/api/apps/repositories", body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
}, 240_000);

afterAll(async () => {
  await con?.stop();
  server?.close();
  rmSync(work, { recursive: true, force: true });
  await kubectl("member-1", ["delete", "namespace", own, foreign, "--wait=false"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("the token helm runs with", () => {
  it("is the user's on the one cluster it was made for, and nothing else", async () => {
    const me = (await call(dev, "GET", "/api/session")).body.user.name as string;
    const t = signToolToken(secret, { user: me, cluster: "member-1", ttlMs: 60_000 });
    expect((await call(t, "GET", `/clusters/member-1/api/v1/namespaces/${own}/pods`)).status).toBe(200);
    expect((await call(t, "GET", `/clusters/member-1/api/v1/namespaces/${foreign}/pods`)).status).toBe(403);
    const elsewhere = await call(t, "GET", `/clusters/host/api/v1/namespaces/${own}/pods`);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.message).toMatch(/this token is for cluster "member-1" only/);
    const api = await call(t, "GET", "/api/session");
    expect(api.status).toBe(403);
    expect(api.body.error.message).toMatch(/not for the console's API/);
    const expired = signToolToken(secret, { user: me, cluster: "member-1", ttlMs: -1 });
    expect((await call(expired, "GET", `/clusters/member-1/api/v1/namespaces/${own}/pods`)).status).toBe(401);
  });
});

describe("repositories and the catalog", () => {
  it("reads each repository's index; one that is down shows why and the others keep working", async () => {
    const r = await call(dev, "GET", "/api/apps/repositories");
    expect(r.status).toBe(200);
    const byName = Object.fromEntries((r.body.items as { name: string; charts: number; error?: string }[]).map((x) => [x.name, x]));
    expect(byName[fleetRepo]).toMatchObject({ charts: 3 });
    expect(byName[fleetRepo].error).toBeUndefined();
    expect(byName[downRepo].error).toMatch(/ECONNREFUSED/);
    expect(r.body.canCreatePlatform).toBe(false);
    const cat = await call(dev, "GET", "/api/apps/catalog?q=echo");
    expect(cat.status).toBe(200);
    expect(cat.body.items).toContainEqual(expect.objectContaining({ repo: fleetRepo, name: "echo", latest: "1.2.0" }));
    expect(cat.body.unavailable).toContainEqual(expect.objectContaining({ repo: downRepo }));
  });

  it("reads charts from an OCI registry: its catalog, tags and each chart's metadata and archive", async () => {
    const cat = await call(dev, "GET", `/api/apps/catalog?repo=${ociRepo}`);
    expect(cat.status, JSON.stringify(cat.body)).toBe(200);
    expect(cat.body.items.map((c: { name: string }) => c.name).sort()).toEqual(["echo", "keyvalue", "nightly-report"]);
    expect(cat.body.items.find((c: { name: string }) => c.name === "echo")).toMatchObject({ latest: "1.2.0", category: "Web", displayName: "Echo web app" });
    const d = await call(dev, "GET", `/api/apps/catalog/${ociRepo}/echo`);
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body.schema.properties.replicaCount).toMatchObject({ type: "integer" });
    const p = await call(dev, "POST", "/api/apps/releases/preview", installBody("", { repo: ociRepo, name: `oci-${run}` }));
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.objects.map((o: { kind: string; change: string }) => `${o.kind}:${o.change}`).sort()).toEqual(["Deployment:added", "Service:added"]);
  });

  it("shows a tenant's repository to its members only", async () => {
    const mine = await call(dev, "GET", `/api/apps/catalog?repo=${testRepo}`);
    expect(mine.body.items.map((c: { name: string }) => c.name)).toEqual(["clusterwide"]);
    const theirs = await call(other, "GET", "/api/apps/catalog");
    expect(theirs.body.items.some((c: { repo: string }) => c.repo === testRepo)).toBe(false);
    expect((await call(other, "GET", `/api/apps/catalog/${testRepo}/clusterwide`)).status).toBe(404);
  });

  it("gives a chart's README, default values, versions and values schema", async () => {
    const r = await call(dev, "GET", `/api/apps/catalog/${fleetRepo}/echo`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.readme).toMatch(/^# /m);
    expect(r.body.valuesYAML).toContain("replicaCount:");
    expect(r.body.versionsList[0].version).toBe("1.2.0");
    expect(r.body.schema.properties.replicaCount).toMatchObject({ type: "integer" });
  });

  it("only lets platform admins add platform-wide repositories", async () => {
    const r = await call(dev, "POST", "/api/apps/repositories", { name: `mine-${run}`, url: "http://127.0.0.1:1" });
    expect(r.status).toBe(403);
  });
});

describe("a release, installed and changed by the project's developer", () => {
  it("previews a fresh install as everything added", async () => {
    const r = await call(dev, "POST", "/api/apps/releases/preview", installBody("replicaCount: 1\n"));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.installed).toBe(false);
    expect(r.body.objects.map((o: { kind: string; change: string }) => `${o.kind}:${o.change}`).sort()).toEqual(["Deployment:added", "Service:added"]);
  });

  it("runs one helm at a time per user here: a second at once is refused, not queued behind the first", async () => {
    const both = await Promise.all([1, 2].map((i) => call(dev, "POST", "/api/apps/releases/preview", installBody("", { name: `twice-${i}-${run}` }))));
    expect(both.map((r) => r.status).sort()).toEqual([200, 429]);
    expect(both.find((r) => r.status === 429)!.body.error.message).toMatch(/You already have a Helm operation running/);
    // Another user's helm is not held up by it.
    const theirs = await call(other, "GET", `/api/apps/releases?cluster=member-1&namespace=${foreign}`);
    expect(theirs.status).toBe(200);
  });

  it("refuses values the chart's schema refuses, naming the field, and installs nothing", async () => {
    const r = await call(dev, "POST", "/api/apps/releases", installBody("replicaCount: many\n"));
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.message).toMatch(/replicaCount/);
    const list = await call(dev, "GET", `/api/apps/releases?cluster=member-1&namespace=${own}`);
    expect(list.body.items).toEqual([]);
  });

  it("installs, waiting until the workload is ready", async () => {
    const r = await call(dev, "POST", "/api/apps/releases", installBody("replicaCount: 1\nmessage: first\n"));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: release, namespace: own, revision: 1, status: "deployed", chart: "echo", chartVersion: "1.2.0" });
    expect(await replicas()).toBe(1);
    const list = await call(dev, "GET", `/api/apps/releases?cluster=member-1&namespace=${own}`);
    expect(list.body.items).toEqual([expect.objectContaining({ name: release, status: "deployed", revision: 1 })]);
  });

  it("previews an upgrade as the change it is", async () => {
    const taken = await call(dev, "POST", "/api/apps/releases/preview", installBody("replicaCount: 3\n"));
    expect(taken.status, JSON.stringify(taken.body)).toBe(409);
    expect(taken.body.error.fields.name).toMatch(/exists in this project/);
    const r = await call(dev, "POST", "/api/apps/releases/preview", installBody("replicaCount: 3\nmessage: first\n", { upgrade: true }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.installed).toBe(true);
    const dep = r.body.objects.find((o: { kind: string }) => o.kind === "Deployment");
    expect(dep.change).toBe("changed");
    expect(dep.lines).toContain("-  replicas: 1");
    expect(dep.lines).toContain("+  replicas: 3");
    expect(r.body.objects.find((o: { kind: string }) => o.kind === "Service").change).toBe("unchanged");
    expect(await replicas()).toBe(1);
  });

  it("refuses a second install under a taken name", async () => {
    const r = await call(dev, "POST", "/api/apps/releases", installBody("replicaCount: 1\n"));
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(await replicas()).toBe(1);
  });

  it("upgrades, keeps each revision's values, and rolls back to the first", async () => {
    const up = await call(dev, "PUT", releasePath(own, release), { repo: fleetRepo, chart: "echo", version: "1.2.0", values: "replicaCount: 3\nmessage: second\n" });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.revision).toBe(2);
    expect(await replicas()).toBe(3);
    const v1 = await call(dev, "GET", releasePath(own, release, "/revisions/1"));
    expect(v1.body.values).toContain("message: first");
    const back = await call(dev, "POST", releasePath(own, release, "/rollback"), { revision: 1 });
    expect(back.status, JSON.stringify(back.body)).toBe(204);
    expect(await replicas()).toBe(1);
    const d = await call(dev, "GET", releasePath(own, release));
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body).toMatchObject({ revision: 3, status: "deployed", chart: "echo", chartVersion: "1.2.0", appVersion: "1.2.0", source: { repo: fleetRepo, chart: "echo" } });
    expect(d.body.history.map((h: { revision: number }) => h.revision)).toEqual([3, 2, 1]);
    expect(d.body.values).toContain("message: first");
    expect(d.body.objects).toContainEqual({ apiVersion: "apps/v1", kind: "Deployment", name: release, namespace: own });
  });

  it("cannot be touched by another tenant's developer: helm's error carries the console's 403", async () => {
    const install = await call(other, "POST", "/api/apps/releases", installBody("", { name: `intruder-${run}` }));
    expect(install.status, JSON.stringify(install.body)).toBe(403);
    expect(install.body.error.message).toMatch(/forbidden: User "apps-other-/);
    const read = await call(other, "GET", releasePath(own, release));
    expect(read.status).toBe(403);
    const remove = await call(other, "DELETE", releasePath(own, release));
    expect(remove.status).toBe(403);
    expect(await replicas()).toBe(1);
  });

  it("refuses a chart that makes a cluster-scoped object, leaving no release behind", async () => {
    const r = await call(dev, "POST", "/api/apps/releases", { repo: testRepo, chart: "clusterwide", version: "0.1.0", cluster: "member-1", namespace: own, name: `wide-${run}`, values: "" });
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(r.body.error.message).toMatch(/clusterroles/);
    const list = await call(dev, "GET", `/api/apps/releases?cluster=member-1&namespace=${own}`);
    expect(list.body.items.map((x: { name: string }) => x.name)).toEqual([release]);
    const roles = await kubectl("member-1", ["get", "clusterrole", `wide-${run}-reader`, "--ignore-not-found", "-o", "name"]);
    expect(roles.stdout.trim()).toBe("");
  });

  it("uninstalls", async () => {
    const r = await call(dev, "DELETE", releasePath(own, release));
    expect(r.status, JSON.stringify(r.body)).toBe(204);
    const dep = await kubectl("member-1", ["get", "deployment", release, "-n", own, "--ignore-not-found", "-o", "name"]);
    expect(dep.stdout.trim()).toBe("");
    expect((await call(dev, "GET", `/api/apps/releases?cluster=member-1&namespace=${own}`)).body.items).toEqual([]);
  });
});

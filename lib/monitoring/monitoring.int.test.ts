import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, type ConsoleProcess, adminToken, freePort, registerFleetCluster, signIn, startConsole } from "../../test/support/console";
import { eventually, fleetClusters, kubectl, make, uniqueName } from "../../test/support/fleet";
import { TEMPLATES, type TemplateScope } from "./templates";

// Dashboards against the fleet's real Prometheus servers (kwok kubelet-style
// metrics, kube-state-metrics, alert rules): every template on every cluster,
// tenancy, injection, and a stopped Prometheus.

let con: ConsoleProcess;
let admin: string;
let viewer: string;
const namespace = uniqueName("ph-monitoring");
const run = randomBytes(2).toString("hex");
const viewerName = `vic-${run}`;
const CLUSTERS = ["host", "member-1", "member-2"];

/** Per cluster: a node, a namespace with a quota and a deployment, found in the fleet's seeded content. */
const subjects: Record<string, { node: string; namespace: string; workload: string }> = {};

async function call(token: string, p: string, init: RequestInit = {}) {
  const res = await fetch(`${con.url}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function metrics(token: string, q: Record<string, string>) {
  return call(token, `/api/metrics/query?${new URLSearchParams(q)}`);
}

type Result = { template: string; cluster: string; series?: { values: [number, number | null][] }[]; error?: { code: string; message: string } };

async function tokenFor(username: string, password: string) {
  const s = await signIn(con.url, username, password);
  const res = await s.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "t" }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  con = await startConsole({ namespace });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, "member-1");
  await registerFleetCluster(con, admin, "member-2");
  for (const c of CLUSTERS) {
    const quotas = JSON.parse((await kubectl(c, ["get", "resourcequota", "-A", "-o", "json"])).stdout).items as { metadata: { namespace: string } }[];
    const deploys = JSON.parse((await kubectl(c, ["get", "deployments", "-A", "-o", "json"])).stdout).items as {
      metadata: { namespace: string; name: string };
      status?: { availableReplicas?: number };
    }[];
    const d = deploys.find((x) => (x.status?.availableReplicas ?? 0) > 0 && quotas.some((q) => q.metadata.namespace === x.metadata.namespace));
    const node = JSON.parse((await kubectl(c, ["get", "nodes", "-o", "json"])).stdout).items[0].metadata.name as string;
    if (!d) throw new Error(`the fleet's ${c} has no namespace with a quota and an available deployment: is it seeded?`);
    subjects[c] = { node, namespace: d.metadata.namespace, workload: d.metadata.name };
  }
  // A tenant viewer of "acme" (the seeded acme-* namespaces carry that tenant label).
  expect((await call(admin, "/api/users", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: viewerName, password: "monitoring-pw-1" }) })).status).toBe(201);
  expect((await call(admin, "/api/tenants", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "acme", clusters: ["host", "member-1"], acknowledgeHostCluster: true }) })).status).toBe(201);
  expect(
    (
      await call(admin, "/api/rolebindings", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ subject: { kind: "User", name: viewerName }, role: "tenant-viewer", scope: { type: "tenant", tenant: "acme" } }),
      })
    ).status,
  ).toBe(201);
  viewer = await tokenFor(viewerName, "monitoring-pw-1");
  await eventually(async () => (await call(viewer, "/api/tenants")).body?.items?.length === 1, { what: "the viewer's binding" });
}, 240_000);

afterAll(async () => {
  await con?.stop();
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

function paramsFor(cluster: string, scope: TemplateScope): Record<string, string> {
  const s = subjects[cluster];
  if (scope === "node") return { node: s.node };
  if (scope === "project") return { namespace: s.namespace };
  if (scope === "workload") return { namespace: s.namespace, workload: s.workload, kind: "deployment" };
  return {};
}

describe("metric templates against the fleet's Prometheus", () => {
  it.each(CLUSTERS)("every template returns data on %s", async (cluster) => {
    for (const scope of ["cluster", "node", "project", "workload"] as const) {
      const names = TEMPLATES.filter((t) => t.scope === scope).map((t) => t.name);
      // Rates need two scrapes: right after the fleet starts, wait for them.
      const body = await eventually(
        async () => {
          const r = await metrics(admin, { templates: names.join(","), clusters: cluster, range: "15m", ...paramsFor(cluster, scope) });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          const empty = (r.body.results as Result[]).filter((x) => !x.series?.some((s) => s.values.some(([, v]) => v !== null)));
          if (empty.length) throw new Error(`no data for ${empty.map((x) => `${x.template}${x.error ? ` (${x.error.message})` : ""}`).join(", ")}`);
          return r.body;
        },
        { timeoutMs: 90_000, intervalMs: 2_000, what: `${scope} templates on ${cluster}` },
      );
      expect(body.results).toHaveLength(names.length);
      expect(body.end - body.start).toBe(900);
      expect(body.step).toBe(15);
    }
  });

  it("answers usage against the quota hard of a project", async () => {
    const { namespace: ns } = subjects["member-1"];
    const hard = JSON.parse((await kubectl("member-1", ["get", "resourcequota", "-n", ns, "-o", "json"])).stdout).items[0].spec.hard["requests.cpu"] as string;
    const r = await metrics(admin, { templates: "project_cpu_quota", clusters: "member-1", namespace: ns, range: "15m" });
    const values = (r.body.results[0] as Result).series![0].values.map(([, v]) => v).filter((v) => v !== null);
    const cores = hard.endsWith("m") ? Number(hard.slice(0, -1)) / 1000 : Number(hard);
    expect(values.at(-1)).toBeCloseTo(cores, 5);
  });

  it("compares several clusters on one chart", async () => {
    const r = await metrics(admin, { templates: "cluster_cpu_utilisation,cluster_memory_utilisation", clusters: CLUSTERS.join(","), range: "1h" });
    expect(r.status).toBe(200);
    expect((r.body.results as Result[]).map((x) => `${x.template}@${x.cluster}`).sort()).toEqual(
      ["cluster_cpu_utilisation", "cluster_memory_utilisation"].flatMap((t) => CLUSTERS.map((c) => `${t}@${c}`)).sort(),
    );
    for (const x of r.body.results as Result[]) {
      expect(x.error, `${x.cluster}: ${x.error?.message}`).toBeUndefined();
      const v = x.series![0].values.filter(([, y]) => y !== null).at(-1)![1]!;
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
  });
});

describe("parameters", () => {
  it.each([
    ['acme-payments"} or vector(1) or {x="'],
    ['acme-payments",namespace=~".+'],
    ["acme-payments} or up{"],
    ["(acme-payments)"],
  ])("refuses the namespace %j with a field error", async (ns) => {
    const r = await metrics(admin, { templates: "project_cpu_usage", clusters: "member-1", namespace: ns });
    expect(r.status).toBe(422);
    expect(r.body.error.fields.namespace).toMatch(/not a Kubernetes name/);
  });

  it("treats a name like `or` as a name, not as PromQL", async () => {
    const r = await metrics(admin, { templates: "project_pods", clusters: "member-1", namespace: "or", range: "15m" });
    expect(r.status).toBe(200);
    expect(r.body.results[0].series).toEqual([]);
  });

  it("names missing or unknown inputs", async () => {
    expect((await metrics(admin, { templates: "project_pods", clusters: "member-1" })).body.error.fields).toHaveProperty("namespace");
    expect((await metrics(admin, { templates: "nope", clusters: "member-1" })).body.error.fields.templates).toMatch(/no metric template/);
    expect((await metrics(admin, { templates: "cluster_cpu_usage", clusters: "member-1", range: "2y" })).body.error.fields).toHaveProperty("range");
    expect((await metrics(admin, { templates: "cluster_cpu_usage", clusters: "nowhere" })).status).toBe(404);
  });
});

describe("tenancy", () => {
  it("gives a tenant viewer their projects' panels and nothing else", async () => {
    const own = await metrics(viewer, { templates: "project_cpu_usage,project_memory_quota", clusters: "member-1", namespace: "acme-payments", range: "15m" });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.results[0].series.length).toBeGreaterThan(0);
    const other = await metrics(viewer, { templates: "project_cpu_usage", clusters: "host", namespace: "globex-data" });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/globex-data/);
    // A tenant's clusters are visible, their cluster-wide metrics are not.
    expect((await metrics(viewer, { templates: "cluster_cpu_usage", clusters: "member-1" })).status).toBe(403);
    expect((await metrics(viewer, { templates: "node_cpu_usage", clusters: "member-1", node: subjects["member-1"].node })).status).toBe(403);
    // One forbidden pair refuses the whole request.
    expect((await metrics(viewer, { templates: "project_cpu_usage", clusters: "member-1,host", namespace: "acme-payments" })).status).toBe(403);
    // Clusters outside the tenant are not even named.
    expect((await metrics(viewer, { templates: "project_cpu_usage", clusters: "member-2", namespace: "globex-web" })).status).toBe(404);
  });

  it("shows each user only the alerts of places they may see", async () => {
    const all = await eventually(
      async () => {
        const r = await call(admin, "/api/metrics/alerts");
        const names = (r.body.alerts as { cluster: string; name: string; namespace?: string; state: string }[]).filter((a) => a.state === "firing");
        return names.some((a) => a.cluster === "member-1" && a.name === "KubePodCrashLooping" && a.namespace === "acme-payments") &&
          names.some((a) => a.namespace && !a.namespace.startsWith("acme-"))
          ? r.body
          : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 3_000, what: "the fleet's firing alerts (crash loop in acme-payments, a nearly full quota elsewhere)" },
    );
    expect(all.errors).toEqual([]);
    const mine = await call(viewer, "/api/metrics/alerts");
    expect(mine.status).toBe(200);
    const alerts = mine.body.alerts as { cluster: string; name: string; namespace?: string }[];
    expect(alerts.some((a) => a.name === "KubePodCrashLooping" && a.namespace === "acme-payments")).toBe(true);
    expect(alerts.every((a) => a.namespace?.startsWith("acme-") && a.cluster !== "member-2")).toBe(true);
  });

  it("keeps the PromQL explorer to platform and cluster admins", async () => {
    const denied = await call(viewer, `/api/metrics/explore?${new URLSearchParams({ cluster: "member-1", query: "up" })}`);
    expect(denied.status).toBe(403);
    const ok = await call(admin, `/api/metrics/explore?${new URLSearchParams({ cluster: "member-1", query: 'up{job="kube-state-metrics"}', instant: "true" })}`);
    expect(ok.status).toBe(200);
    expect(ok.body.series[0].values[0][1]).toBe(1);
    const bad = await call(admin, `/api/metrics/explore?${new URLSearchParams({ cluster: "member-1", query: "sum(" })}`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.query).toMatch(/parse error/);
  });
});

describe("a cluster's Prometheus", () => {
  it("down: that cluster's panels fail cleanly within seconds, the others and the page keep working", async () => {
    await make("fleet-stop", { CLUSTER: "member-2", COMPONENT: "prometheus" });
    try {
      const t0 = performance.now();
      const r = await metrics(admin, { templates: "cluster_pods_running", clusters: "member-1,member-2", range: "15m" });
      expect(performance.now() - t0).toBeLessThan(6_000);
      expect(r.status).toBe(200);
      const [m1, m2] = ["member-1", "member-2"].map((c) => (r.body.results as Result[]).find((x) => x.cluster === c)!);
      expect(m1.series!.length).toBe(1);
      expect(m2.error).toMatchObject({ code: "unavailable" });
      expect(m2.error!.message).toMatch(/Prometheus of "member-2" is unreachable/);
      const alerts = await call(admin, "/api/metrics/alerts");
      expect(alerts.status).toBe(200);
      expect(alerts.body.errors).toEqual([expect.objectContaining({ cluster: "member-2", code: "unavailable" })]);
      expect((alerts.body.alerts as { cluster: string }[]).some((a) => a.cluster === "member-1")).toBe(true);
      const session = await signIn(con.url, "admin", ADMIN_PASSWORD);
      for (const page of ["/monitoring", "/c/member-2/monitoring"]) {
        const res = await session.fetch(page);
        expect(res.status, page).toBe(200);
        await res.text();
      }
    } finally {
      await make("fleet-start", { CLUSTER: "member-2", COMPONENT: "prometheus" });
    }
    const back = await metrics(admin, { templates: "cluster_pods_running", clusters: "member-2", range: "15m" });
    expect(back.body.results[0].series.length).toBe(1);
  });

  it("not configured: a clear no-metrics state", async () => {
    const url = fleetClusters().find((c) => c.name === "member-2")!.prometheus;
    const clear = await call(admin, "/api/clusters/member-2", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ prometheusURL: "" }) });
    expect(clear.status).toBe(200);
    try {
      const r = await eventually(
        async () => {
          const x = await metrics(admin, { templates: "cluster_pods_running", clusters: "member-2" });
          return x.body.results[0].error ? x : undefined;
        },
        { timeoutMs: 10_000, what: "the cleared address" },
      );
      expect(r.body.results[0].error).toEqual({ code: "no_metrics", message: 'Cluster "member-2" has no Prometheus address configured.' });
    } finally {
      await call(admin, "/api/clusters/member-2", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ prometheusURL: url }) });
    }
  });

  it("behind basic auth: the console sends the stored credentials, and only them", async () => {
    // A second real Prometheus that demands a password (bcrypt of "prom-test-password", cost 4).
    const dir = mkdtempSync(path.join(tmpdir(), "ph-prom-"));
    const port = await freePort();
    writeFileSync(path.join(dir, "web.yml"), "basic_auth_users:\n  pilothouse: $2b$04$FzOqi7rolwWTRZsKib0v1.VqxjA7Z6rgr3VU/5SXroIfNbIBbHVIy\n");
    writeFileSync(path.join(dir, "prometheus.yml"), `global: {scrape_interval: 1s}\nscrape_configs: []\n`);
    const prom = spawn(
      "/usr/bin/prometheus",
      [`--config.file=${dir}/prometheus.yml`, `--web.config.file=${dir}/web.yml`, `--storage.tsdb.path=${dir}/data`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: "ignore" },
    );
    const original = fleetClusters().find((c) => c.name === "member-2")!.prometheus;
    const patch = (body: unknown) => call(admin, "/api/clusters/member-2", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const explore = () => call(admin, `/api/metrics/explore?${new URLSearchParams({ cluster: "member-2", query: "vector(42)", instant: "true" })}`);
    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/-/ready`)).status === 401, { what: "the password-protected Prometheus" });
      expect((await patch({ prometheusURL: `http://127.0.0.1:${port}` })).status).toBe(200);
      const refused = await eventually(async () => {
        const r = await explore();
        return r.status === 503 ? r : undefined;
      }, { timeoutMs: 10_000, what: "the new address" });
      expect(refused.body.error.message).toMatch(/refused the console's credentials \(HTTP 401\)/);
      const bad = await patch({ prometheusAuth: { type: "basic", username: "a:b", password: "" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.error.fields).sort()).toEqual(["prometheusAuth.password", "prometheusAuth.username"]);
      const set = await patch({ prometheusAuth: { type: "basic", username: "pilothouse", password: "prom-test-password" } });
      expect(set.status).toBe(200);
      expect(set.body.prometheusAuth).toBe("basic");
      expect(JSON.stringify(set.body)).not.toContain("prom-test-password");
      const ok = await eventually(async () => {
        const r = await explore();
        return r.status === 200 ? r : undefined;
      }, { timeoutMs: 10_000, what: "the stored credentials" });
      expect(ok.body.series[0].values[0][1]).toBe(42);
      const secret = JSON.parse((await kubectl("host", ["get", "secret", "-n", namespace, "cluster-member-2-prometheus", "-o", "json"])).stdout);
      expect(Buffer.from(secret.data.password, "base64").toString()).toBe("prom-test-password");
      expect(secret.metadata.ownerReferences[0]).toMatchObject({ kind: "Cluster", name: "member-2" });
    } finally {
      await patch({ prometheusURL: original, prometheusAuth: { type: "none" } });
      prom.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    }
    const view = await call(admin, "/api/clusters/member-2");
    expect(view.body).toMatchObject({ prometheusURL: original, prometheusAuth: "none" });
  });
});

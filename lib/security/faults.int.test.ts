import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, adminToken, fleetKubeconfigText, registerFleetCluster, signIn, startConsole } from "../../test/support/console";
import { eventually, kubectl, make, uniqueName } from "../../test/support/fleet";

// Faults against the real fleet: clusters going away under running requests,
// the host cluster (the console's database) restarting, and console processes
// killed with SIGKILL in the middle of multi-step writes. Failpoints
// (lib/failpoints.ts) stop a process at a chosen step so the kill lands there.

const namespace = uniqueName("ph-faults");
// A second process reaps what a crashed one left; short grace for the test.
// The grace leaves the test time to see the half-made state before the reaper removes it (a loaded machine is slow to look).
const REAPER_ENV = { PILOTHOUSE_REAP_GRACE_MS: "6000", PILOTHOUSE_REAP_INTERVAL_MS: "500" };

let con: ConsoleProcess;
let token: string;
const extra: ConsoleProcess[] = [];

async function call(c: ConsoleProcess, method: string, p: string, body?: unknown, timeoutMs = 15_000) {
  const res = await fetch(c.url + p, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function onHost(args: string[]) {
  return (await kubectl("host", args)).stdout;
}

/** Starts a console on the suite's state with failpoints armed; the request that reaches one never returns. */
async function crashingConsole(failpoint: string) {
  const c = await startConsole({ namespace, env: { PILOTHOUSE_FAILPOINTS: failpoint, PILOTHOUSE_REAP_INTERVAL_MS: "3600000" } });
  extra.push(c);
  return c;
}

async function untilFailpoint(c: ConsoleProcess, name: string, times = 1) {
  await eventually(async () => c.logs().split(`"msg":"failpoint reached","name":"${name}"`).length - 1 >= times, { timeoutMs: 30_000, what: `failpoint ${name}` });
}

beforeAll(async () => {
  con = await startConsole({ namespace, env: REAPER_ENV });
  token = await adminToken(con);
  await registerFleetCluster(con, token, "member-1");
}, 180_000);

afterAll(async () => {
  for (const c of extra) await c.kill();
  await con?.stop();
});

describe("SIGKILL in the middle of a multi-step write", () => {
  for (const step of ["register-cluster:after-cluster", "register-cluster:after-secret"]) {
    it(`adding a cluster (${step}): no Cluster without its Secret, no orphaned Secret, and it can be added again`, async () => {
      const crashing = await crashingConsole(step);
      const pending = fetch(`${crashing.url}/api/clusters`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ source: "kubeconfig", name: "member-2", kubeconfig: fleetKubeconfigText("member-2") }),
      }).catch(() => "connection lost");
      await untilFailpoint(crashing, step);
      await crashing.kill();
      expect(await pending).toBe("connection lost");
      // The crash left a Pending registration (and, after the second step, its Secret) …
      const phase = await onHost(["get", "clusters.pilothouse.dev", "member-2", "-n", namespace, "-o", "jsonpath={.status.phase}"]);
      expect(phase).toBe("Pending");
      const secrets = () => onHost(["get", "secrets", "-n", namespace, "-l", "pilothouse.dev/cluster=member-2", "-o", "name"]);
      expect((await secrets()).trim() !== "").toBe(step.endsWith("after-secret"));
      // … which the surviving process removes, Secret and all.
      await eventually(async () => !(await onHost(["get", "clusters.pilothouse.dev", "-n", namespace, "-o", "name"])).includes("member-2"), {
        timeoutMs: 20_000,
        what: "the Pending cluster reaped",
      });
      await eventually(async () => (await secrets()).trim() === "", { timeoutMs: 20_000, what: "its Secret gone" });
      expect((await call(con, "GET", "/api/clusters/member-2")).status).toBe(404);
      // Nothing stands in the way of adding it again.
      await registerFleetCluster(con, token, "member-2");
      await eventually(async () => (await call(con, "GET", "/api/clusters/member-2")).body?.health?.status === "Ready", { what: "member-2 Ready" });
      expect((await call(con, "DELETE", "/api/clusters/member-2")).status).toBeLessThan(300);
      await eventually(async () => (await call(con, "GET", "/api/clusters/member-2")).status === 404, { what: "member-2 removed" });
    });
  }

  it("creating a project on two clusters: the half-made namespaces are removed, and it can be created whole", async () => {
    const tenant = uniqueName("faults").slice(0, 30);
    const name = `${tenant}-app`.slice(0, 50);
    expect((await call(con, "POST", "/api/tenants", { name: tenant, clusters: ["host", "member-1"], acknowledgeHostCluster: true })).status).toBe(201);
    const crashing = await crashingConsole("create-project:after-namespace");
    const pending = fetch(`${crashing.url}/api/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ tenant, clusters: ["host", "member-1"], name, quota: { pods: "10", "requests.cpu": "1" } }),
    }).catch(() => "connection lost");
    // Both clusters are worked on at once: both stop right after their namespace exists.
    await untilFailpoint(crashing, "create-project:after-namespace", 2);
    await crashing.kill();
    expect(await pending).toBe("connection lost");
    for (const cluster of ["host", "member-1"]) {
      const ns = JSON.parse((await kubectl(cluster, ["get", "namespace", name, "-o", "json"])).stdout) as { metadata: { annotations: Record<string, string> } };
      expect(ns.metadata.annotations["pilothouse.dev/provisioning"]).toBeTruthy();
      expect((await kubectl(cluster, ["get", "resourcequota", "-n", name, "-o", "name"])).stdout.trim()).toBe("");
    }
    // The surviving process removes the half-made namespaces on both clusters.
    for (const cluster of ["host", "member-1"]) {
      await eventually(async () => !(await kubectl(cluster, ["get", "namespaces", "-o", "name"])).stdout.split("\n").includes(`namespace/${name}`), {
        timeoutMs: 60_000,
        what: `${cluster}/${name} removed`,
      });
    }
    expect((await call(con, "GET", `/api/projects/${tenant}/${name}`)).status).toBe(404);
    // Created again, whole, on both clusters.
    const again = await call(con, "POST", "/api/projects", { tenant, clusters: ["host", "member-1"], name, quota: { pods: "10", "requests.cpu": "1" } }, 60_000);
    expect(again.status).toBe(201);
    await eventually(async () => {
      const p = await call(con, "GET", `/api/projects/${tenant}/${name}`);
      const phases = (p.body?.clusters ?? []) as { cluster: string; phase: string }[];
      return phases.length === 2 && phases.every((c) => c.phase === "Active");
    }, { what: "project Active on both clusters" });
    for (const cluster of ["host", "member-1"]) {
      expect((await kubectl(cluster, ["get", "resourcequota", "-n", name, "-o", "name"])).stdout.trim()).not.toBe("");
    }
    expect((await call(con, "DELETE", `/api/projects/${tenant}/${name}`)).status).toBeLessThan(300);
  });
});

/** A raw streaming GET through the console; resolves with how it ended. */
function watchThrough(c: ConsoleProcess, p: string) {
  let body = "";
  let status = 0;
  const ended = new Promise<"end" | "error">((resolve) => {
    const req = http.get(`${c.url}${p}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      status = res.statusCode ?? 0;
      res.on("data", (d: Buffer) => (body += d.toString("utf8")));
      res.on("end", () => resolve("end"));
      res.on("error", () => resolve("error"));
      res.on("close", () => resolve("end"));
    });
    req.on("error", () => resolve("error"));
  });
  return { ended, status: () => status, body: () => body };
}

describe("a member's apiserver stops under running requests", () => {
  it("watches end, lists answer cleanly, other clusters go on, health follows both ways", async () => {
    await registerFleetCluster(con, token, "member-2");
    await eventually(async () => (await call(con, "GET", "/api/clusters/member-2")).body?.health?.status === "Ready", { what: "member-2 Ready" });
    const list = await call(con, "GET", "/clusters/member-2/api/v1/namespaces/kube-system/configmaps");
    const w = watchThrough(con, `/clusters/member-2/api/v1/namespaces/kube-system/configmaps?watch=1&resourceVersion=${list.body.metadata.resourceVersion}`);
    await eventually(async () => w.status() === 200, { what: "watch open" });

    // Lists in a loop while the apiserver goes down: each one answers (complete JSON or a Status), none hangs.
    let stop = false;
    const outcomes: string[] = [];
    const lister = (async () => {
      while (!stop) {
        const t0 = Date.now();
        try {
          const r = await call(con, "GET", "/clusters/member-2/api/v1/pods", undefined, 10_000);
          outcomes.push(r.status === 200 ? (r.body.kind === "PodList" ? "list" : "bad-list") : r.body?.kind === "Status" ? `status-${r.status}` : `other-${r.status}`);
        } catch (e) {
          outcomes.push(Date.now() - t0 >= 10_000 ? "hung" : `dropped:${(e as Error).name}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const stopped = make("fleet-stop", { CLUSTER: "member-2" });
    try {
      // The watch ends (the apiserver drains it on shutdown) instead of hanging.
      expect(await Promise.race([w.ended, new Promise((r) => setTimeout(() => r("hung"), 40_000))])).not.toBe("hung");
      await stopped;
      const t0 = Date.now();
      await eventually(async () => (await call(con, "GET", "/api/clusters/member-2")).body?.health?.status === "Unreachable", { timeoutMs: 10_000, intervalMs: 100, what: "member-2 Unreachable" });
      expect(Date.now() - t0).toBeLessThan(10_000);
      // Other clusters are untouched.
      const m1 = await call(con, "GET", "/clusters/member-1/api/v1/namespaces/kube-system");
      expect(m1.status).toBe(200);
      const down = await call(con, "GET", "/clusters/member-2/api/v1/namespaces/kube-system", undefined, 6_000);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ kind: "Status", reason: "ServiceUnavailable" });
    } finally {
      stop = true;
      await lister;
      await make("fleet-start", { CLUSTER: "member-2" });
    }
    expect(outcomes).not.toContain("hung");
    expect(outcomes.filter((o) => !["list", "status-503"].includes(o) && !o.startsWith("dropped"))).toEqual([]);
    // Back by itself.
    await eventually(async () => (await call(con, "GET", "/api/clusters/member-2")).body?.health?.status === "Ready", { timeoutMs: 60_000, what: "member-2 Ready again" });
    expect((await call(con, "GET", "/clusters/member-2/api/v1/namespaces/kube-system")).status).toBe(200);
  });
});

describe("the host apiserver restarts", () => {
  it("the console keeps proxying from its caches, recovers, loses nothing and follows changes again", async () => {
    const user = uniqueName("survivor").slice(0, 40);
    expect((await call(con, "POST", "/api/users", { username: user, password: "survivor-password-1" })).status).toBe(201);
    await make("fleet-stop", { CLUSTER: "host" });
    try {
      // Authentication and authorization come from watch-fed caches: member clusters stay usable.
      const m1 = await call(con, "GET", "/clusters/member-1/api/v1/namespaces/kube-system", undefined, 6_000);
      expect(m1.status).toBe(200);
      // Writes to the console's own state fail cleanly meanwhile.
      const w = await call(con, "POST", "/api/users", { username: `${user}-x`, password: "survivor-password-1" }, 20_000);
      expect(w.status).toBeGreaterThanOrEqual(500);
      expect(w.status).not.toBe(500);
    } finally {
      await make("fleet-start", { CLUSTER: "host" });
    }
    // Nothing lost, and the watches follow changes again: a binding made now takes effect.
    await eventually(async () => (await call(con, "GET", "/api/users")).status === 200, { timeoutMs: 60_000, what: "console API back" });
    const users = (await call(con, "GET", "/api/users")).body.items as { username: string }[];
    expect(users.map((u) => u.username)).toContain(user);
    const session = await signIn(con.url, user, "survivor-password-1");
    const mine = await session.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "after-restart" }) });
    expect(mine.status).toBe(201);
    const userToken = ((await mine.json()) as { token: string }).token;
    const asUser = () => fetch(`${con.url}/clusters/member-1/api/v1/namespaces/kube-system`, { headers: { authorization: `Bearer ${userToken}` } }).then((r) => r.status);
    expect(await asUser()).toBe(403);
    const b = await eventually(async () => {
      const r = await call(con, "POST", "/api/rolebindings", { subject: { kind: "User", name: user }, role: "platform-viewer", scope: { type: "platform" } });
      return r.status === 201 ? r : undefined;
    }, { timeoutMs: 30_000, what: "binding created after the restart" });
    expect(b.status).toBe(201);
    // The binding reaches the enforcer through the resumed watch.
    await eventually(async () => (await asUser()) === 200, { timeoutMs: 5_000, intervalMs: 50, what: "binding in effect" });
  });
});

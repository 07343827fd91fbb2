import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Balancer, roundRobin } from "../../test/support/balancer";
import { ADMIN_PASSWORD, type ConsoleProcess, adminToken, freePort, registerFleetCluster, signIn, startConsole } from "../../test/support/console";
import { eventually, kubectl, uniqueName } from "../../test/support/fleet";

// Three console processes on one host cluster behind a round-robin balancer:
// they share sessions and state through the host cluster, and losing one in
// the middle of a watch, an exec session or a multi-step write leaves clients
// carrying on through the others, with nothing half-made.

const namespace = uniqueName("ph-replicas");
const work = uniqueName("replicas-work");
const REAPER_ENV = { PILOTHOUSE_REAP_GRACE_MS: "6000", PILOTHOUSE_REAP_INTERVAL_MS: "500" };
const ports: number[] = [];
const replicas: ConsoleProcess[] = [];
let lb: Balancer;
let token: string;
const made: string[] = [];

async function start(i: number, env: Record<string, string> = {}) {
  replicas[i] = await startConsole({ namespace, port: ports[i], env: { ...REAPER_ENV, ...env } });
}

async function call(base: string, method: string, p: string, body?: unknown) {
  const res = await fetch(base + p, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

interface WatchEvent {
  type: string;
  object: { metadata: { name: string; resourceVersion: string } };
}

/** A watch on a connection of its own (so the balancer places it), its events as they come. */
function watch(rv: string, onEvent: (e: WatchEvent) => void): { ended: Promise<void>; close: () => void } {
  let req: http.ClientRequest | undefined;
  const ended = new Promise<void>((resolve) => {
    req = http.get(
      `${lb.url}/clusters/member-1/api/v1/namespaces/${work}/configmaps?watch=1&allowWatchBookmarks=false&resourceVersion=${rv}`,
      { agent: false, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let buf = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          buf += d;
          let nl: number;
          while ((nl = buf.indexOf("\n")) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (line.trim()) onEvent(JSON.parse(line) as WatchEvent);
          }
        });
        res.on("close", () => resolve());
        res.on("error", () => resolve());
      },
    );
    req.on("error", () => resolve());
  });
  return { ended, close: () => req?.destroy() };
}

/** An exec through the balancer: what the command printed, once it is running. */
function exec(command: string[], onOutput: (s: string) => void): WebSocket {
  const q = new URLSearchParams(command.map((c) => ["command", c]));
  q.set("stdout", "true");
  const ws = new WebSocket(`ws://127.0.0.1:${lb.port}/clusters/member-1/api/v1/namespaces/${work}/pods/shell/exec?${q}`, ["v5.channel.k8s.io"], {
    headers: { authorization: `Bearer ${token}` },
  });
  ws.on("message", (d: Buffer) => {
    if (d[0] === 1) onOutput(d.subarray(1).toString("utf8"));
  });
  return ws;
}

beforeAll(async () => {
  for (let i = 0; i < 3; i++) ports.push(await freePort());
  await start(0);
  await Promise.all([start(1), start(2)]);
  token = await adminToken(replicas[0]);
  await registerFleetCluster(replicas[0], token, "member-1");
  await kubectl("member-1", ["create", "namespace", work]);
  await kubectl("member-1", ["run", "shell", "-n", work, "--image=busybox:1.36", "--restart=Never", "--", "sleep", "3600"]);
  await eventually(async () => (await kubectl("member-1", ["get", "pod", "shell", "-n", work, "-o", "jsonpath={.status.phase}"])).stdout === "Running", { what: "the exec pod running" });
  lb = await roundRobin(ports);
}, 240_000);

afterAll(async () => {
  await lb?.close();
  for (const r of replicas) await r?.kill();
  await kubectl("member-1", ["delete", "namespace", work, ...made, "--wait=false", "--ignore-not-found"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("three replicas behind a balancer", () => {
  it("accept a session made through the balancer on every replica, CSRF token included", async () => {
    const s = await signIn(lb.url, "admin", ADMIN_PASSWORD);
    for (const [i, r] of replicas.entries()) {
      const me = await fetch(`${r.url}/api/session`, { headers: { cookie: s.header() } });
      expect(me.status, `replica ${i}`).toBe(200);
      expect(((await me.json()) as { user: { username: string } }).user.username).toBe("admin");
      const write = await fetch(`${r.url}/api/tokens`, { method: "POST", headers: { cookie: s.header(), "x-csrf-token": s.csrfToken!, "content-type": "application/json" }, body: JSON.stringify({ name: `replica-${i}` }) });
      expect(write.status, `replica ${i}`).toBe(201);
    }
  });

  it("show a write made on one on the others within a second", async () => {
    for (const [i, r] of replicas.entries()) {
      const tenant = uniqueName(`rep${i}`).slice(0, 30);
      expect((await call(r.url, "POST", "/api/tenants", { name: tenant, clusters: ["member-1"] })).status).toBe(201);
      const t0 = Date.now();
      for (const [j, other] of replicas.entries()) {
        if (j === i) continue;
        await eventually(async () => (await call(other.url, "GET", `/api/tenants/${tenant}`)).status === 200, { timeoutMs: 5_000, intervalMs: 25, what: `tenant ${tenant} on replica ${j}` });
      }
      expect(Date.now() - t0).toBeLessThan(1_000);
    }
  });

  it("let a watch go on from another replica when its replica is killed", async () => {
    const list = await call(lb.url, "GET", `/clusters/member-1/api/v1/namespaces/${work}/configmaps`);
    let rv = (list.body!.metadata as { resourceVersion: string }).resourceVersion;
    const seen: string[] = [];
    const onEvent = (e: WatchEvent) => {
      rv = e.object.metadata.resourceVersion;
      if (e.type === "ADDED") seen.push(e.object.metadata.name);
    };
    const first = watch(rv, onEvent);
    await new Promise((r) => setTimeout(r, 300));
    const served = lb.lastBackend();
    await kubectl("member-1", ["create", "configmap", "before-kill", "-n", work]);
    await eventually(async () => seen.includes("before-kill"), { what: "the event before the kill" });
    await replicas[served].kill();
    await first.ended;
    // Made while no watch was open: the resumed watch (from the last resourceVersion seen) delivers it.
    await kubectl("member-1", ["create", "configmap", "while-down", "-n", work]);
    const second = watch(rv, onEvent);
    await new Promise((r) => setTimeout(r, 300));
    expect(lb.lastBackend()).not.toBe(served);
    await eventually(async () => seen.includes("while-down"), { what: "the event made while the watch was down" });
    expect(seen.filter((n) => n === "before-kill")).toHaveLength(1);
    second.close();
    await start(served);
  });

  it("let an exec client open a new session on another replica when its replica is killed", async () => {
    let out = "";
    const ws = exec(["sh", "-c", "echo ready; sleep 60"], (s) => (out += s));
    await eventually(async () => out.includes("ready"), { what: "the first session running" });
    const served = lb.lastBackend();
    const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
    await replicas[served].kill();
    await closed;
    let again = "";
    const ws2 = exec(["echo", "again"], (s) => (again += s));
    await eventually(async () => again.includes("again"), { what: "the new session's output" });
    expect(lb.lastBackend()).not.toBe(served);
    ws2.close();
    await start(served);
  });

  it("leave nothing half-made when a replica dies in a multi-step write; the client's retry through the balancer makes it whole", async () => {
    const tenant = uniqueName("repw").slice(0, 30);
    const name = `${tenant}-app`.slice(0, 50);
    made.push(name);
    expect((await call(lb.url, "POST", "/api/tenants", { name: tenant, clusters: ["member-1"] })).status).toBe(201);
    // Replica 2 stops right after the project's namespace exists (lib/failpoints.ts), where the kill lands.
    await replicas[2].kill();
    await start(2, { PILOTHOUSE_FAILPOINTS: "create-project:after-namespace", PILOTHOUSE_REAP_INTERVAL_MS: "3600000" });
    const body = { tenant, clusters: ["member-1"], name, quota: { pods: "10", "requests.cpu": "1" } };
    const pending = call(replicas[2].url, "POST", "/api/projects", body).catch(() => "connection lost");
    await eventually(async () => replicas[2].logs().includes(`"msg":"failpoint reached","name":"create-project:after-namespace"`), { what: "the failpoint" });
    await replicas[2].kill();
    expect(await pending).toBe("connection lost");
    const ns = JSON.parse((await kubectl("member-1", ["get", "namespace", name, "-o", "json"])).stdout) as { metadata: { annotations?: Record<string, string> } };
    expect(ns.metadata.annotations?.["pilothouse.dev/provisioning"]).toBeTruthy();
    // The client tries again through the balancer: the other replicas reap the half-made namespace, then it is created whole.
    await eventually(async () => (await call(lb.url, "POST", "/api/projects", body).catch(() => ({ status: 0 }))).status === 201, { timeoutMs: 90_000, intervalMs: 1_000, what: "the project created again" });
    await eventually(async () => (await kubectl("member-1", ["get", "resourcequota", "-n", name, "-o", "name"])).stdout.trim() !== "", { what: "its quota" });
    const whole = JSON.parse((await kubectl("member-1", ["get", "namespace", name, "-o", "json"])).stdout) as { metadata: { annotations?: Record<string, string> } };
    expect(whole.metadata.annotations?.["pilothouse.dev/provisioning"]).toBeUndefined();
    await start(2);
  });
});

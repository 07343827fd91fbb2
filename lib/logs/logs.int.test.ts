import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, adminToken, bearerCall, projectDevelopers, registerFleetCluster, startConsole } from "../../test/support/console";
import { eventually, kubectl, uniqueName } from "../../test/support/fleet";
import { type LogEvent, decodeEvent } from "./events";
import { bodyLines } from "@/lib/client/kube";

// GET /api/logs against a real console and the fleet: a Deployment's pods'
// logs as one stream of events — lines of every pod, a deleted pod leaving
// and its replacement joining, refusals before anything streams, and twelve
// pods followed on one connection while the console keeps answering.

const run = randomBytes(3).toString("hex");
const ns = `logs-acme-${run}`;
const otherNs = `logs-globex-${run}`;
const CLUSTER = "member-1";

let con: ConsoleProcess;
let admin: string;
let dev: string;
let outsider: string;
let logDir: string;

/** `n` lines of a container log in the CRI format kwok reads, each ~120 bytes and numbered. */
function criLines(pod: string, n: number): string {
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const pad = "x".repeat(60);
  let out = "";
  for (let i = 0; i < n; i++) out += `${new Date(t0 + i).toISOString()} stdout F ${pod} line ${i} ${pad}\n`;
  return out;
}

const deployment = (name: string, replicas: number) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: ns },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
  },
});

const url = (q: Record<string, string>) => `/api/logs?${new URLSearchParams({ cluster: CLUSTER, namespace: ns, kind: "deployments", ...q })}`;

/** Live pods of a deployment, by name. */
async function livePods(app: string): Promise<string[]> {
  const { stdout } = await kubectl(CLUSTER, ["get", "pods", "-n", ns, "-l", `app=${app}`, "-o", "json"]);
  return (JSON.parse(stdout).items as { metadata: { name: string; deletionTimestamp?: string } }[])
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();
}

interface Follow {
  status: number;
  events: LogEvent[];
  /** Resolves once `until` holds for the events so far (rejects after `ms`). */
  waitFor: (what: string, until: (events: LogEvent[]) => boolean, ms?: number) => Promise<LogEvent[]>;
  /** Resolves when the response has ended by itself. */
  ended: Promise<void>;
  close: () => void;
}

/** Opens the stream with a bearer token and collects its events as they come. */
async function follow(token: string, path: string): Promise<Follow> {
  const ac = new AbortController();
  const res = await fetch(`${con.url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
  const events: LogEvent[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!res.ok) return;
    try {
      for await (const line of bodyLines(res)) {
        const e = decodeEvent(line);
        if (e) events.push(e);
        for (const w of waiters) w();
      }
    } catch {
      /* aborted */
    }
  })();
  const waitFor = (what: string, until: (events: LogEvent[]) => boolean, ms = 45_000) =>
    new Promise<LogEvent[]>((resolve, reject) => {
      const check = () => {
        if (!until(events)) return;
        waiters.delete(check);
        clearTimeout(t);
        resolve(events);
      };
      const t = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; ${events.length} events: ${JSON.stringify(events.filter((e) => e.t !== "line").slice(-10))}`));
      }, ms);
      waiters.add(check);
      check();
    });
  return { status: res.status, events, waitFor, ended, close: () => ac.abort() };
}

const linesOf = (events: LogEvent[]) => events.flatMap((e) => (e.t === "line" ? [e] : []));
const podsWithLines = (events: LogEvent[]) => new Set(linesOf(events).map((e) => e.pod));

beforeAll(async () => {
  logDir = await mkdtemp(join(tmpdir(), "ph-logs-"));
  con = await startConsole({ namespace: uniqueName("ph-logs") });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, CLUSTER);
  const nss = [
    [ns, "acme"],
    [otherNs, "globex"],
  ].map(([n, t]) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: n, labels: { "pilothouse.dev/tenant": t } } }));
  await kubectl(CLUSTER, ["apply", "-f", "-"], { input: nss.map((d) => JSON.stringify(d)).join("\n---\n") });
  [dev, outsider] = await projectDevelopers(con, admin, CLUSTER, [
    { user: `logs-dev-${run}`, namespace: ns },
    { user: `logs-out-${run}`, namespace: otherNs },
  ]);
  await kubectl(CLUSTER, ["apply", "-f", "-"], { input: [deployment("web", 3), deployment("many", 12), deployment("big", 3)].map((d) => JSON.stringify(d)).join("\n---\n") });
  await kubectl(CLUSTER, ["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"], { timeoutMs: 130_000 });
  await kubectl(CLUSTER, ["rollout", "status", "deployment/many", "-n", ns, "--timeout=120s"], { timeoutMs: 130_000 });
  await kubectl(CLUSTER, ["rollout", "status", "deployment/big", "-n", ns, "--timeout=120s"], { timeoutMs: 130_000 });
}, 300_000);

afterAll(async () => {
  await con?.stop();
  await kubectl(CLUSTER, ["delete", "namespace", ns, otherNs, "--wait=false"]).catch(() => undefined);
  if (logDir) await rm(logDir, { recursive: true, force: true });
});

describe("a workload's logs as one stream", () => {
  it("carries the lines of all three pods of a deployment, each with its time; a deleted pod leaves and its replacement joins", async () => {
    const before = await livePods("web");
    expect(before).toHaveLength(3);
    const f = await follow(dev, url({ name: "web", follow: "true", tailLines: "5" }));
    try {
      expect(f.status).toBe(200);
      await f.waitFor("lines of three pods", (ev) => podsWithLines(ev).size === 3);
      const first = f.events[0];
      expect(first.t).toBe("pods");
      expect(first.t === "pods" && first.pods.map((p) => p.pod).sort()).toEqual(before);
      expect(first.t === "pods" && first.pods[0].containers).toEqual(["web"]);
      expect([...podsWithLines(f.events)].sort()).toEqual(before);
      for (const l of linesOf(f.events)) {
        expect(l.container).toBe("web");
        expect(l.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        expect(l.text).not.toMatch(/^\d{4}-\d\d-\d\dT/);
      }

      const [gone] = before;
      await kubectl(CLUSTER, ["delete", "pod", gone, "-n", ns, "--wait=false"]);
      await f.waitFor(`${gone} to leave`, (ev) => ev.some((e) => e.t === "leave" && e.pod === gone));
      const joined = await f.waitFor("a replacement to join", (ev) => ev.some((e) => e.t === "join" && !before.includes(e.pod)));
      const newcomer = joined.find((e) => e.t === "join" && !before.includes(e.pod)) as Extract<LogEvent, { t: "join" }>;
      expect(newcomer.containers).toEqual(["web"]);
      await f.waitFor(`lines of ${newcomer.pod}`, (ev) => podsWithLines(ev).has(newcomer.pod));
      // Nothing of the gone pod after it left; no stream failed.
      const at = f.events.findIndex((e) => e.t === "leave" && e.pod === gone);
      expect(f.events.slice(at + 1).some((e) => e.t === "line" && e.pod === gone)).toBe(false);
      expect(f.events.filter((e) => e.t === "error")).toEqual([]);
    } finally {
      f.close();
    }
  }, 120_000);

  it("without follow ends once every log has ended", async () => {
    const f = await follow(dev, url({ name: "web", tailLines: "2" }));
    expect(f.status).toBe(200);
    await f.ended;
    const pods = f.events[0].t === "pods" ? f.events[0].pods : [];
    expect(pods).toHaveLength(3);
    expect(f.events.filter((e) => e.t === "end")).toHaveLength(3);
    for (const p of pods) expect(linesOf(f.events).filter((l) => l.pod === p.pod)).toHaveLength(2);
  }, 60_000);

  it("reads only the container asked for", async () => {
    const f = await follow(dev, url({ name: "web", container: "other", tailLines: "1" }));
    await f.ended;
    expect(f.events).toEqual([{ t: "pods", pods: expect.arrayContaining([{ pod: expect.any(String), containers: [] }]) }]);
    const g = await follow(dev, url({ name: "web", container: "web", tailLines: "1" }));
    await g.ended;
    expect(linesOf(g.events)).toHaveLength(3);
  }, 60_000);

  it("is refused before anything streams to someone without rights in the namespace", async () => {
    const r = await bearerCall(con.url, outsider, "GET", url({ name: "web", follow: "true" }));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
    expect(r.body.error.message).toMatch(new RegExp(`You may not get deployments in namespace "${ns}" on cluster "${CLUSTER}"`));
  });

  it("answers 404 for a workload that is not there and 422 for bad input", async () => {
    const missing = await bearerCall(con.url, dev, "GET", url({ name: "nope", follow: "true" }));
    expect(missing.status).toBe(404);
    const bad = await bearerCall(con.url, dev, "GET", url({ name: "web", kind: "pods" }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.kind).toMatch(/deployments, statefulsets, daemonsets or jobs/);
    const tail = await bearerCall(con.url, dev, "GET", url({ name: "web", tailLines: "100001" }));
    expect(tail.status).toBe(422);
    expect(tail.body.error.fields.tailLines).toMatch(/At most 100000/);
  });

  it("follows twelve pods on one connection while the console keeps answering", async () => {
    const pods = await livePods("many");
    expect(pods).toHaveLength(12);
    const f = await follow(dev, url({ name: "many", follow: "true", tailLines: "1" }));
    try {
      expect(f.status).toBe(200);
      await f.waitFor("lines of twelve pods", (ev) => podsWithLines(ev).size === 12);
      // Other calls of the same caller on the same console answer promptly while the twelve logs flow.
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        const r = await bearerCall(con.url, dev, "GET", "/api/session");
        expect(r.status).toBe(200);
        expect(Date.now() - t0).toBeLessThan(2_000);
      }
      const n = linesOf(f.events).length;
      await f.waitFor("more lines", (ev) => linesOf(ev).length > n + 12);
    } finally {
      f.close();
    }
  }, 90_000);

  it("hands on megabytes of logs as fast as a slow reader takes them, every line, and ends", async () => {
    // Each "big" pod serves a 2.4 MB log of its own (kwok's namespaced Logs pointing at a file this test writes):
    // far beyond what the console queues before it pauses the upstream logs, and the same on every machine.
    const pods = await livePods("big");
    expect(pods).toHaveLength(3);
    const want = 20_000;
    for (const p of pods) await writeFile(join(logDir, `${p}.log`), criLines(p, want));
    const logsObjects = pods.map((p) => ({
      apiVersion: "kwok.x-k8s.io/v1alpha1",
      kind: "Logs",
      metadata: { name: p, namespace: ns },
      spec: { logs: [{ containers: ["web"], logsFile: join(logDir, `${p}.log`), previousLogsFile: "/dev/null", follow: false }] },
    }));
    await kubectl(CLUSTER, ["apply", "-f", "-"], { input: logsObjects.map((d) => JSON.stringify(d)).join("\n---\n") });
    for (const p of pods)
      await eventually(async () => (await kubectl(CLUSTER, ["logs", "-n", ns, p, "--tail=1"])).stdout.includes(`${p} line ${want - 1} `), { what: `kwok serving ${p}'s own log` });

    const res = await fetch(`${con.url}${url({ name: "big", tailLines: "100000" })}`, { headers: { authorization: `Bearer ${dev}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let bytes = 0;
    let text = "";
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
      text += decoder.decode(value, { stream: true });
      // A slow reader: the console must wait for it, not buffer everything.
      if (bytes < 1_000_000) await new Promise((r) => setTimeout(r, 5));
    }
    const events = text.trim().split("\n").map(decodeEvent);
    expect(bytes).toBeGreaterThan(6_000_000);
    for (const p of pods) {
      const lines = events.flatMap((e) => (e?.t === "line" && e.pod === p ? [e.text] : []));
      expect(lines).toHaveLength(want);
      // In order, none lost or doubled.
      expect(lines.every((l, i) => l.startsWith(`${p} line ${i} `))).toBe(true);
    }
    expect(events.filter((e) => e?.t === "end")).toHaveLength(pods.length);
    expect(events.filter((e) => e?.t === "error")).toEqual([]);
  }, 180_000);

  it("lets go of every upstream log when the client goes away", async () => {
    const f = await follow(dev, url({ name: "web", follow: "true", tailLines: "1" }));
    await f.waitFor("lines", (ev) => linesOf(ev).length > 0);
    f.close();
    await f.ended;
    // The console keeps serving new streams after one was dropped.
    const g = await follow(dev, url({ name: "web", follow: "true", tailLines: "1" }));
    try {
      await g.waitFor("lines again", (ev) => podsWithLines(ev).size === 3);
    } finally {
      g.close();
    }
    await eventually(async () => (await bearerCall(con.url, dev, "GET", "/api/session")).status === 200, { what: "the console answering" });
  }, 60_000);
});

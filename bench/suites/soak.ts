// Bounded soak (issue 8): 5 minutes of a steady mix of reads and writes
// through the console against the fleet, with 200 watches open the whole time
// (half sharing one upstream stream, half on their own). Reports unexpected
// errors (target 0) and the console's RSS growth after warm-up (target < 10 %).
// Smoke: 20 s, 20 watches. Bundled and run by bench/run.mjs.
import http from "node:http";
import { type BenchContext, emit, log, main, percentile, round, rssMiB } from "../lib/harness";
import { directTarget, json } from "../lib/http";

const CLUSTER = "member-1";
const NS = "bench-soak";
const LABEL = "pilothouse.dev/bench=soak";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Watch {
  req: http.ClientRequest;
  events: number;
  ended: boolean;
}

function openWatch(ctx: BenchContext, agent: http.Agent, rv: string | undefined): Promise<Watch> {
  const q = new URLSearchParams({ watch: "1", labelSelector: LABEL, ...(rv ? { resourceVersion: rv } : {}) });
  return new Promise((resolve, reject) => {
    const w: Watch = { req: undefined as unknown as http.ClientRequest, events: 0, ended: false };
    w.req = http.get(`${ctx.console.url}/clusters/${CLUSTER}/api/v1/namespaces/${NS}/configmaps?${q}`, { agent, headers: { authorization: `Bearer ${ctx.console.adminToken}`, accept: "application/json" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`watch: ${res.statusCode}`));
      }
      res.on("data", (c: Buffer) => {
        for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) w.events++;
      });
      res.on("end", () => (w.ended = true));
      res.on("error", () => (w.ended = true));
      resolve(w);
    });
    w.req.on("error", reject);
  });
}

main(async (ctx) => {
  const seconds = ctx.smoke ? 20 : 300;
  const warmup = ctx.smoke ? 5 : 60;
  const watchCount = ctx.smoke ? 20 : 200;
  const rate = 40; // requests per second
  const direct = directTarget(ctx, CLUSTER, 4);
  await json(direct, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: NS, labels: { "pilothouse.dev/bench": "soak" } } }, [201, 409]);
  await json(direct, "DELETE", `/api/v1/namespaces/${NS}/configmaps?labelSelector=${encodeURIComponent(LABEL)}`);
  const rv = (await json<{ metadata: { resourceVersion: string } }>(direct, "GET", `/api/v1/namespaces/${NS}/configmaps?labelSelector=${encodeURIComponent(LABEL)}&limit=1`)).body.metadata.resourceVersion;

  const watchAgent = new http.Agent({ keepAlive: false });
  const watches: Watch[] = [];
  for (let i = 0; i < watchCount; i++) watches.push(await openWatch(ctx, watchAgent, i % 2 === 0 ? rv : undefined));
  log(`${watchCount} watches open; ${seconds} s at ${rate} req/s`);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const base = ctx.console.url;
  const auth = { authorization: `Bearer ${ctx.console.adminToken}` };
  const cm = (name: string, v: number) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { "pilothouse.dev/bench": "soak" } }, data: { v: String(v), pad: "x".repeat(512) } });
  const request = (method: string, p: string, body?: string): Promise<{ status: number; ms: number }> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(`${base}${p}`, { method, agent, headers: { ...auth, ...(body ? { "content-type": "application/json" } : {}) } }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      });
      req.setTimeout(15_000, () => req.destroy());
      req.on("error", () => resolve({ status: 0, ms: performance.now() - t0 }));
      req.end(body);
    });

  const cmPath = `/clusters/${CLUSTER}/api/v1/namespaces/${NS}/configmaps`;
  const names = Array.from({ length: 20 }, (_, i) => `soak-${i}`);
  const exists = new Set<string>();
  let n = 0;
  const ops: (() => Promise<{ ok: boolean; status: number; ms: number; op: string }>)[] = [
    async () => ({ op: "list", ...(await request("GET", `${cmPath}?labelSelector=${encodeURIComponent(LABEL)}`)), ok: true }),
    async () => ({ op: "projects", ...(await request("GET", "/api/projects")), ok: true }),
    async () => ({ op: "clusters", ...(await request("GET", "/api/clusters")), ok: true }),
    async () => ({ op: "pods", ...(await request("GET", `/clusters/${CLUSTER}/api/v1/namespaces/kube-system/pods`)), ok: true }),
    async () => {
      // Write: create, update or delete one of a fixed set of ConfigMaps, so the watches see all three.
      const name = names[n % names.length];
      if (!exists.has(name)) {
        const r = await request("POST", cmPath, cm(name, n));
        if (r.status === 201) exists.add(name);
        return { op: "create", ...r, ok: r.status === 201 };
      }
      if (n % 3 === 0) {
        const r = await request("DELETE", `${cmPath}/${name}`);
        if (r.status === 200) exists.delete(name);
        return { op: "delete", ...r, ok: r.status === 200 };
      }
      const r = await request("PUT", `${cmPath}/${name}`, cm(name, n));
      return { op: "update", ...r, ok: r.status === 200 };
    },
  ];

  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  const rss: { t: number; mib: number }[] = [];
  const t0 = Date.now();
  let requests = 0;
  let nextSample = 0;
  while (Date.now() - t0 < seconds * 1000) {
    const tick = Date.now();
    const op = ops[n % ops.length];
    n++;
    const r = await op();
    requests++;
    latencies.push(r.ms);
    if (!r.ok || r.status !== (["create"].includes(r.op) ? 201 : 200)) {
      const k = `${r.op} ${r.status}`;
      unexpected[k] = (unexpected[k] ?? 0) + 1;
    }
    if (Date.now() - t0 >= nextSample) {
      rss.push({ t: round((Date.now() - t0) / 1000, 0), mib: round(rssMiB(ctx.console.pid), 1) });
      nextSample += 5_000;
    }
    await sleep(Math.max(0, 1000 / rate - (Date.now() - tick)));
  }
  await sleep(1_000);
  const ended = watches.filter((w) => w.ended).length;
  const events = watches.reduce((a, w) => a + w.events, 0);
  for (const w of watches) w.req.destroy();
  watchAgent.destroy();
  agent.destroy();
  await json(direct, "DELETE", `/api/v1/namespaces/${NS}/configmaps?labelSelector=${encodeURIComponent(LABEL)}`);
  direct.agent.destroy();

  const after = rss.filter((s) => s.t >= warmup);
  const base0 = after[0]?.mib ?? rss[0].mib;
  const last = rss[rss.length - 1].mib;
  const growth = ((last - base0) / base0) * 100;
  const errors = Object.values(unexpected).reduce((a, b) => a + b, 0) + ended;
  log(`soak: ${requests} requests, ${errors} unexpected (${JSON.stringify(unexpected)}, ${ended} watches ended early), ${events} watch events, RSS ${base0} → ${last} MiB`);
  emit({
    name: "soak_unexpected_errors",
    value: errors,
    unit: "count",
    detail: { seconds, requests, watches: watchCount, by_kind: unexpected, watches_ended_early: ended, watch_events: events, p50_ms: round(percentile(latencies, 50), 2), p99_ms: round(percentile(latencies, 99), 2) },
  });
  emit({ name: "soak_rss_growth_pct", value: round(growth, 1), unit: "%", detail: { warmup_s: warmup, rss_after_warmup_mib: base0, rss_end_mib: last, samples: rss } });
});

// Watch fan-out through the console: 500 concurrent watches on ConfigMaps of a
// bench namespace through the console's proxy, and one direct watch on the
// apiserver (in a worker thread, so its arrival times do not wait behind the
// 500 console sockets on this thread's event loop). ConfigMaps are created one
// by one; per watch and event, added = arrival via console − arrival via direct.
// Both threads stamp arrivals with process.hrtime (one monotonic clock).
// Bundled and run by bench/run.mjs; prints one JSON line per result.
import http from "node:http";
import https from "node:https";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { type BenchContext, clusterCredentials, cpuSeconds, emit, log, main, percentile, round } from "../lib/harness";
import { type Target, directTarget, json, pool } from "../lib/http";

const CLUSTER = "member-1";
const NS = "bench-watch";
const LABEL = "pilothouse.dev/bench=watch";

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

/** A watch's raw chunks with their arrival times; parsed after the run, so the hot path only stamps. */
interface Recording {
  chunks: Buffer[];
  times: number[];
}

/** ADDED events of a recording: ConfigMap name → arrival (ms) of the chunk that completed its line. */
function arrivals(r: Recording): Map<string, number> {
  const out = new Map<string, number>();
  let pending = "";
  for (let i = 0; i < r.chunks.length; i++) {
    pending += r.chunks[i].toString("utf8");
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!line.startsWith('{"type":"ADDED"')) continue;
      const m = /"name":"([^"]+)"/.exec(line);
      if (m && !out.has(m[1])) out.set(m[1], r.times[i]);
    }
  }
  return out;
}

/** Opens a watch and records it; resolves once the response headers are in (200) so the watch is established. */
function openWatch(url: URL, agent: http.Agent, headers: Record<string, string>): Promise<{ rec: Recording; req: http.ClientRequest }> {
  const mod = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const rec: Recording = { chunks: [], times: [] };
    const req = mod.request(url, { agent, headers: { ...headers, accept: "application/json" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`watch ${url.pathname}: ${res.statusCode}`));
      }
      res.on("data", (c: Buffer) => {
        rec.times.push(now());
        rec.chunks.push(c);
      });
      res.on("error", () => undefined); // closed at the end of the run
      resolve({ rec, req });
    });
    req.on("error", reject);
    req.end();
  });
}

const watchPath = (rv: string) =>
  `/api/v1/namespaces/${NS}/configmaps?watch=1&labelSelector=${encodeURIComponent(LABEL)}&resourceVersion=${rv}&timeoutSeconds=600`;

// ---- the direct watcher (worker thread) ----------------------------------------------
async function directWatcher() {
  const { server, ca, cert, key, rv } = workerData as { server: string; ca: Uint8Array; cert: Uint8Array; key: Uint8Array; rv: string };
  const agent = new https.Agent({ keepAlive: true, ca: Buffer.from(ca), cert: Buffer.from(cert), key: Buffer.from(key) });
  const { rec, req } = await openWatch(new URL(server.replace(/\/+$/, "") + watchPath(rv)), agent, {});
  parentPort!.postMessage({ ready: true });
  parentPort!.on("message", () => {
    req.destroy();
    agent.destroy();
    parentPort!.postMessage({ arrivals: [...arrivals(rec)] });
  });
}

// ---- the run ---------------------------------------------------------------------------
async function run(ctx: BenchContext) {
  const watches = ctx.smoke ? 20 : 500;
  const events = ctx.smoke ? 5 : 100;
  const warmEvents = ctx.smoke ? 2 : 5;
  const intervalMs = 50;
  const direct: Target = directTarget(ctx, CLUSTER, 4);

  await json(direct, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: NS, labels: { "pilothouse.dev/bench": "watch" } } }, [201, 409]);
  await json(direct, "DELETE", `/api/v1/namespaces/${NS}/configmaps?labelSelector=${encodeURIComponent(LABEL)}`);
  const rv = (await json<{ metadata: { resourceVersion: string } }>(direct, "GET", `/api/v1/namespaces/${NS}/configmaps?labelSelector=${encodeURIComponent(LABEL)}&limit=1`)).body.metadata.resourceVersion;

  // The direct watch, on its own thread.
  const creds = clusterCredentials(ctx, CLUSTER);
  const worker = new Worker(new URL(import.meta.url), { workerData: { server: creds.server, ca: creds.ca, cert: creds.cert, key: creds.key, rv } });
  const fromWorker = (pred: (m: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const on = (m: Record<string, unknown>) => {
        if (!pred(m)) return;
        worker.off("message", on);
        resolve(m);
      };
      worker.on("message", on);
      worker.once("error", reject);
    });
  await fromWorker((m) => !!m.ready);

  // The console watches, opened 50 at a time; every one must be established before events flow.
  const agent = new http.Agent({ keepAlive: false });
  const url = new URL(`${ctx.console.url}/clusters/${CLUSTER}${watchPath(rv)}`);
  const auth = { authorization: `Bearer ${ctx.console.adminToken}` };
  const opened: { rec: Recording; req: http.ClientRequest }[] = [];
  const t0 = Date.now();
  const openAll = pool(Array.from({ length: watches }, (_, i) => i), 50, async () => opened.push(await openWatch(url, agent, auth)));
  const deadline = new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${opened.length} of ${watches} console watches were established within 60 s`)), 60_000).unref());
  await Promise.race([openAll, deadline]);
  log(`${watches} console watches + 1 direct established in ${Date.now() - t0} ms`);

  const runId = Date.now().toString(36);
  const create = (name: string) =>
    json(direct, "POST", `/api/v1/namespaces/${NS}/configmaps`, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, labels: { "pilothouse.dev/bench": "watch" } },
      data: { payload: "x".repeat(256) },
    });
  for (let i = 0; i < warmEvents; i++) {
    await create(`warm-${runId}-${i}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  await new Promise((r) => setTimeout(r, 500));

  const names = Array.from({ length: events }, (_, i) => `ev-${runId}-${i}`);
  const sent = new Map<string, number>();
  const cpu0 = cpuSeconds(ctx.console.pid);
  for (const name of names) {
    const t = now();
    sent.set(name, t);
    await create(name);
    await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (now() - t))));
  }
  // Until every watch saw every event (or 15 s).
  const last = names[names.length - 1];
  const seenAll = () => opened.every((w) => Buffer.concat(w.rec.chunks.slice(-3)).includes(last));
  for (let i = 0; i < 150 && !seenAll(); i++) await new Promise((r) => setTimeout(r, 100));
  const cpu = cpuSeconds(ctx.console.pid) - cpu0;

  worker.postMessage("stop");
  const directArrivals = new Map((await fromWorker((m) => !!m.arrivals)).arrivals as [string, number][]);
  await worker.terminate();
  for (const w of opened) w.req.destroy();
  agent.destroy();

  const added: number[] = [];
  let missing = 0;
  for (const w of opened) {
    const got = arrivals(w.rec);
    for (const name of names) {
      const c = got.get(name);
      const d = directArrivals.get(name);
      if (c === undefined || d === undefined) missing++;
      else added.push(c - d);
    }
  }
  const directLatency = names.filter((n) => directArrivals.has(n)).map((n) => directArrivals.get(n)! - sent.get(n)!);
  await json(direct, "DELETE", `/api/v1/namespaces/${NS}/configmaps?labelSelector=${encodeURIComponent(LABEL)}`);
  direct.agent.destroy();
  if (missing) throw new Error(`${missing} of ${watches * events} events never arrived through a console watch (or the direct one)`);

  const detail = {
    watches,
    events,
    interval_ms: intervalMs,
    samples: added.length,
    added_p50_ms: round(percentile(added, 50), 2),
    added_p99_ms: round(percentile(added, 99), 2),
    added_max_ms: round(Math.max(...added), 2),
    direct_create_to_event_p50_ms: round(percentile(directLatency, 50), 2),
    direct_create_to_event_p99_ms: round(percentile(directLatency, 99), 2),
    console_cpu_ms_per_event: round((cpu * 1000) / events, 2),
    note: "one direct watch (worker thread) as the reference; console watches share this thread, stamped on arrival and parsed afterwards",
  };
  log(`watch: added p50 ${detail.added_p50_ms} ms, p99 ${detail.added_p99_ms} ms, max ${detail.added_max_ms} ms over ${added.length} deliveries`);
  emit({ name: "watch_event_p99_added_ms", value: detail.added_p99_ms, unit: "ms", detail });
  emit({ name: "watch_event_p50_added_ms", value: detail.added_p50_ms, unit: "ms", detail: { watches, events } });
  emit({ name: "watch_console_cpu_us_per_delivery", value: round((cpu * 1e6) / (events * watches), 1), unit: "us", detail: { watches, events, cpu_s: round(cpu, 2) } });
}

if (isMainThread) void main(run);
else void directWatcher();

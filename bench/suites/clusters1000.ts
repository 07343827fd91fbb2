// 1,000 registered clusters: Cluster objects and their credential Secrets are
// written straight into the console's namespace on the host (no registration
// checks): 900 aliases of the fleet's real apiservers, 50 whose address refuses
// connections, 50 at a listener of ours that accepts and never answers. Then:
// the clusters page's, the Overview's and the Monitoring overview's first rows
// in chromium, side by side with a second console that has only the fleet's 3
// clusters (sample by sample in turn: the machine's load at a moment lands on
// both); the console's CPU while idle (probing), its RSS, and proxy latency to
// member-1 against the same figure measured with the normal fleet first.
// Everything is deleted at the end. Smoke: 50 clusters, short windows.
// Bundled and run by bench/run.mjs; prints one JSON line per result.
import net from "node:net";
import { readFileSync } from "node:fs";
import { type Replica, Session, api as consoleApi, startConsole } from "../lib/console";
import { firstRowsSideBySide } from "../lib/first-rows";
import { type BenchContext, clusterCredentials, cpuSeconds, emit, kubectl, log, main, percentile, round, rssMiB } from "../lib/harness";
import { type Target, consoleTarget, directTarget, freePort, json, plainTarget, pool, timed } from "../lib/http";

const API_VERSION = "pilothouse.dev/v1alpha1";
const BENCH_LABEL = "pilothouse.dev/bench";
const CREDENTIALS_LABEL = "pilothouse.dev/credentials";
const CLUSTER_LABEL = "pilothouse.dev/cluster";
const ACCEPT = { accept: "application/json" };
const PROXY_PATH = "/api/v1/namespaces/default";

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Planned {
  name: string;
  kind: "alias" | "refused" | "hung";
  server: string;
  data: Record<string, string>;
}

function plan(ctx: BenchContext, total: number, dead: number, refusedPort: number, hungPort: number): Planned[] {
  const fleet = ctx.fleet.map((c) => ({ name: c.name, ...clusterCredentials(ctx, c.name) }));
  const out: Planned[] = [];
  const aliasCount = total - 2 * dead;
  for (let i = 0; i < aliasCount; i++) {
    const f = fleet[i % fleet.length];
    const data: Record<string, string> = { server: b64(f.server) };
    if (f.ca) data["ca.crt"] = b64(f.ca);
    if (f.cert) data["tls.crt"] = b64(f.cert);
    if (f.key) data["tls.key"] = b64(f.key);
    out.push({ name: `b1k-alias-${String(i).padStart(4, "0")}`, kind: "alias", server: f.server, data });
  }
  for (const [kind, port] of [["refused", refusedPort], ["hung", hungPort]] as const) {
    for (let i = 0; i < dead; i++) {
      const server = `https://127.0.0.1:${port}`;
      out.push({ name: `b1k-${kind}-${String(i).padStart(3, "0")}`, kind, server, data: { server: b64(server), "insecure-skip-tls-verify": b64("true") } });
    }
  }
  return out;
}

async function write(host: Target, ns: string, p: Planned) {
  const secretName = `cluster-${p.name}-credentials`;
  await json(host, "POST", `/api/v1/namespaces/${ns}/secrets`, {
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata: { name: secretName, namespace: ns, labels: { [CREDENTIALS_LABEL]: "cluster", [CLUSTER_LABEL]: p.name, [BENCH_LABEL]: "clusters1000" } },
    data: p.data,
  });
  await json(host, "POST", `/apis/${API_VERSION}/namespaces/${ns}/clusters`, {
    apiVersion: API_VERSION,
    kind: "Cluster",
    metadata: { name: p.name, namespace: ns, labels: { [BENCH_LABEL]: "clusters1000", "bench-kind": p.kind } },
    spec: { displayName: p.name, server: p.server, credentialsSecret: secretName, insecureSkipTLSVerify: p.kind !== "alias" },
    status: { phase: "Active", registeredBy: "bench", registeredAt: new Date().toISOString() },
  });
}

async function cleanup(host: Target, ns: string) {
  const sel = encodeURIComponent(`${BENCH_LABEL}=clusters1000`);
  await json(host, "DELETE", `/apis/${API_VERSION}/namespaces/${ns}/clusters?labelSelector=${sel}`, undefined, [200, 404]).catch((e) => log(`cleanup clusters: ${e}`));
  await json(host, "DELETE", `/api/v1/namespaces/${ns}/secrets?labelSelector=${sel}`, undefined, [200, 404]).catch((e) => log(`cleanup secrets: ${e}`));
}

type Lat = { p50_ms: number; p99_ms: number; samples: number };

/**
 * p50 of `count` sequential GETs to member-1 through the console's proxy, and
 * directly to its apiserver interleaved with them (A B A B …): the machine's
 * load at the time shows in both, so their ratio compares across phases.
 */
async function proxyP50(proxy: Target, direct: Target, count: number): Promise<{ console: Lat; direct: Lat; ratio: number }> {
  // Warm: the first hundreds of requests of a fresh console still compile (JIT) and open sockets.
  for (let i = 0; i < 200; i++) await timed(proxy, PROXY_PATH, ACCEPT);
  for (let i = 0; i < 20; i++) await timed(direct, PROXY_PATH, ACCEPT);
  const c: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await timed(proxy, PROXY_PATH, ACCEPT);
    if (r.status !== 200) throw new Error(`proxy GET ${PROXY_PATH}: ${r.status}`);
    c.push(r.ms);
    d.push((await timed(direct, PROXY_PATH, ACCEPT)).ms);
  }
  const lat = (ms: number[]): Lat => ({ p50_ms: round(percentile(ms, 50), 3), p99_ms: round(percentile(ms, 99), 3), samples: ms.length });
  return { console: lat(c), direct: lat(d), ratio: percentile(c, 50) / percentile(d, 50) };
}

type Page = { items: { name: string; health: { status: string } }[]; next: string | null; total: number };

main(async (ctx) => {
  const total = ctx.smoke ? 50 : 1_000;
  const dead = ctx.smoke ? 3 : 50;
  const idleS = ctx.smoke ? 3 : 30;
  const proxySamples = ctx.smoke ? 50 : 400;
  const host = directTarget(ctx, "host", 32);
  const ns = ctx.console.namespace;
  const api = plainTarget("console", ctx.console.url, 4);
  api.headers = { authorization: `Bearer ${ctx.console.adminToken}` };
  const proxy = consoleTarget(ctx, "member-1", 1);
  const direct = directTarget(ctx, "member-1", 1);

  // A port that refuses (bound once, then closed) and one that accepts and never answers.
  const refusedPort = await freePort();
  const held: net.Socket[] = [];
  const hung = net.createServer((s) => {
    held.push(s);
    s.on("error", () => undefined);
  });
  await new Promise<void>((r) => hung.listen(0, "127.0.0.1", r));
  const hungPort = (hung.address() as net.AddressInfo).port;

  const before = await json<Page>(api, "GET", "/api/clusters?limit=1");
  const baseClusters = before.body.total;
  const cpu3 = await idleCpu(ctx.console.pid, idleS);
  const rss3 = rssMiB(ctx.console.pid);
  const base = await proxyP50(proxy, direct, proxySamples);
  // The pages' yardstick: a console of its own namespace with just the fleet's clusters.
  const small = await startSmallConsole(ctx, `${ns}-c3`);
  log(`with ${baseClusters} clusters: proxy GET p50 ${base.console.p50_ms} ms (direct ${base.direct.p50_ms} ms), idle CPU ${cpu3.toFixed(1)} %, RSS ${rss3.toFixed(0)} MiB`);

  try {
    const planned = plan(ctx, total, dead, refusedPort, hungPort);
    const t0 = Date.now();
    await pool(planned, 32, (p) => write(host, ns, p));
    log(`wrote ${planned.length} clusters and secrets in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // The registry has them all, and the probes have settled (aliases Ready, the dead ones Unreachable).
    const sel = encodeURIComponent(`${BENCH_LABEL}=clusters1000`);
    let seenAt = 0;
    for (let i = 0; ; i++) {
      const all = await json<Page>(api, "GET", `/api/clusters?label=${sel}&limit=1`);
      const ready = await json<Page>(api, "GET", `/api/clusters?label=${sel}&status=Ready&limit=1`);
      const down = await json<Page>(api, "GET", `/api/clusters?label=${sel}&status=Unreachable&limit=1`);
      if (all.body.total === total && !seenAt) seenAt = Date.now();
      if (all.body.total === total && ready.body.total === total - 2 * dead && down.body.total === 2 * dead) break;
      if (i % 10 === 0) log(`registry: ${all.body.total}/${total}, Ready ${ready.body.total}, Unreachable ${down.body.total}`);
      if (i > 360) throw new Error(`not settled after 180 s: ${all.body.total}/${total} seen, ${ready.body.total} Ready, ${down.body.total} Unreachable`);
      await sleep(500);
    }
    const settledS = (Date.now() - t0) / 1000;
    log(`registry saw all ${total} after ${((seenAt - t0) / 1000).toFixed(1)} s; settled after ${settledS.toFixed(1)} s`);

    // The clusters page's data: its first page from the server, and the whole list (what the console's pickers load).
    const pageMs: number[] = [];
    const fullMs: number[] = [];
    for (let i = 0; i < (ctx.smoke ? 5 : 20); i++) {
      const p = await timed(api, "/api/clusters?limit=50", ACCEPT);
      if (p.status !== 200) throw new Error(`GET /api/clusters?limit=50: ${p.status}`);
      pageMs.push(p.ms);
      const f = await timed(api, "/api/clusters", ACCEPT);
      fullMs.push(f.ms);
    }
    const apiPage = percentile(pageMs, 50);
    const pages = [
      ["clusters_1000_page", "/clusters", undefined],
      ["clusters_1000_overview", "/", { selector: '[data-testid^="cluster-card-"]', countTestId: "total-clusters-value" }],
      ["clusters_1000_monitoring", "/monitoring", { selector: '[data-testid^="monitoring-cluster-"]', countTestId: "monitoring-shown" }],
    ] as const;
    for (const [name, path, item] of pages) {
      let ms: Record<string, number[]>;
      try {
        ms = await firstRowsSideBySide(
          ctx,
          path,
          [
            { name: "large", url: ctx.console.url, expected: total + baseClusters },
            { name: "small", url: small.c.url, expected: small.clusters },
          ],
          { runs: ctx.smoke ? 1 : 6, item },
        );
      } catch (e) {
        log(`${path} in chromium: ${e instanceof Error ? e.message : e}`);
        continue;
      }
      const [large, at3] = [percentile(ms.large, 50), percentile(ms.small, 50)];
      const samples = { [`at_${total + baseClusters}`]: ms.large.map((x) => round(x, 1)), [`at_${small.clusters}`]: ms.small.map((x) => round(x, 1)) };
      const measured = "chromium: navigation → first row (card) painted, p50; a fresh profile per sample";
      emit({
        name: `${name}_ms`,
        value: round(large, 1),
        unit: "ms",
        detail: { path, clusters: total + baseClusters, measured, samples_ms: samples, ...(name === "clusters_1000_page" ? { api_first_page_p50_ms: round(apiPage, 2), api_full_list_p50_ms: round(percentile(fullMs, 50), 2), settle_s: round(settledS, 1) } : {}) },
      });
      emit({
        name: `${name}_ratio_vs_3`,
        value: round(large / at3, 3),
        unit: "ratio",
        detail: { path, large_p50_ms: round(large, 1), small_p50_ms: round(at3, 1), small_clusters: small.clusters, note: "the same page on the console with the 1,000 clusters over a console with the fleet's clusters, sampled in turn" },
      });
    }

    await sleep(ctx.smoke ? 1_000 : 10_000);
    const cpu = await idleCpu(ctx.console.pid, idleS);
    emit({ name: "clusters_1000_probe_cpu_pct", value: round(cpu, 1), unit: "%", detail: { window_s: idleS, clusters: total + baseClusters, baseline_pct_3: round(cpu3, 1), note: "console CPU (user+system) while idle, % of one core" } });
    const rss = rssMiB(ctx.console.pid);
    emit({ name: "clusters_1000_rss_mb", value: round(rss, 1), unit: "MiB", detail: { baseline_mib: round(rss3, 1), clusters: total + baseClusters } });

    const at = await proxyP50(proxy, direct, proxySamples);
    // Console ÷ direct at 1,000 over the same at 3: what the extra clusters cost the proxy, net of the machine's load.
    const ratio = at.ratio / base.ratio;
    log(`with ${total + baseClusters} clusters: proxy GET p50 ${at.console.p50_ms} ms (direct ${at.direct.p50_ms} ms; ratio ${ratio.toFixed(3)}, raw ${(at.console.p50_ms / base.console.p50_ms).toFixed(3)}), idle CPU ${cpu.toFixed(1)} %, RSS ${rss.toFixed(0)} MiB`);
    emit({
      name: "proxy_get_p50_ratio_1000_vs_3",
      value: round(ratio, 3),
      unit: "ratio",
      detail: {
        path: PROXY_PATH,
        cluster: "member-1",
        at_base: base,
        at_1000: at,
        raw_console_p50_ratio: round(at.console.p50_ms / base.console.p50_ms, 3),
        base_clusters: baseClusters,
        note: "(console p50 ÷ direct p50, interleaved) with 1,000 clusters over the same with the normal fleet",
      },
    });
  } finally {
    await small.c.stop();
    await kubectl(ctx, "host", ["delete", "namespace", `${ns}-c3`, "--ignore-not-found", "--wait=false"]).catch(() => undefined);
    await cleanup(host, ns);
    for (const s of held) s.destroy();
    hung.close();
    // Later suites see the normal fleet.
    for (let i = 0; i < 120; i++) {
      const r = await json<Page>(api, "GET", "/api/clusters?limit=1").catch(() => undefined);
      if (r && r.body.total <= baseClusters) break;
      await sleep(500);
    }
  }
});

/** CPU of the process over `seconds`, in % of one core. */
async function idleCpu(pid: number, seconds: number): Promise<number> {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  return ((cpuSeconds(pid) - c0) / ((performance.now() - t0) / 1000)) * 100;
}

/**
 * A console with its own state (namespace `namespace`) and only the fleet's
 * clusters — the host registers itself, the members are registered here —
 * all Ready before any page of it is timed.
 */
async function startSmallConsole(ctx: BenchContext, namespace: string): Promise<{ c: Replica; clusters: number }> {
  const c = await startConsole(ctx, { namespace, logs: true, env: { PILOTHOUSE_HOST_PROMETHEUS_URL: ctx.fleet.find((f) => f.name === "host")?.prometheus ?? "" } });
  try {
    const token = await (await Session.signIn(c.url, "admin", ctx.console.adminPassword)).token("bench-small");
    const members = ctx.fleet.filter((f) => f.name !== "host");
    for (const f of members) {
      const r = await consoleApi(c.url, token, "POST", "/api/clusters", { source: "kubeconfig", name: f.name, kubeconfig: readFileSync(f.kubeconfig, "utf8"), prometheusURL: f.prometheus });
      if (r.status !== 201 && r.status !== 409) throw new Error(`registering ${f.name}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const clusters = members.length + 1;
    for (let i = 0; ; i++) {
      const r = await consoleApi<Page>(c.url, token, "GET", "/api/clusters?status=Ready&limit=1");
      if (r.body.total === clusters) break;
      if (i > 120) throw new Error(`the small console has ${r.body.total} of ${clusters} clusters Ready after 60 s`);
      await sleep(500);
    }
    return { c, clusters };
  } catch (e) {
    process.stderr.write(`small console log (tail):\n${c.logs().split("\n").slice(-20).join("\n")}\n`);
    await c.stop();
    throw e;
  }
}

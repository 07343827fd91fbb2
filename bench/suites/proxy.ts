// The API proxy against the physical limit (the apiserver itself, over TLS with
// the fleet's admin certificate) and the obvious alternative (`kubectl proxy`
// of the fleet's own kubectl, the same program as Debian's kubernetes-client,
// authenticated to the same apiserver with the same certificate):
//   GET one pod and LIST 500 pods at concurrency 1 (p50 ratio console ÷ direct),
//   GET one pod at 32 connections with wrk (req/s ratio console ÷ kubectl proxy),
//   and the console's CPU per proxied request.
// Bundled and run by bench/run.mjs; prints one JSON line per result.
import http from "node:http";
import { field, reviewWithAttributes } from "../../test/support/protobuf";
import { type BenchContext, cpuSeconds, emit, interleave, log, main, percentile, round } from "../lib/harness";
import {
  BENCH_NODE_TOLERATIONS,
  benchContainers,
  type Target,
  type Timed,
  consoleTLSTarget,
  consoleTarget,
  directTarget,
  ensureBenchNode,
  json,
  plainTarget,
  pool,
  startBareHop,
  startKubectlProxy,
  timed,
  wrk,
} from "../lib/http";

const CLUSTER = "member-1";
const ACCEPT = { accept: "application/json" };

interface PodList {
  metadata: { resourceVersion: string };
  items: { metadata: { name: string }; status?: { phase?: string } }[];
}

/**
 * A namespace with `n` bare pods bound to the benchmarks' own kwok node (which
 * runs them). Idempotent: existing pods are kept, missing ones are created, and the
 * call returns once all are Running so the list does not change while measured.
 */
async function ensurePods(direct: Target, ns: string, n: number) {
  await json(direct, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/bench": "proxy" } } }, [201, 409]);
  const node = await ensureBenchNode(direct, CLUSTER);
  const have = new Set((await json<PodList>(direct, "GET", `/api/v1/namespaces/${ns}/pods`)).body.items.map((p) => p.metadata.name));
  const missing = Array.from({ length: n }, (_, i) => `bench-${i}`).filter((name) => !have.has(name));
  if (missing.length) log(`creating ${missing.length} pods in ${CLUSTER}/${ns}`);
  await pool(missing, 8, (name) => {
    const i = Number(name.slice("bench-".length));
    return json(
      direct,
      "POST",
      `/api/v1/namespaces/${ns}/pods`,
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, labels: { app: "bench-list", "pilothouse.dev/bench": "proxy", shard: String(i % 10) } },
        spec: {
          nodeName: node,
          tolerations: BENCH_NODE_TOLERATIONS,
          containers: benchContainers(i),
        },
      },
      [201, 409],
    );
  });
  for (let i = 0; ; i++) {
    const list = (await json<PodList>(direct, "GET", `/api/v1/namespaces/${ns}/pods`)).body;
    const running = list.items.filter((p) => p.status?.phase === "Running").length;
    if (list.items.length >= n && running >= n) return list.items.length;
    if (i >= 240) throw new Error(`${CLUSTER}/${ns}: ${running} of ${n} pods Running after 120 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function stats(samples: Timed[][]) {
  const ms = samples.flat().map((s) => s.ms);
  return {
    p50_ms: round(percentile(ms, 50), 3),
    p99_ms: round(percentile(ms, 99), 3),
    mean_ms: round(ms.reduce((a, b) => a + b, 0) / ms.length, 3),
    samples: ms.length,
    bytes: samples.flat()[0]?.bytes,
  };
}

/** `count` sequential requests (concurrency 1), each checked for a 200. */
async function series(t: Target, apiPath: string, count: number): Promise<Timed[]> {
  const out: Timed[] = [];
  for (let i = 0; i < count; i++) {
    const r = await timed(t, apiPath, ACCEPT);
    if (r.status !== 200) throw new Error(`${t.name} GET ${apiPath}: ${r.status}`);
    out.push(r);
  }
  return out;
}

/** Latency at concurrency 1 of every target, interleaved; ratio of p50s console ÷ direct. */
async function latency(what: "get" | "list", targets: Target[], apiPath: string, warm: number, rounds: number, perRound: number) {
  for (const t of targets) await series(t, apiPath, warm);
  const samples = await interleave(Object.fromEntries(targets.map((t) => [t.name, () => series(t, apiPath, perRound)])), rounds);
  const byVariant = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)]));
  const perRoundRatio = samples.console.map((c, i) => percentile(c.map((s) => s.ms), 50) / percentile(samples.direct[i].map((s) => s.ms), 50));
  const ratio = byVariant.console.p50_ms / byVariant.direct.p50_ms;
  const detail = {
    path: apiPath,
    concurrency: 1,
    rounds,
    per_round: perRound,
    warmup_per_variant: warm,
    variants: byVariant,
    round_ratio_median: round(percentile(perRoundRatio, 50), 3),
    kubectl_proxy_ratio_direct: round(byVariant.kubectl_proxy.p50_ms / byVariant.direct.p50_ms, 3),
    console_tls_ratio_direct: round(byVariant.console_tls.p50_ms / byVariant.direct.p50_ms, 3),
    // One extra hop in Node with no work at all, forwarding with https.request and with undici (the floor).
    bare_hop_ratio_direct: round(byVariant.bare_hop.p50_ms / byVariant.direct.p50_ms, 3),
    bare_undici_hop_ratio_direct: round(byVariant.bare_undici_hop.p50_ms / byVariant.direct.p50_ms, 3),
    note: "JSON, no compression; direct = TLS + client certificate; console = plain HTTP + bearer token; kubectl proxy = fleet kubectl (same program as Debian's kubernetes-client)",
  };
  log(`${what}: ${Object.entries(byVariant).map(([k, v]) => `${k} p50 ${v.p50_ms} ms p99 ${v.p99_ms} ms`).join(", ")}; ratio ${ratio.toFixed(3)}`);
  emit({ name: `proxy_${what}_p50_ratio_direct`, value: round(ratio, 3), unit: "ratio", detail });
  // Side by side in this run: the console against the obvious alternative and against the least any Node proxy does.
  const vs = (a: string, b: string) => round(byVariant[a].p50_ms / byVariant[b].p50_ms, 3);
  emit({ name: `proxy_${what}_p50_ratio_kubectl_proxy`, value: vs("console", "kubectl_proxy"), unit: "ratio", detail: { console: byVariant.console, kubectl_proxy: byVariant.kubectl_proxy } });
  emit({ name: `proxy_${what}_p50_ratio_bare_hop`, value: vs("console", "bare_hop"), unit: "ratio", detail: { console: byVariant.console, bare_hop: byVariant.bare_hop } });
  // What the console's checks and policies cost over the least a Node proxy can do, and how that floor compares with kubectl proxy.
  emit({ name: `proxy_${what}_p50_ratio_bare_undici_hop`, value: vs("console", "bare_undici_hop"), unit: "ratio", detail: { console: byVariant.console, bare_undici_hop: byVariant.bare_undici_hop } });
  emit({
    name: `proxy_${what}_p50_ratio_bare_undici_hop_kubectl_proxy`,
    value: vs("bare_undici_hop", "kubectl_proxy"),
    unit: "ratio",
    detail: { bare_undici_hop: byVariant.bare_undici_hop, kubectl_proxy: byVariant.kubectl_proxy, note: "a Node hop with no checks, forwarding on undici as the console does, against kubectl proxy" },
  });
  emit({
    name: `proxy_${what}_p50_ratio_kubectl_proxy_tls`,
    value: vs("console_tls", "kubectl_proxy"),
    unit: "ratio",
    detail: { console_tls: byVariant.console_tls, kubectl_proxy: byVariant.kubectl_proxy, note: "console over https (as kubectl and browsers call it) against kubectl proxy over plain http on loopback" },
  });
  for (const [k, v] of Object.entries(byVariant)) {
    emit({ name: `proxy_${what}_p50_ms_${k}`, value: v.p50_ms, unit: "ms", detail: { samples: v.samples } });
    emit({ name: `proxy_${what}_p99_ms_${k}`, value: v.p99_ms, unit: "ms", detail: { samples: v.samples } });
  }
}

/**
 * GET one pod at 32 connections: console vs kubectl proxy, interleaved rounds
 * of wrk; the bare Node hop beside them shows what any Node proxy gets here.
 */
async function throughput(ctx: BenchContext, kubectlProxy: { url: string; pid: number }, bareHop: { url: string; pid: number }, apiPath: string) {
  const connections = 32;
  const seconds = ctx.smoke ? 1 : 10;
  const rounds = ctx.smoke ? 1 : 3;
  const variants = {
    console: { url: `${ctx.console.url}/clusters/${CLUSTER}${apiPath}`, headers: { ...ACCEPT, authorization: `Bearer ${ctx.console.adminToken}` }, pid: ctx.console.pid },
    console_tls: { url: `${ctx.console.tlsURL}/clusters/${CLUSTER}${apiPath}`, headers: { ...ACCEPT, authorization: `Bearer ${ctx.console.adminToken}` }, pid: ctx.console.pid },
    kubectl_proxy: { url: `${kubectlProxy.url}${apiPath}`, headers: ACCEPT, pid: kubectlProxy.pid },
    bare_hop: { url: `${bareHop.url}${apiPath}`, headers: ACCEPT, pid: bareHop.pid },
  };
  // Warm-up: sockets, pools, JIT on both sides.
  for (const v of Object.values(variants)) await wrk(v.url, { connections, seconds: ctx.smoke ? 1 : 3, headers: v.headers });
  const rounds_ = await interleave(
    Object.fromEntries(
      Object.entries(variants).map(([k, v]) => [
        k,
        async () => {
          const cpu0 = cpuSeconds(v.pid);
          const r = await wrk(v.url, { connections, seconds, headers: v.headers });
          const cpu = cpuSeconds(v.pid) - cpu0;
          if (r.errors || r.non2xx) throw new Error(`${k}: ${r.errors} socket errors, ${r.non2xx} non-2xx answers under load`);
          return { ...r, cpu_s: cpu };
        },
      ]),
    ),
    rounds,
  );
  const sum = (k: string) => {
    const rs = rounds_[k];
    const requests = rs.reduce((a, r) => a + r.requests, 0);
    const secs = rs.reduce((a, r) => a + r.seconds, 0);
    const cpu = rs.reduce((a, r) => a + r.cpu_s, 0);
    return {
      rps: round(requests / secs, 1),
      requests,
      seconds: round(secs, 2),
      p50_ms: round(percentile(rs.map((r) => r.p50_ms), 50), 3),
      p99_ms: round(percentile(rs.map((r) => r.p99_ms), 50), 3),
      cpu_us_per_request: round((cpu * 1e6) / requests, 1),
      rounds: rs.map((r) => ({ rps: round(r.rps, 1), p50_ms: r.p50_ms, p99_ms: r.p99_ms, cpu_s: round(r.cpu_s, 2) })),
    };
  };
  const c = sum("console");
  const ct = sum("console_tls");
  const k = sum("kubectl_proxy");
  const b = sum("bare_hop");
  const detail = {
    path: apiPath,
    connections,
    seconds_per_round: seconds,
    rounds,
    driver: "wrk -t1 (Debian), HTTP/1.1 keep-alive",
    variants: { console: c, console_tls: ct, kubectl_proxy: k, bare_hop: b },
    note: "p50/p99 are medians of the per-round wrk percentiles; kubectl proxy = the fleet's kubectl (same program as Debian's kubernetes-client 1.20, version-matched to the 1.37 apiserver)",
  };
  log(
    `throughput: console ${c.rps} req/s (${c.cpu_us_per_request} us CPU/req), over https ${ct.rps} req/s (${ct.cpu_us_per_request} us CPU/req), kubectl proxy ${k.rps} req/s (${k.cpu_us_per_request} us CPU/req), bare Node hop ${b.rps} req/s (${b.cpu_us_per_request} us CPU/req)`,
  );
  emit({ name: "proxy_throughput_ratio_kubectl_proxy", value: round(c.rps / k.rps, 3), unit: "ratio", detail });
  emit({ name: "proxy_throughput_ratio_kubectl_proxy_tls", value: round(ct.rps / k.rps, 3), unit: "ratio", detail: { console_tls: ct, kubectl_proxy: k, note: "console over https against kubectl proxy over plain http" } });
  emit({ name: "proxy_throughput_ratio_bare_hop", value: round(c.rps / b.rps, 3), unit: "ratio", detail: { console: c, bare_hop: b } });
  emit({ name: "proxy_throughput_rps_console", value: c.rps, unit: "req/s", detail: { connections, p50_ms: c.p50_ms, p99_ms: c.p99_ms } });
  emit({ name: "proxy_throughput_rps_console_tls", value: ct.rps, unit: "req/s", detail: { connections, p50_ms: ct.p50_ms, p99_ms: ct.p99_ms } });
  emit({ name: "proxy_throughput_rps_kubectl_proxy", value: k.rps, unit: "req/s", detail: { connections, p50_ms: k.p50_ms, p99_ms: k.p99_ms } });
  emit({ name: "proxy_throughput_ratio_bare_hop_kubectl_proxy", value: round(b.rps / k.rps, 3), unit: "ratio", detail: { bare_hop_rps: b.rps, cpu_us_per_request: b.cpu_us_per_request } });
  emit({
    name: "proxy_console_cpu_us_per_request",
    value: c.cpu_us_per_request,
    unit: "us",
    detail: { requests: c.requests, measured_over: "throughput rounds", kubectl_proxy_cpu_us_per_request: k.cpu_us_per_request, bare_hop_cpu_us_per_request: b.cpu_us_per_request, console_tls_cpu_us_per_request: ct.cpu_us_per_request },
  });
}

// ---- hostile bodies (issue 12: every parser on the request path is linear and bounded) ----

const fill64k = (one: Buffer) => Buffer.concat(Array.from({ length: Math.floor((64 * 1024 - 64) / one.length) }, () => one));

/** Self-reviews of 64 KiB in shapes that made parsers quadratic, beside an ordinary one. */
const HOSTILE: Record<string, { body: Buffer; type: string }> = {
  ordinary: { body: Buffer.from(JSON.stringify({ spec: { resourceAttributes: { namespace: "default", verb: "get", resource: "pods" } } })), type: "application/json" },
  protobuf_repeated_fields: { body: reviewWithAttributes(fill64k(field(5, "pods"))), type: "application/vnd.kubernetes.protobuf" },
  protobuf_unknown_fields: { body: reviewWithAttributes(fill64k(field(9, ""))), type: "application/vnd.kubernetes.protobuf" },
  json_deep_arrays: { body: Buffer.from("[".repeat(32 * 1024) + "]".repeat(32 * 1024)), type: "application/json" },
};

function post(t: Target, apiPath: string, body: Buffer, type: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(new URL(t.base + apiPath), { method: "POST", agent: t.agent, headers: { ...t.headers, "content-type": type, "content-length": body.length } }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Each body shape at concurrency 1 (p50/p99), then ordinary GETs measured
 * while every hostile shape is sent in a loop beside them: the event loop
 * stays free, so their p99 stays near the undisturbed one.
 */
async function hostileBodies(ctx: BenchContext, viaConsole: Target, podPath: string) {
  const review = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
  const n = ctx.smoke ? 5 : 100;
  const shapes: Record<string, ReturnType<typeof stats>> = {};
  for (const [name, { body, type }] of Object.entries(HOSTILE)) {
    const samples: Timed[] = [];
    for (let i = 0; i < n; i++) {
      const r = await post(viaConsole, review, body, type);
      if (r.status >= 500) throw new Error(`hostile body ${name}: ${r.status}`);
      samples.push(r);
    }
    shapes[name] = stats([samples]);
  }
  const quiet = await series(viaConsole, podPath, n);
  const flood = consoleTarget(ctx, CLUSTER, 4);
  let stop = false;
  const flooding = Promise.all(
    Object.values(HOSTILE).map(async ({ body, type }) => {
      while (!stop) await post(flood, review, body, type);
    }),
  );
  const loud = await series(viaConsole, podPath, n);
  stop = true;
  await flooding;
  flood.agent.destroy();
  const worst = Math.max(...Object.entries(shapes).filter(([k]) => k !== "ordinary").map(([, v]) => v.p99_ms));
  const detail = { bytes: 64 * 1024, per_shape: n, shapes, get_quiet: stats([quiet]), get_beside_hostile_bodies: stats([loud]), note: "answered by the console itself (self-reviews); 4 connections send the hostile shapes in a loop during the second GET series" };
  log(`hostile bodies: worst p99 ${worst} ms (ordinary ${shapes.ordinary.p99_ms} ms); GET p99 ${detail.get_quiet.p99_ms} ms quiet, ${detail.get_beside_hostile_bodies.p99_ms} ms beside them`);
  emit({ name: "proxy_hostile_body_p99_ms", value: worst, unit: "ms", detail });
  emit({ name: "proxy_get_p99_ratio_beside_hostile_bodies", value: round(detail.get_beside_hostile_bodies.p99_ms / detail.get_quiet.p99_ms, 3), unit: "ratio", detail: { quiet: detail.get_quiet, beside: detail.get_beside_hostile_bodies } });
}

main(async (ctx) => {
  const smoke = ctx.smoke;
  const direct = directTarget(ctx, CLUSTER, 1);
  const viaConsole = consoleTarget(ctx, CLUSTER, 1);
  const viaConsoleTLS = consoleTLSTarget(ctx, CLUSTER, 1);
  // BENCH_PROXY_PHASES=throughput: one phase alone, e.g. to profile it.
  const phases = new Set((process.env.BENCH_PROXY_PHASES ?? "get,list,throughput,hostile").split(","));
  // Smoke runs use a small namespace of their own so they finish in seconds even on a fresh fleet.
  const ns = smoke ? "bench-proxy-smoke" : "bench-proxy-list";
  const pods = smoke ? 20 : 500;
  const setupTarget = directTarget(ctx, CLUSTER, 8);
  const count = await ensurePods(setupTarget, ns, pods);
  setupTarget.agent.destroy();
  log(`${count} pods in ${CLUSTER}/${ns}`);

  const kp = await startKubectlProxy(ctx, CLUSTER);
  const hop = await startBareHop(ctx, CLUSTER);
  const undiciHop = await startBareHop(ctx, CLUSTER, "undici");
  try {
    const viaKubectl = plainTarget("kubectl_proxy", kp.url, 1);
    const viaBareHop = plainTarget("bare_hop", hop.url, 1);
    const viaUndiciHop = plainTarget("bare_undici_hop", undiciHop.url, 1);
    const targets = [direct, viaConsole, viaConsoleTLS, viaKubectl, viaBareHop, viaUndiciHop];
    const pod = `/api/v1/namespaces/${ns}/pods/bench-0`;
    if (phases.has("get")) await latency("get", targets, pod, smoke ? 10 : 200, smoke ? 4 : 20, smoke ? 10 : 50);
    if (phases.has("list")) await latency("list", targets, `/api/v1/namespaces/${ns}/pods`, smoke ? 2 : 5, smoke ? 2 : 15, smoke ? 3 : 8);
    if (phases.has("throughput")) await throughput(ctx, kp, hop, pod);
    if (phases.has("hostile")) await hostileBodies(ctx, viaConsole, pod);
    for (const t of targets) t.agent.destroy();
  } finally {
    kp.stop();
    hop.stop();
    undiciHop.stop();
  }
});

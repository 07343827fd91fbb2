// The console in a browser, at scale:
//   ui_10k_pods_first_rows_ms — navigation start → first table rows on screen for the pods page of a namespace
//     with 10,000 pods on member-1, in chromium; median of 5 after a warm-up;
//   first_load_js_kb_max — the largest first-load JS (gzip) of any route of the production build.
// Bundled and run by bench/run.mjs; prints one JSON line per result.
import path from "node:path";
import { firstLoadJsOfBuild } from "../lib/first-load-js";
import { firstRows } from "../lib/first-rows";
import { type BenchContext, emit, log, main, percentile, round } from "../lib/harness";
import { type Target, benchContainers, directTarget, json, pool } from "../lib/http";

const CLUSTER = "member-1";
// Between samples: what the previous one left running (its list pages, the teardown of its browser context)
// is over before the next navigation starts, as when a person navigates.
const SETTLE_MS = 3000;

interface PodList {
  metadata: { continue?: string; remainingItemCount?: number };
  items: { metadata: { name: string } }[];
}

const podName = (i: number) => `ui-${String(i).padStart(5, "0")}`;
// No scheduler has this name: the pods stay Pending and unbound. Bound to kwok nodes, 10,000 pods keep the
// fleet's kwok busy for an hour running them and then time out its metrics endpoints (the nodes' Prometheus
// targets go down and `make fleet` no longer comes up ready); a list page shows a Pending pod like any other.
const NO_SCHEDULER = "pilothouse-bench-unscheduled";

/** How many pods the namespace holds, from a one-item page and the server's count of the rest. */
async function countPods(direct: Target, ns: string): Promise<number> {
  const l = (await json<PodList>(direct, "GET", `/api/v1/namespaces/${ns}/pods?limit=1`)).body;
  return l.items.length + (l.metadata.remainingItemCount ?? 0);
}

/** Every pod name in the namespace, page by page (a single list of 10,000 pods is ~50 MB). */
async function podNames(direct: Target, ns: string): Promise<Set<string>> {
  const names = new Set<string>();
  let token = "";
  do {
    const l = (await json<PodList>(direct, "GET", `/api/v1/namespaces/${ns}/pods?limit=2000${token ? `&continue=${encodeURIComponent(token)}` : ""}`)).body;
    for (const p of l.items) names.add(p.metadata.name);
    token = l.metadata.continue ?? "";
  } while (token);
  return names;
}

/** A pod as a deployment would make it (see benchContainers), left unscheduled. */
function pod(i: number) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: podName(i),
      labels: { app: "bench-ui", "pilothouse.dev/bench": "ui", shard: String(i % 10) },
      annotations: { "pilothouse.dev/bench-index": String(i) },
    },
    spec: {
      schedulerName: NO_SCHEDULER,
      containers: benchContainers(i),
    },
  };
}

/**
 * A namespace with `n` pods (creating 10,000 takes about a minute).
 * Idempotent: pods bound to a node (an older layout of this suite) are
 * deleted, missing ones created. Returns how many there are.
 */
async function ensurePods(direct: Target, ns: string, n: number): Promise<number> {
  // The previous run's namespace may still be terminating.
  for (let i = 0; ; i++) {
    const r = await json<{ metadata: { deletionTimestamp?: string } }>(direct, "GET", `/api/v1/namespaces/${ns}`, undefined, [200, 404]);
    if (r.status === 404 || !r.body.metadata.deletionTimestamp) break;
    if (i >= 120) throw new Error(`${CLUSTER}/${ns} is still terminating after 2 minutes`);
    await new Promise((res) => setTimeout(res, 1000));
  }
  await json(direct, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/bench": "ui" } } }, [201, 409]);
  const bound = `/api/v1/namespaces/${ns}/pods?fieldSelector=${encodeURIComponent("spec.nodeName!=")}`;
  for (let i = 0; (await json<PodList>(direct, "GET", `${bound}&limit=1`)).body.items.length > 0; i++) {
    if (i >= 30) throw new Error(`${CLUSTER}/${ns}: cannot delete the pods bound to nodes`);
    if (i === 0) log(`${CLUSTER}/${ns}: deleting the pods bound to nodes`);
    // A thousand at a time (grace 0): one collection delete of 10,000 outlasts the request timeout.
    await json(direct, "DELETE", `${bound}&limit=1000&gracePeriodSeconds=0`, undefined, [200, 500, 504]);
  }
  if ((await countPods(direct, ns)) < n) {
    const have = await podNames(direct, ns);
    const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !have.has(podName(i)));
    log(`creating ${missing.length} pods in ${CLUSTER}/${ns}`);
    await pool(missing, 8, (i) => json(direct, "POST", `/api/v1/namespaces/${ns}/pods`, pod(i), [201, 409]));
  }
  return countPods(direct, ns);
}

/**
 * Deletes the namespace's pods (a thousand at a time, grace 0) and the
 * namespace. Not kept between runs: kube-state-metrics turns 10,000 pods into
 * 250,000 series (38 MB per scrape, every 5 s), which would load this machine
 * for every other benchmark and test. BENCH_UI_KEEP_PODS=1 keeps them.
 */
async function deletePods(direct: Target, ns: string) {
  for (let i = 0; (await countPods(direct, ns)) > 0; i++) {
    if (i >= 40) throw new Error(`${CLUSTER}/${ns}: pods left after 40 collection deletes`);
    await json(direct, "DELETE", `/api/v1/namespaces/${ns}/pods?limit=1000&gracePeriodSeconds=0`, undefined, [200, 500, 504]);
  }
  await json(direct, "DELETE", `/api/v1/namespaces/${ns}`, undefined, [200, 202, 404]);
}

async function podsFirstRows(ctx: BenchContext) {
  const ns = ctx.smoke ? "bench-ui-smoke" : "bench-ui-10k";
  const pods = ctx.smoke ? 200 : 10_000;
  const setup = directTarget(ctx, CLUSTER, 8);
  const t0 = Date.now();
  const count = await ensurePods(setup, ns, pods);
  if (count !== pods) throw new Error(`${CLUSTER}/${ns} holds ${count} pods, expected ${pods} (delete the namespace to start over)`);
  log(`${count} pods in ${CLUSTER}/${ns} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  try {
    await measureFirstRows(ctx, ns, pods);
  } finally {
    if (!process.env.BENCH_UI_KEEP_PODS) {
      const t1 = Date.now();
      await deletePods(setup, ns);
      log(`deleted the pods of ${CLUSTER}/${ns} (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
    }
    setup.agent.destroy();
  }
}

async function measureFirstRows(ctx: BenchContext, ns: string, pods: number) {
  const path = `/c/${CLUSTER}/ns/${ns}/pods`;
  const { samples, all, runs, warmup, settleMs } = await firstRows(ctx, path, pods, SETTLE_MS);
  const first = samples.map((s) => s.first_row_ms);
  emit({
    name: "ui_10k_pods_first_rows_ms",
    value: round(percentile(first, 50), 0),
    unit: "ms",
    detail: {
      url: path,
      pods,
      pod_phase: "Pending (unbound, no scheduler of that name)",
      runs,
      warmup,
      p90_ms: round(percentile(first, 90), 0),
      samples_ms: first.map((v) => round(v, 0)),
      warmup_all_rows_live_ms: all === undefined ? null : round(all, 0),
      settle_ms: settleMs,
      measured: "navigation start (performance.timeOrigin) → first animation frame with the first data row in the viewport; chromium 1440×900, fresh profile per sample, a pause between samples; the page must say it has all the pods",
    },
  });
}

function firstLoadJsMax(ctx: BenchContext) {
  const routes = firstLoadJsOfBuild(path.join(ctx.root, ".next"));
  const top = routes[0];
  const kb = (b: number) => round(b / 1000, 1);
  log(`first-load JS: largest ${kb(top.bytes)} kB (${top.route}), smallest ${kb(routes.at(-1)!.bytes)} kB, ${routes.length} routes`);
  emit({
    name: "first_load_js_kb_max",
    value: kb(top.bytes),
    unit: "kB",
    detail: {
      route: top.route,
      files: top.files.length,
      routes: Object.fromEntries(routes.map((r) => [r.route, kb(r.bytes)])),
      measured: "gzip -9 of the distinct scripts a route loads first (.next/build-manifest.json rootMainFiles + the route's entryJSFiles), kB = 1000 bytes; lazy chunks and nomodule polyfills not counted",
    },
  });
}

main(async (ctx) => {
  firstLoadJsMax(ctx);
  await podsFirstRows(ctx);
});

// The console's memory with ten clusters: grow the fleet to 10 clusters
// (FLEET_CLUSTERS=10 make fleet), register the new members, browse every
// cluster's pages and lists as an admin does, then read the console's RSS.
// Afterwards the members are unregistered and the fleet shrinks back to 3.
// Smoke: the fleet as it is (3 clusters), a short browse, the same figures.
// Bundled and run by bench/run.mjs; prints one JSON line per result.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type BenchContext, type FleetCluster, emit, log, main, make, round, rssMiB } from "../lib/harness";
import { Session, api } from "../lib/console";

const TARGET_CLUSTERS = 10;

function fleetNow(ctx: BenchContext): FleetCluster[] {
  return JSON.parse(readFileSync(path.join(ctx.root, ".fleet/fleet.json"), "utf8")) as FleetCluster[];
}

async function registered(ctx: BenchContext): Promise<{ name: string; health: { status: string } }[]> {
  const r = await api<{ items: { name: string; health: { status: string } }[] }>(ctx.console.url, ctx.console.adminToken, "GET", "/api/clusters");
  if (r.status !== 200) throw new Error(`GET /api/clusters: ${r.status}`);
  return r.body.items;
}

/** What an admin's tour of the console fetches: pages (server-rendered with their prefetches) and the lists behind them. */
async function browse(ctx: BenchContext, session: Session, clusters: string[]) {
  const pages = ["/", "/clusters", "/projects", "/workloads", "/monitoring", "/access"];
  for (const c of clusters) pages.push(`/c/${c}`, `/c/${c}/workloads`, `/c/${c}/nodes`, `/c/${c}/namespaces`, `/c/${c}/events`, `/c/${c}/monitoring`, `/c/${c}/ns/kube-system/pods`);
  const apis = ["/api/clusters", "/api/projects", "/api/metrics/alerts", "/api/tenants"];
  for (const c of clusters) {
    apis.push(`/clusters/${c}/api/v1/pods?limit=500`, `/clusters/${c}/api/v1/nodes`, `/clusters/${c}/apis/apps/v1/deployments`, `/clusters/${c}/api/v1/events?limit=500`);
  }
  let failed = 0;
  for (const p of pages) {
    const r = await session.fetch(p);
    await r.arrayBuffer();
    if (r.status >= 500) failed++;
  }
  for (const p of apis) {
    const r = await fetch(ctx.console.url + p, { headers: { authorization: `Bearer ${ctx.console.adminToken}` } });
    await r.arrayBuffer();
    if (r.status >= 500) failed++;
  }
  if (failed) throw new Error(`${failed} of ${pages.length + apis.length} requests failed with a server error while browsing`);
  return pages.length + apis.length;
}

main(async (ctx) => {
  const rss0 = rssMiB(ctx.console.pid);
  const added: string[] = [];
  const grow = !ctx.smoke;
  try {
    if (grow) {
      log(`growing the fleet to ${TARGET_CLUSTERS} clusters (FLEET_CLUSTERS=${TARGET_CLUSTERS} make fleet)`);
      const t0 = Date.now();
      await make(ctx, "fleet", { FLEET_CLUSTERS: String(TARGET_CLUSTERS) });
      log(`fleet of ${TARGET_CLUSTERS} ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      const have = new Set((await registered(ctx)).map((c) => c.name));
      for (const c of fleetNow(ctx)) {
        if (have.has(c.name)) continue;
        const r = await api(ctx.console.url, ctx.console.adminToken, "POST", "/api/clusters", {
          source: "kubeconfig",
          name: c.name,
          kubeconfig: readFileSync(c.kubeconfig, "utf8"),
          prometheusURL: c.prometheus,
        });
        if (r.status !== 201) throw new Error(`registering ${c.name}: ${r.status} ${JSON.stringify(r.body)}`);
        added.push(c.name);
      }
    }
    const clusters = (await registered(ctx)).map((c) => c.name);
    if (grow && clusters.length < TARGET_CLUSTERS) throw new Error(`only ${clusters.length} clusters registered`);
    for (let i = 0; ; i++) {
      const items = await registered(ctx);
      if (items.every((c) => c.health.status === "Ready")) break;
      if (i > 120) throw new Error(`clusters not Ready after 60 s: ${items.filter((c) => c.health.status !== "Ready").map((c) => `${c.name}=${c.health.status}`).join(", ")}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const session = await Session.signIn(ctx.console.url, "admin", ctx.console.adminPassword);
    const rounds = ctx.smoke ? 1 : 3;
    let requests = 0;
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      requests += await browse(ctx, session, clusters);
      samples.push(round(rssMiB(ctx.console.pid), 1));
    }
    // Settle: let a collection run so the figure is what the process holds, not garbage in flight.
    await new Promise((r) => setTimeout(r, 3_000));
    const rss = rssMiB(ctx.console.pid);
    const detail = {
      clusters: clusters.length,
      requests,
      rss_before_mib: round(rss0, 1),
      rss_after_each_round_mib: samples,
      note: "RSS of the console process (/proc/<pid>/status VmRSS) after browsing every cluster's pages and lists",
    };
    log(`console RSS ${rss.toFixed(1)} MiB with ${clusters.length} clusters after ${requests} requests`);
    emit({ name: grow ? "console_rss_mb_10_clusters" : "console_rss_mb_smoke", value: round(rss, 1), unit: "MiB", detail });
  } finally {
    if (grow) {
      for (const name of added) {
        const r = await api(ctx.console.url, ctx.console.adminToken, "DELETE", `/api/clusters/${name}`);
        if (r.status !== 204 && r.status !== 200) log(`unregistering ${name}: ${r.status}`);
      }
      log("shrinking the fleet back to 3 clusters");
      await make(ctx, "fleet-shrink", { N: "3" });
    }
  }
});

// The console as a control plane: how fast a role binding made on one
// replica takes effect on another, how a dead member affects a cross-cluster
// list, and how fast a dead member is flagged.
import net from "node:net";
import { type BenchContext, emit, log, main, make, percentile, round } from "../lib/harness";
import { Session, api, startReplica } from "../lib/console";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function propagation(ctx: BenchContext) {
  const A = ctx.console.url;
  const admin = ctx.console.adminToken;
  const user = `bench-prop-${Date.now().toString(36)}`;
  const password = "bench-propagation-pw";
  const created = await api(A, admin, "POST", "/api/users", { username: user, password });
  if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
  const B = await startReplica(ctx);
  try {
    const token = await (await Session.signIn(B.url, user, password)).token("propagation");
    const probe = (ns: string) =>
      fetch(`${B.url}/clusters/member-1/api/v1/namespaces/${ns}/configmaps?limit=1`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    const grant: number[] = [];
    const revoke: number[] = [];
    const trials = ctx.smoke ? 2 : 15;
    for (let i = 0; i < trials; i++) {
      const ns = `bench-prop-${i}`;
      if ((await probe(ns)) !== 403) throw new Error(`${user} may already read ${ns} on B`);
      const t0 = performance.now();
      const b = await api<{ name: string }>(A, admin, "POST", "/api/rolebindings", {
        subject: { kind: "User", name: user },
        role: "project-viewer",
        scope: { type: "project", cluster: "member-1", namespace: ns },
      });
      if (b.status !== 201) throw new Error(`binding: ${b.status} ${JSON.stringify(b.body)}`);
      while ((await probe(ns)) === 403) {
        if (performance.now() - t0 > 30_000) throw new Error("the binding did not reach replica B in 30 s");
        await sleep(2);
      }
      grant.push(performance.now() - t0);
      const t1 = performance.now();
      const d = await api(A, admin, "DELETE", `/api/rolebindings/${b.body.name}`);
      if (d.status !== 204) throw new Error(`delete binding: ${d.status}`);
      while ((await probe(ns)) !== 403) {
        if (performance.now() - t1 > 30_000) throw new Error("the revocation did not reach replica B in 30 s");
        await sleep(2);
      }
      revoke.push(performance.now() - t1);
    }
    // The worst trial, not the median: a grant that is late once is late.
    emit({
      name: "policy_propagation_ms",
      value: round(Math.max(...grant), 1),
      unit: "ms",
      detail: {
        trials,
        grant_p50_ms: round(percentile(grant, 50), 1),
        grant_max_ms: round(Math.max(...grant), 1),
        revoke_p50_ms: round(percentile(revoke, 50), 1),
        revoke_max_ms: round(Math.max(...revoke), 1),
        how: "POST /api/rolebindings on replica A, then GET through replica B's proxy as the user every 2 ms until it stops answering 403",
      },
    });
  } finally {
    await B.stop();
  }
}

/** p50 of GET /api/projects (every cluster's projects) over n requests. */
async function projectList(ctx: BenchContext, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await fetch(`${ctx.console.url}/api/projects`, { headers: { authorization: `Bearer ${ctx.console.adminToken}` } });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`GET /api/projects: ${r.status} ${body}`);
    out.push(performance.now() - t0);
  }
  return out;
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", () => resolve(true));
  });
}

async function health(ctx: BenchContext, cluster: string): Promise<string> {
  const r = await api<{ health: { status: string } }>(ctx.console.url, ctx.console.adminToken, "GET", `/api/clusters/${cluster}`);
  return r.body.health.status;
}

async function waitHealth(ctx: BenchContext, cluster: string, status: string, timeoutMs: number) {
  const t0 = performance.now();
  while ((await health(ctx, cluster)) !== status) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`${cluster} did not become ${status} in ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function deadMember(ctx: BenchContext) {
  const victim = "member-2";
  const port = Number(new URL(ctx.fleet.find((c) => c.name === victim)!.server).port);
  const n = 300;
  const cycles = 3;
  const healthy: number[] = [];
  const dead: number[] = [];
  const flags: number[] = [];
  await waitHealth(ctx, victim, "Ready", 60_000);
  await projectList(ctx, 50); // warm-up
  for (let c = 0; c < cycles; c++) {
    healthy.push(...(await projectList(ctx, n)));
    // Watch both sides at once: when the apiserver stops accepting connections, and when the console says so.
    let downAt = 0;
    let flaggedAt = 0;
    const watching = (async () => {
      while (!downAt || !flaggedAt) {
        const now = performance.now();
        const [refused, status] = await Promise.all([downAt ? true : refuses(port), flaggedAt ? "Unreachable" : health(ctx, victim)]);
        if (refused && !downAt) downAt = now;
        if (status === "Unreachable" && !flaggedAt) flaggedAt = performance.now();
        await sleep(5);
      }
    })();
    log(`stopping ${victim} (cycle ${c + 1}/${cycles})`);
    await make(ctx, "fleet-stop", { CLUSTER: victim });
    try {
      await Promise.race([watching, sleep(30_000).then(() => Promise.reject(new Error(`${victim} was not flagged Unreachable within 30 s`)))]);
      flags.push(Math.max(0, flaggedAt - downAt));
      dead.push(...(await projectList(ctx, n)));
    } finally {
      log(`starting ${victim}`);
      await make(ctx, "fleet-start", { CLUSTER: victim });
    }
    await waitHealth(ctx, victim, "Ready", 60_000);
  }
  const h = percentile(healthy, 50);
  const d = percentile(dead, 50);
  emit({
    name: "fanout_dead_member_ratio",
    value: round(d / h, 3),
    unit: "x",
    detail: {
      what: "GET /api/projects (projects of every cluster), p50 with member-2 stopped ÷ p50 with all healthy",
      healthy_p50_ms: round(h, 2),
      healthy_p99_ms: round(percentile(healthy, 99), 2),
      dead_p50_ms: round(d, 2),
      dead_p99_ms: round(percentile(dead, 99), 2),
      requests_each: healthy.length,
      cycles,
    },
  });
  emit({
    name: "dead_member_flag_ms",
    value: round(Math.max(...flags), 1),
    unit: "ms",
    detail: {
      what: "member-2's apiserver refuses connections → GET /api/clusters/member-2 says Unreachable (worst of the cycles)",
      each_ms: flags.map((f) => round(f, 1)),
    },
  });
}

main(async (ctx) => {
  await propagation(ctx);
  // Stopping and restarting a member takes tens of seconds: the smoke run
  // exercises the list only (outages are covered by the integration tests).
  if (ctx.smoke) {
    const t = await projectList(ctx, 20);
    emit({ name: "fanout_healthy_p50_ms", value: round(percentile(t, 50), 2), unit: "ms", detail: { requests: t.length } });
  } else await deadMember(ctx);
});

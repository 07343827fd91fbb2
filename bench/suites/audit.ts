// The audit trail in PostgreSQL (a database of its own per run, dropped at the end):
//   what it costs a proxied write: the bench console (trail off) against a second
//   console of the same build with PILOTHOUSE_DATABASE_URL, PATCHes of a ConfigMap
//   on member-1 interleaved (A B A B …), p50 ratio on ÷ off; the rows must arrive;
//   how fast a filtered page answers over 1,000,000 rows of 90 days through
//   GET /api/audit (p50 of each filter; the figure is the slowest).
// Bundled and run by bench/run.mjs; prints one JSON line per result.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import type { AuditQuery } from "@/lib/validations/audit";
import { pageStatement } from "../../lib/audit/query";
import { type Replica, Session, api, startConsole } from "../lib/console";
import { type BenchContext, emit, interleave, kubectl, log, main, percentile, round } from "../lib/harness";
import { directTarget, json } from "../lib/http";

const CLUSTER = "member-1";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One PATCH through a console's proxy; its time to the last byte, throwing unless 200. */
function patch(base: string, agent: http.Agent, token: string, apiPath: string, body: unknown): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      `${base}${apiPath}`,
      { method: "PATCH", agent, headers: { authorization: `Bearer ${token}`, "content-type": "application/merge-patch+json", accept: "application/json" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const ms = performance.now() - t0;
          if (res.statusCode !== 200) reject(new Error(`PATCH ${base}${apiPath}: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`));
          else resolve(ms);
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

const stats = (xs: number[]) => ({ p50_ms: round(percentile(xs, 50), 3), p99_ms: round(percentile(xs, 99), 3), samples: xs.length });

/** The console with the trail on: fresh state of its own, the bench console's members registered, an admin token. */
async function startTrailConsole(ctx: BenchContext, namespace: string, databaseURL: string): Promise<{ c: Replica; token: string }> {
  const c = await startConsole(ctx, {
    namespace,
    logs: true, // its audit lines are read as the bench console's are
    env: { PILOTHOUSE_DATABASE_URL: databaseURL, PILOTHOUSE_HOST_PROMETHEUS_URL: ctx.fleet.find((f) => f.name === "host")?.prometheus ?? "" },
  });
  const token = await (await Session.signIn(c.url, "admin", ctx.console.adminPassword)).token("bench-audit");
  for (const f of ctx.fleet.filter((f) => f.name !== "host").slice(0, 2)) {
    const r = await api(c.url, token, "POST", "/api/clusters", { source: "kubeconfig", name: f.name, kubeconfig: readFileSync(f.kubeconfig, "utf8"), prometheusURL: f.prometheus });
    if (r.status !== 201 && r.status !== 409) throw new Error(`registering ${f.name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  // The schema is in place before anything is measured.
  for (let i = 0; ; i++) {
    const h = (await (await fetch(`${c.url}/api/healthz`)).json()) as { audit?: { ready: boolean; lastError?: string } };
    if (h.audit?.ready) break;
    if (i > 100) throw new Error(`the trail console's audit schema is not ready: ${JSON.stringify(h)}`);
    await sleep(100);
  }
  return { c, token };
}

async function countRows(db: pg.Client, console: string, ns: string): Promise<number> {
  const r = await db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE console = $1 AND cluster = $2 AND namespace = $3 AND verb = 'patch'", [console, CLUSTER, ns]);
  return Number(r.rows[0].n);
}

async function writeOverhead(ctx: BenchContext, on: { c: Replica; token: string }, db: pg.Client, onNamespace: string, ns: string) {
  const off = { url: ctx.console.url, token: ctx.console.adminToken };
  // The bench console must really have the trail off, or the ratio compares on with on.
  const offAudit = await api(off.url, off.token, "GET", "/api/audit?limit=1");
  if (offAudit.status !== 503) throw new Error(`the bench console's trail is not off (GET /api/audit: ${offAudit.status}); unset PILOTHOUSE_DATABASE_URL`);

  const cmPath = (v: string) => `/clusters/${CLUSTER}/api/v1/namespaces/${ns}/configmaps/audit-bench-${v}`;
  const variants = { off: { ...off, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }) }, on: { url: on.c.url, token: on.token, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }) } };
  let n = 0;
  // Each PATCH changes the object (a real write to etcd); each variant its own ConfigMap.
  const once = (v: keyof typeof variants) => patch(variants[v].url, variants[v].agent, variants[v].token, cmPath(v), { data: { n: String(++n) } });
  const series = async (v: keyof typeof variants, count: number) => {
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(await once(v));
    return out;
  };
  const warm = ctx.smoke ? 5 : 200;
  const rounds = ctx.smoke ? 4 : 40;
  const perRound = ctx.smoke ? 5 : 25;
  const before = await countRows(db, onNamespace, ns);
  for (const v of ["off", "on"] as const) await series(v, warm);
  const samples = await interleave({ off: () => series("off", perRound), on: () => series("on", perRound) }, rounds);
  const offMs = samples.off.flat();
  const onMs = samples.on.flat();
  const ratio = percentile(onMs, 50) / percentile(offMs, 50);
  const roundRatios = samples.on.map((s, i) => percentile(s, 50) / percentile(samples.off[i], 50));

  // A bench that measures nothing must fail: every PATCH of the trail console is a row (they arrive in batches).
  const want = warm + rounds * perRound;
  let rows = 0;
  for (let i = 0; ; i++) {
    rows = (await countRows(db, onNamespace, ns)) - before;
    if (rows >= want) break;
    if (i > 150) throw new Error(`the trail console wrote ${rows} of ${want} rows for its PATCHes in 15 s`);
    await sleep(100);
  }
  const health = (await (await fetch(`${on.c.url}/api/healthz`)).json()) as { audit?: Record<string, unknown> };
  const detail = {
    write: `PATCH (merge patch) of a ConfigMap on ${CLUSTER} through /clusters/…, bearer token, concurrency 1`,
    off: stats(offMs),
    on: stats(onMs),
    rounds,
    per_round: perRound,
    warmup_per_variant: warm,
    round_ratio_median: round(percentile(roundRatios, 50), 3),
    rows_written: rows,
    trail_health: health.audit,
  };
  log(`writes: off p50 ${detail.off.p50_ms} ms, on p50 ${detail.on.p50_ms} ms; ratio ${ratio.toFixed(3)}; ${rows} rows written`);
  emit({ name: "audit_overhead_write_p50_ratio", value: round(ratio, 3), unit: "ratio", detail });
  emit({ name: "audit_write_p50_ms_off", value: detail.off.p50_ms, unit: "ms", detail: detail.off });
  emit({ name: "audit_write_p50_ms_on", value: detail.on.p50_ms, unit: "ms", detail: detail.on });
}

/**
 * `n` rows of one installation as a busy platform makes them in 90 days: 2,000
 * users and 40 tenants (a few busy, many quiet), 12 clusters, 400 namespaces,
 * 20 kinds of change, 50,000 objects, 7 % refused and 3 % failed, sign-ins and
 * tokens among them. One statement; random() seeded so runs compare.
 */
async function fill(db: pg.Client, console: string, n: number) {
  await db.query("SELECT setseed(0.18)");
  await db.query(
    `INSERT INTO audit_events (console, time, request_id, event, username, groups, via, source, tenant, cluster, namespace, verb, api_group, resource, name, status, result, reason, details)
     SELECT $1,
       now() - random() * interval '90 days',
       gen_random_uuid()::text,
       s.ev,
       'user-' || lpad(s.u::text, 4, '0'),
       CASE WHEN s.u % 7 = 0 THEN '{developers,auditors}'::text[] WHEN s.u % 3 = 0 THEN '{developers}'::text[] ELSE '{}'::text[] END,
       (ARRAY['session', 'token', 'kubectl'])[1 + s.g % 3],
       '10.' || (s.u % 250) || '.' || (s.g % 250) || '.' || (1 + s.g % 200),
       CASE WHEN s.ev = 'request' THEN 'tenant-' || lpad(s.t::text, 2, '0') END,
       CASE WHEN s.ev = 'request' THEN 'member-' || (1 + (s.g * 7 + s.t) % 12) END,
       CASE WHEN s.ev = 'request' THEN 'tenant-' || lpad(s.t::text, 2, '0') || '-' || (ARRAY['shop', 'payments', 'web', 'api', 'data', 'ci', 'staging', 'prod', 'search', 'ml'])[1 + (s.g / 13) % 10] END,
       CASE WHEN s.ev = 'request' THEN r.verb WHEN s.ev = 'sign-in' THEN NULL ELSE 'create' END,
       CASE WHEN s.ev = 'request' THEN r.grp END,
       CASE WHEN s.ev = 'request' THEN r.res WHEN s.ev = 'sign-in' THEN NULL ELSE '/api/tokens' END,
       -- as pods and replica sets are named: <app>-<10 hex>-<5 hex>
       CASE WHEN s.ev = 'request' THEN (ARRAY['storefront', 'checkout', 'payments', 'cart', 'catalog', 'search', 'recommender', 'redis', 'postgres', 'api-gateway',
           'worker', 'scheduler', 'mailer', 'auth', 'billing', 'inventory', 'frontend', 'backend', 'ledger', 'notifier'])[1 + s.k % 20]
         || '-' || substr(md5(s.k::text), 1, 10) || '-' || substr(md5(s.k::text), 11, 5) END,
       s.status,
       CASE WHEN s.status IN (401, 403) THEN 'refused' WHEN s.status >= 400 THEN 'failed' ELSE 'allowed' END,
       CASE WHEN s.status = 403 THEN 'no rule allows ' || r.verb || ' ' || r.res WHEN s.status >= 400 THEN 'the cluster answered ' || s.status END,
       jsonb_build_object('method', upper(r.verb), 'userAgent', 'kubectl/v1.37.0', 'api', '/api/v1/namespaces/x/' || r.res)
     FROM (
       SELECT g,
         floor(power(random(), 1.6) * 2000)::int AS u,
         floor(power(random(), 1.4) * 40)::int AS t,
         floor(random() * 50000)::int AS k,
         CASE WHEN random() < 0.94 THEN 'request' WHEN random() < 0.6 THEN 'sign-in' WHEN random() < 0.7 THEN 'token.create' ELSE 'session' END AS ev,
         floor(random() * 20)::int AS ri,
         CASE WHEN random() < 0.90 THEN (ARRAY[200, 200, 201, 200])[1 + g % 4] WHEN random() < 0.7 THEN 403 WHEN random() < 0.5 THEN 404 ELSE 409 END AS status
       FROM generate_series(1, $2::int) g
     ) s
     JOIN (VALUES
       (0, 'patch', 'apps', 'deployments'), (1, 'update', 'apps', 'deployments'), (2, 'create', '', 'configmaps'), (3, 'delete', '', 'pods'),
       (4, 'create', '', 'pods/exec'), (5, 'get', '', 'pods/log'), (6, 'patch', '', 'configmaps'), (7, 'create', '', 'secrets'),
       (8, 'delete', '', 'secrets'), (9, 'patch', 'apps', 'statefulsets'), (10, 'update', 'apps', 'deployments/scale'), (11, 'create', 'batch', 'jobs'),
       (12, 'delete', 'batch', 'jobs'), (13, 'create', 'networking.k8s.io', 'ingresses'), (14, 'patch', '', 'services'), (15, 'create', '', 'services'),
       (16, 'list', '', 'secrets'), (17, 'create', 'tekton.dev', 'pipelineruns'), (18, 'patch', 'pilothouse.dev', 'routes'), (19, 'create', '', 'pods/portforward')
     ) AS r(i, verb, grp, res) ON r.i = s.ri`,
    [console, n],
  );
  await db.query("ANALYZE audit_events");
}

/** The plan's nodes, outermost first, with the index each scan uses. */
function planShape(plan: Record<string, unknown>): string {
  const parts: string[] = [];
  for (let node: Record<string, unknown> | undefined = plan; node; node = (node.Plans as Record<string, unknown>[] | undefined)?.[0]) {
    parts.push(node["Index Name"] ? `${node["Node Type"]} (${node["Index Name"]})` : String(node["Node Type"]));
  }
  return parts.join(" > ");
}

async function queries(ctx: BenchContext, on: { c: Replica; token: string }, db: pg.Client, console: string) {
  const rows = ctx.smoke ? 20_000 : 1_000_000;
  const t0 = performance.now();
  await fill(db, console, rows);
  log(`filled ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Filter values from the data: a median user and tenant, part of one object's name (the pod-hash suffix: a handful of rows).
  const pick = async (sql: string, values: unknown[]) => (await db.query<{ v: string }>(sql, values)).rows[0]?.v;
  const median = (col: string, extra: string) =>
    `SELECT ${col} AS v FROM audit_events WHERE console = $1 AND ${col} IS NOT NULL ${extra} GROUP BY ${col} ORDER BY count(*) DESC, ${col}
     OFFSET (SELECT count(DISTINCT ${col}) / 2 FROM audit_events WHERE console = $1 AND ${col} IS NOT NULL ${extra}) LIMIT 1`;
  const resource = "deployments";
  const user = await pick(median("username", "AND resource = $2"), [console, resource]);
  const tenant = await pick(median("tenant", "AND result = 'refused'"), [console]);
  const name = await pick("SELECT name AS v FROM audit_events WHERE console = $1 AND name IS NOT NULL ORDER BY id LIMIT 1 OFFSET $2", [console, Math.floor(rows / 2)]);
  if (!user || !tenant || !name) throw new Error(`no filter values in the filled rows (user ${user}, tenant ${tenant}, name ${name})`);
  const filters: Record<string, Partial<AuditQuery>> = {
    user_resource: { user, resource },
    tenant_refused: { tenant, result: "refused" },
    name_text: { q: name.slice(name.lastIndexOf("-") + 1) },
  };

  const calls = ctx.smoke ? 3 : 20;
  const figures: Record<string, { p50_ms: number; p99_ms: number; samples: number; query: string; items: number; plan: string }> = {};
  for (const [key, f] of Object.entries(filters)) {
    const query = new URLSearchParams({ ...(f as Record<string, string>), limit: "50" }).toString();
    let items = 0;
    const get = async () => {
      const t = performance.now();
      const r = await api<{ items: unknown[] }>(on.c.url, on.token, "GET", `/api/audit?${query}`);
      const ms = performance.now() - t;
      if (r.status !== 200) throw new Error(`GET /api/audit?${query}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      items = r.body.items.length;
      return ms;
    };
    for (let i = 0; i < 2; i++) await get();
    const ms: number[] = [];
    for (let i = 0; i < calls; i++) ms.push(await get());
    if (items === 0) throw new Error(`GET /api/audit?${query} answered no rows: the filter measured nothing`);
    // The statement the console runs, explained: which index answered.
    const s = pageStatement({ limit: 50, format: "json", ...f } as AuditQuery, { all: true }, console);
    const explained = await db.query<{ "QUERY PLAN": [{ Plan: Record<string, unknown> }] }>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
    figures[key] = { ...stats(ms), query, items, plan: planShape(explained.rows[0]["QUERY PLAN"][0].Plan) };
    log(`GET /api/audit?${query}: p50 ${figures[key].p50_ms} ms (${items} rows; ${figures[key].plan})`);
  }
  const worst = Object.entries(figures).sort((a, b) => b[1].p50_ms - a[1].p50_ms)[0];
  emit({ name: "audit_query_ms_1m_rows", value: worst[1].p50_ms, unit: "ms", detail: { rows, worst: worst[0], calls, filters: figures } });
  for (const [key, v] of Object.entries(figures)) emit({ name: `audit_query_p50_ms_${key}`, value: v.p50_ms, unit: "ms", detail: { rows, ...v } });
}

main(async (ctx) => {
  const run = randomBytes(3).toString("hex");
  const database = `audit_bench_${run}`;
  const fleetURL = readFileSync(path.join(ctx.root, ".fleet/postgres-url"), "utf8").trim();
  const url = fleetURL.replace(/\/[^/]*$/, `/${database}`);
  const onNamespace = `pilothouse-bench-audit-${run}`;
  const ns = `audit-bench-${run}`;
  const direct = directTarget(ctx, CLUSTER);

  const admin = new pg.Client({ connectionString: fleetURL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  let on: { c: Replica; token: string } | undefined;
  const db = new pg.Client({ connectionString: url });
  try {
    await json(direct, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/bench": "audit" } } }, [201, 409]);
    for (const v of ["off", "on"]) {
      await json(direct, "POST", `/api/v1/namespaces/${ns}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `audit-bench-${v}` }, data: { n: "0" } }, [201, 409]);
    }
    on = await startTrailConsole(ctx, onNamespace, url);
    log(`trail console on ${on.c.url} (database ${database}, namespace ${onNamespace})`);
    await db.connect();
    await writeOverhead(ctx, on, db, onNamespace, ns);
    await queries(ctx, on, db, onNamespace);
  } catch (e) {
    if (on) process.stderr.write(`trail console log (tail):\n${on.c.logs().split("\n").slice(-20).join("\n")}\n`);
    throw e;
  } finally {
    await on?.c.stop();
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((e) => log(`dropping ${database}: ${e}`));
    await admin.end();
    for (const [cluster, name] of [
      ["host", onNamespace],
      [CLUSTER, ns],
    ]) {
      await kubectl(ctx, cluster, ["delete", "namespace", name, "--ignore-not-found", "--wait=false"]).catch(() => undefined);
    }
  }
});

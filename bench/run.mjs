#!/usr/bin/env node
// `make bench`: starts (or reuses) the fleet and a production build of the
// console, runs every suite in bench/suites (each its own process, results as
// JSON lines), prints a table against the targets and writes
// bench/results/latest.json ({ results: [{name, value, unit, detail}], machine }).
//
//   node bench/run.mjs [--smoke] [--only=proxy,watch] [--rebuild]
//
// --smoke: a few seconds per suite and no thresholds (part of `make test`, so
// the suites cannot rot); results go to bench/results/smoke.json instead.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const { values: args } = parseArgs({
  options: { smoke: { type: "boolean", default: false }, only: { type: "string" }, rebuild: { type: "boolean", default: false } },
});
const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "dist/bench");
const fleetDir = path.join(root, ".fleet");
const kubeconfig = path.join(fleetDir, "kubeconfig");
const kubectlBin = path.join(fleetDir, "bin/kubectl");
mkdirSync(out, { recursive: true });
mkdirSync(path.join(root, "bench/results"), { recursive: true });

/** The issue's targets: [comparison, bound]. Figures without one are reported only. */
const TARGETS = {
  proxy_get_p50_ratio_direct: ["<=", 1.15],
  proxy_list_p50_ratio_direct: ["<=", 1.15],
  proxy_throughput_ratio_kubectl_proxy: [">=", 1.0],
  proxy_get_p50_ratio_kubectl_proxy: ["<=", 1.0],
  proxy_get_p50_ratio_bare_hop: ["<=", 1.05],
  watch_event_p99_added_ms: ["<=", 50],
  authz_decision_p99_us_50k: ["<=", 100],
  policy_propagation_ms: ["<=", 1000],
  fanout_dead_member_ratio: ["<=", 1.1],
  dead_member_flag_ms: ["<=", 2000],
  ui_10k_pods_first_rows_ms: ["<=", 1000],
  first_load_js_kb_max: ["<=", 200],
  console_rss_mb_10_clusters: ["<=", 300],
  // Issue 16: a weight change seen at the gateway (Traefik's own watch + throttle dominate).
  route_weight_converge_p95_ms: ["<=", 3000],
  // Issue 17: a project's 1,000 runs as fast as its pods; a step's first line soon after it starts.
  pipeline_runs_1000_first_rows_ms: ["<=", 1000],
  pipeline_log_first_line_ms: ["<=", 1000],
  // Issue 18: the audit trail costs a proxied write next to nothing; a filtered page over 1M rows is quick.
  audit_overhead_write_p50_ratio: ["<=", 1.05],
  audit_query_ms_1m_rows: ["<=", 200],
  // Issue 8's bounded soak.
  soak_unexpected_errors: ["<=", 0],
  soak_rss_growth_pct: ["<=", 10],
  // Issue 19: 1,000 registered clusters (100 of them dead) cost little while idle and never slow the proxy;
  // their pages are about as quick as the same pages of a 3-cluster console timed in turn with them.
  clusters_1000_page_ratio_vs_3: ["<=", 1.25],
  clusters_1000_overview_ratio_vs_3: ["<=", 1.25],
  clusters_1000_monitoring_ratio_vs_3: ["<=", 1.25],
  clusters_1000_probe_cpu_pct: ["<=", 20],
  proxy_get_p50_ratio_1000_vs_3: ["<=", 1.1],
};

// Order matters: the 10-cluster suite runs last (it grows the fleet, then shrinks it back).
const SUITES = [
  { name: "authz", nodeArgs: ["--expose-gc"] },
  { name: "proxy" },
  { name: "audit" },
  { name: "watch" },
  { name: "control" },
  { name: "soak" },
  { name: "ui" },
  { name: "routes" },
  { name: "pipelines" },
  { name: "clusters1000" },
  { name: "scale" },
].filter((s) => existsSync(path.join(root, `bench/suites/${s.name}.ts`)));
const only = args.only?.split(",").map((s) => s.trim());
const suites = only ? SUITES.filter((s) => only.includes(s.name)) : SUITES;

const step = (msg) => process.stderr.write(`bench: ${msg}\n`);

function run(cmd, argv, opts = {}) {
  execFileSync(cmd, argv, { cwd: root, stdio: ["ignore", "inherit", "inherit"], ...opts });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
    s.on("error", reject);
  });
}

const kubectl = (ctxName, argv) => execFileSync(kubectlBin, [`--kubeconfig=${kubeconfig}`, `--context=${ctxName}`, ...argv], { encoding: "utf8" });

// ---- fleet and build ------------------------------------------------------
if (!process.env.BENCH_SKIP_FLEET_UP) {
  step("fleet (make fleet: reuses a running one)");
  run("make", ["--no-print-directory", "fleet"]);
}
const fleet = JSON.parse(readFileSync(path.join(fleetDir, "fleet.json"), "utf8"));
if (args.rebuild || !existsSync(path.join(root, "dist/server.mjs")) || !existsSync(path.join(root, ".next/BUILD_ID"))) {
  step("production build (npm run build)");
  run("npm", ["run", "build", "--silent"]);
}

// ---- the console under test -------------------------------------------------
// A namespace per run: fresh state, and runs side by side do not disturb each other.
const namespace = `pilothouse-bench-${Date.now().toString(36)}`;
const adminPassword = "bench-admin-password";
step(`console: fresh state in namespace ${namespace}`);
const port = await freePort();
const consoleURL = `http://127.0.0.1:${port}`;
const consoleLog = [];
// BENCH_CONSOLE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": profile the console under the benchmarks.
const consoleNodeArgs = (process.env.BENCH_CONSOLE_NODE_ARGS ?? "").split(" ").filter(Boolean);
const child = spawn(process.execPath, [...consoleNodeArgs, path.join(root, "dist/server.mjs")], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: consoleURL,
    PILOTHOUSE_KUBECONFIG: kubeconfig,
    PILOTHOUSE_CONTEXT: "host",
    PILOTHOUSE_NAMESPACE: namespace,
    PILOTHOUSE_ADMIN_PASSWORD: adminPassword,
    PILOTHOUSE_HOST_PROMETHEUS_URL: fleet.find((c) => c.name === "host")?.prometheus ?? "",
    // The trail off: the audit suite compares this console with one of its own that has it on.
    PILOTHOUSE_DATABASE_URL: "",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
// Keep only a tail: the console logs an audit line per write.
const keep = (d) => {
  consoleLog.push(String(d));
  if (consoleLog.length > 400) consoleLog.splice(0, consoleLog.length - 400);
};
child.stdout.on("data", keep);
child.stderr.on("data", keep);
let cleaned = false;
const stopConsole = () => {
  if (child.exitCode === null) child.kill("SIGTERM");
  if (!cleaned) {
    cleaned = true;
    try {
      kubectl("host", ["delete", "namespace", namespace, "--ignore-not-found", "--wait=false"]);
    } catch {
      /* the fleet may be gone */
    }
  }
};
process.on("exit", stopConsole);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

async function waitHealthy() {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the console exited (${child.exitCode}):\n${consoleLog.join("")}`);
    try {
      if ((await fetch(`${consoleURL}/api/healthz`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the console did not become healthy in 120 s");
}

/** Signs in through next-auth and creates an admin token for bearer calls. */
async function adminToken() {
  const jar = new Map();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const absorb = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  let res = await fetch(`${consoleURL}/api/auth/csrf`);
  absorb(res);
  const { csrfToken } = await res.json();
  res = await fetch(`${consoleURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username: "admin", password: adminPassword, json: "true" }),
  });
  absorb(res);
  res = await fetch(`${consoleURL}/api/session`, { headers: { cookie: cookie() } });
  const session = await res.json();
  res = await fetch(`${consoleURL}/api/tokens`, {
    method: "POST",
    headers: { cookie: cookie(), "x-csrf-token": session.csrfToken, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench" }),
  });
  if (res.status !== 201) throw new Error(`admin token: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

await waitHealthy();
const token = await adminToken();
for (const c of fleet.filter((c) => c.name !== "host").slice(0, 2)) {
  const res = await fetch(`${consoleURL}/api/clusters`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ source: "kubeconfig", name: c.name, kubeconfig: readFileSync(c.kubeconfig, "utf8"), prometheusURL: c.prometheus }),
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`registering ${c.name}: ${res.status} ${await res.text()}`);
}
// The console's own CA, from the kubeconfig it hands out: the TLS variants verify the console as kubectl does.
const kubeconfigRes = await fetch(`${consoleURL}/api/kubeconfig`, { headers: { authorization: `Bearer ${token}` } });
const caData = /certificate-authority-data: (\S+)/.exec(await kubeconfigRes.text())?.[1];
if (!caData) throw new Error(`the console's kubeconfig has no CA (${kubeconfigRes.status})`);
step(`console ready on ${consoleURL} (pid ${child.pid})`);

const ctx = {
  root,
  smoke: args.smoke,
  console: { url: consoleURL, tlsURL: `https://127.0.0.1:${port}`, ca: Buffer.from(caData, "base64").toString("utf8"), port, pid: child.pid, namespace, adminPassword, adminToken: token },
  fleet,
  kubeconfig,
  kubectl: kubectlBin,
};

// ---- suites -------------------------------------------------------------------
const emptyServerOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

const results = [];
const failures = [];
for (const s of suites) {
  const file = path.join(out, `${s.name}.mjs`);
  await build({
    entryPoints: [path.join(root, `bench/suites/${s.name}.ts`)],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
    plugins: [emptyServerOnly],
  });
  step(`suite ${s.name}`);
  const t0 = Date.now();
  const code = await new Promise((resolve) => {
    const p = spawn(process.execPath, [...(s.nodeArgs ?? []), file], {
      cwd: root,
      env: { ...process.env, BENCH_CTX: JSON.stringify(ctx) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let buf = "";
    p.stdout.on("data", (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.startsWith("{")) results.push(JSON.parse(line));
        else if (line.trim()) process.stderr.write(`  ${line}\n`);
      }
    });
    p.on("exit", (c) => resolve(c ?? 1));
  });
  step(`suite ${s.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s${code ? ` (exit ${code})` : ""}`);
  if (code !== 0) {
    failures.push(s.name);
    process.stderr.write(`console log (tail):\n${consoleLog.join("").split("\n").slice(-30).join("\n")}\n`);
  }
  if (child.exitCode !== null) {
    failures.push("console");
    process.stderr.write(`the console died during ${s.name}:\n${consoleLog.join("")}\n`);
    break;
  }
}
stopConsole();

// ---- report -------------------------------------------------------------------
const cpus = os.cpus();
const machine = {
  cpus: cpus.length,
  cpuModel: cpus[0]?.model,
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  fleetClusters: fleet.length,
};
const file = path.join(root, `bench/results/${args.smoke ? "smoke" : "latest"}.json`);
writeFileSync(file, JSON.stringify({ results, machine, smoke: args.smoke, date: new Date().toISOString() }, null, 2) + "\n");

const verdict = (r) => {
  const t = TARGETS[r.name];
  if (!t || args.smoke) return "";
  const ok = t[0] === "<=" ? r.value <= t[1] : r.value >= t[1];
  return `${ok ? "ok  " : "MISS"} ${t[0]} ${t[1]}`;
};
const w = Math.max(9, ...results.map((r) => r.name.length));
console.log(`\n${"benchmark".padEnd(w)}  ${"value".padStart(12)}  unit   target`);
for (const r of results) console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(12)}  ${r.unit.padEnd(5)}  ${verdict(r)}`);
const missingNames = only || args.smoke ? [] : Object.keys(TARGETS).filter((n) => !results.some((r) => r.name === n));
if (missingNames.length) console.log(`\nno figure for: ${missingNames.join(", ")}`);
const misses = args.smoke ? [] : results.filter((r) => verdict(r).startsWith("MISS")).map((r) => r.name);
console.log(`\n${results.length} figures, ${misses.length} target(s) missed${misses.length ? ` (${misses.join(", ")})` : ""}; written to ${path.relative(root, file)}`);
if (failures.length) {
  console.error(`failed suites: ${failures.join(", ")}`);
  process.exit(1);
}

// HTTP plumbing the proxy and watch suites share: keep-alive clients for the
// three ways to reach a cluster (directly with the fleet's client
// certificate, through the console with a bearer token, through
// `kubectl proxy`), timed requests, and the wrk load driver.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type BenchContext, clusterCredentials } from "./harness";

/** One way to reach a cluster's API: prefix + agent + headers added to every request. */
export interface Target {
  name: string;
  /** Prefix of API paths, e.g. https://127.0.0.1:20120 or http://127.0.0.1:3000/clusters/member-1 */
  base: string;
  agent: http.Agent;
  headers: Record<string, string>;
}

/** Direct to the apiserver over TLS with the fleet's cluster-admin client certificate. */
export function directTarget(ctx: BenchContext, cluster: string, maxSockets = Infinity): Target {
  const c = clusterCredentials(ctx, cluster);
  const agent = new https.Agent({ keepAlive: true, maxSockets, ca: c.ca, cert: c.cert, key: c.key });
  return { name: "direct", base: c.server.replace(/\/+$/, ""), agent, headers: {} };
}

/** Through the console's proxy, authenticated with the admin's bearer token. */
export function consoleTarget(ctx: BenchContext, cluster: string, maxSockets = Infinity): Target {
  return {
    name: "console",
    base: `${ctx.console.url}/clusters/${cluster}`,
    agent: new http.Agent({ keepAlive: true, maxSockets }),
    headers: { authorization: `Bearer ${ctx.console.adminToken}` },
  };
}

/** The same over https, as users and kubectl call it, verifying the console's certificate. */
export function consoleTLSTarget(ctx: BenchContext, cluster: string, maxSockets = Infinity): Target {
  return {
    name: "console_tls",
    base: `${ctx.console.tlsURL}/clusters/${cluster}`,
    agent: new https.Agent({ keepAlive: true, maxSockets, ca: ctx.console.ca }),
    headers: { authorization: `Bearer ${ctx.console.adminToken}` },
  };
}

export function plainTarget(name: string, base: string, maxSockets = Infinity): Target {
  return { name, base, agent: new http.Agent({ keepAlive: true, maxSockets }), headers: {} };
}

export interface Timed {
  ms: number;
  status: number;
  bytes: number;
}

/** One request, body read and dropped; time from sending to the last byte. */
export function timed(t: Target, apiPath: string, headers: Record<string, string> = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const url = new URL(t.base + apiPath);
    const mod = url.protocol === "https:" ? https : http;
    const t0 = performance.now();
    const req = mod.request(url, { agent: t.agent, headers: { ...t.headers, ...headers } }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** A JSON request for setup and cleanup; throws on an unexpected status. */
export function json<T = unknown>(t: Target, method: string, apiPath: string, body?: unknown, ok: number[] = [200, 201]): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const url = new URL(t.base + apiPath);
    const mod = url.protocol === "https:" ? https : http;
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { ...t.headers, accept: "application/json" };
    if (data !== undefined) headers["content-type"] = "application/json";
    const req = mod.request(url, { method, agent: t.agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = res.statusCode ?? 0;
        if (!ok.includes(status)) return reject(new Error(`${method} ${url.href}: ${status} ${text.slice(0, 300)}`));
        try {
          resolve({ status, body: (text ? JSON.parse(text) : undefined) as T });
        } catch (e) {
          reject(e);
        }
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(data);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on("error", reject);
  });
}

export interface KubectlProxy {
  url: string;
  pid: number;
  stop(): void;
}

/** `kubectl proxy` of the fleet's own kubectl, authenticated with the same admin certificate as the direct variant. */
export async function startKubectlProxy(ctx: BenchContext, cluster: string): Promise<KubectlProxy> {
  const port = await freePort();
  const child: ChildProcess = spawn(ctx.kubectl, [`--kubeconfig=${ctx.kubeconfig}`, `--context=${cluster}`, "proxy", `--port=${port}`, "--address=127.0.0.1"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.on("exit", stop);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`kubectl proxy exited (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${url}/version`);
      if (r.ok) return { url, pid: child.pid!, stop };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`kubectl proxy did not answer on ${url}: ${stderr}`);
}

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non2xx: number;
}

// wrk's summary as one JSON line (its own text output is meant for people).
const WRK_SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d,"non2xx":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
`;
let wrkScript: string | undefined;

/**
 * Drives \`url\` with wrk (one thread: the machine is shared with the console
 * and the apiserver, and one epoll thread of C saturates either of them).
 */
export function wrk(url: string, o: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<WrkResult> {
  if (!wrkScript) {
    wrkScript = path.join(mkdtempSync(path.join(os.tmpdir(), "bench-wrk-")), "summary.lua");
    writeFileSync(wrkScript, WRK_SCRIPT);
  }
  const args = ["-t1", `-c${o.connections}`, `-d${o.seconds}s`, "--timeout", "10s", "-s", wrkScript];
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push("-H", `${k}: ${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile("wrk", args, { timeout: (o.seconds + 30) * 1000 }, (err, stdout, stderr) => {
      if (err) {
        const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
        return reject(new Error(missing ? "wrk is not installed (make apt-deps installs it)" : `wrk failed: ${err.message} ${stderr}`));
      }
      const line = stdout.split("\n").find((l) => l.startsWith("WRK_JSON "));
      if (!line) return reject(new Error(`wrk printed no summary: ${stdout} ${stderr}`));
      const j = JSON.parse(line.slice("WRK_JSON ".length)) as Record<string, number>;
      const seconds = j.duration_us / 1e6;
      resolve({
        requests: j.requests,
        seconds,
        rps: j.requests / seconds,
        p50_ms: j.p50_us / 1000,
        p99_ms: j.p99_us / 1000,
        errors: j.errors,
        non2xx: j.non2xx,
      });
    });
  });
}

/** Runs `fn` over `items` with at most `n` in flight. */
export async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<unknown>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

/**
 * A kwok node of the benchmarks' own (the fleet's kwok manages every node),
 * tainted so nothing else lands there and roomy enough for 10k pods: bench
 * pods bound to it with spec.nodeName never take the workers' pod capacity
 * from the tests' deployments. Idempotent; resolves once the node is Ready.
 */
export async function ensureBenchNode(direct: Target, cluster: string): Promise<string> {
  // Named like the fleet's own nodes (<cluster>-…): every node of a cluster carries its name.
  const name = `${cluster}-bench-pods`;
  await json(
    direct,
    "POST",
    "/api/v1/nodes",
    {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, labels: { type: "kwok", "pilothouse.dev/bench": "true" }, annotations: { "kwok.x-k8s.io/node": "fake" } },
      spec: { taints: [{ key: "pilothouse.dev/bench", value: "true", effect: "NoSchedule" }] },
      status: {
        allocatable: { cpu: "1000", memory: "4Ti", pods: "20000" },
        capacity: { cpu: "1000", memory: "4Ti", pods: "20000" },
      },
    },
    [201, 409],
  );
  for (let i = 0; ; i++) {
    const n = await json<{ status?: { conditions?: { type: string; status: string }[] } }>(direct, "GET", `/api/v1/nodes/${name}`);
    if (n.body.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) return name;
    if (i > 120) throw new Error(`bench node ${name} not Ready after 60 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** What a pod bound to the bench node needs besides spec.nodeName. */
export const BENCH_NODE_TOLERATIONS = [{ key: "pilothouse.dev/bench", operator: "Exists", effect: "NoSchedule" }];

/** The container of every benchmark pod: as a deployment would make it, small, so lists have the usual shape and size. */
export function benchContainers(i: number) {
  return [
    {
      name: "app",
      image: "registry.k8s.io/pause:3.10",
      ports: [{ name: "http", containerPort: 8080 }],
      env: [{ name: "INDEX", value: String(i) }],
      resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
    },
  ];
}

/**
 * bench/tools/bare-hop.mjs in its own process: a minimal Node reverse proxy
 * (no auth, no checks) to the cluster, what one extra hop in Node costs on
 * this machine; with "undici", forwarding as the console does, the floor.
 */
export async function startBareHop(ctx: BenchContext, cluster: string, client: "http" | "undici" = "http"): Promise<KubectlProxy> {
  const c = clusterCredentials(ctx, cluster);
  const dir = mkdtempSync(path.join(os.tmpdir(), "bare-hop-"));
  const files = (["ca", "cert", "key"] as const).map((k) => {
    const f = path.join(dir, k);
    writeFileSync(f, c[k] ?? "", { mode: 0o600 });
    return f;
  });
  const port = await freePort();
  // BENCH_BARE_HOP_NODE_ARGS="--cpu-prof …": profile it beside the console.
  const nodeArgs = (process.env.BENCH_BARE_HOP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.join(ctx.root, "bench/tools/bare-hop.mjs"), String(port), c.server, ...files, client], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.on("exit", stop);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`bare hop exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}

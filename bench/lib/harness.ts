// What every benchmark suite shares: the run's context (from bench/run.mjs),
// statistics, interleaving of compared variants, and result output.
// Suites are separate processes; each prints one JSON line per result.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

export interface FleetCluster {
  name: string;
  server: string;
  kubeconfig: string;
  prometheus: string;
  /** Members: a 127.0.0.1 address reaching the cluster's data plane. */
  gateway?: string;
}

export interface BenchContext {
  root: string;
  /** Few iterations, no thresholds: `make test` runs this so the suites cannot rot. */
  smoke: boolean;
  console: { url: string; tlsURL: string; ca: string; port: number; pid: number; namespace: string; adminPassword: string; adminToken: string };
  fleet: FleetCluster[];
  kubeconfig: string;
  kubectl: string;
}

export function context(): BenchContext {
  const raw = process.env.BENCH_CTX;
  if (!raw) throw new Error("run suites through bench/run.mjs (BENCH_CTX is not set)");
  return JSON.parse(raw) as BenchContext;
}

export interface Result {
  name: string;
  value: number;
  unit: string;
  detail?: Record<string, unknown>;
}

export function emit(r: Result) {
  console.log(JSON.stringify(r));
}

/** Progress for people watching; stdout is for results only. */
export function log(msg: string) {
  process.stderr.write(`  ${msg}\n`);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (v: number, digits = 2) => Number(v.toFixed(digits));

/**
 * Runs the variants in alternation (A B A B …), `rounds` times each, so drift
 * in the machine's load hits every variant alike; returns samples per variant.
 */
export async function interleave<T>(variants: Record<string, () => Promise<T>>, rounds: number): Promise<Record<string, T[]>> {
  const out: Record<string, T[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) {
    // Alternate the order too, so neither variant always runs right after the other.
    const keys = Object.keys(variants);
    if (i % 2) keys.reverse();
    for (const k of keys) out[k].push(await variants[k]());
  }
  return out;
}

const execFileP = promisify(execFile);

export async function kubectl(ctx: BenchContext, cluster: string, args: string[], input?: string): Promise<string> {
  const p = execFileP(ctx.kubectl, [`--kubeconfig=${ctx.kubeconfig}`, `--context=${cluster}`, ...args], { maxBuffer: 256 << 20, timeout: 600_000 });
  if (input !== undefined) p.child.stdin?.end(input);
  return (await p).stdout;
}

export async function make(ctx: BenchContext, target: string, vars: Record<string, string> = {}) {
  await execFileP("make", ["--no-print-directory", target, ...Object.entries(vars).map(([k, v]) => `${k}=${v}`)], { cwd: ctx.root, timeout: 900_000 });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** Resident memory of a process in MiB, from /proc. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Client credentials of a fleet cluster (the cluster-admin client certificate) for direct requests. */
export function clusterCredentials(ctx: BenchContext, cluster: string) {
  const text = readFileSync(path.resolve(ctx.fleet.find((c) => c.name === cluster)!.kubeconfig), "utf8");
  const field = (k: string) => new RegExp(`${k}:\\s*(\\S+)`).exec(text)?.[1];
  const b64 = (k: string) => {
    const v = field(k);
    return v ? Buffer.from(v, "base64") : undefined;
  };
  return { server: field("server")!, ca: b64("certificate-authority-data"), cert: b64("client-certificate-data"), key: b64("client-key-data") };
}

export async function main(fn: (ctx: BenchContext) => Promise<void>) {
  try {
    await fn(context());
  } catch (e) {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  }
}

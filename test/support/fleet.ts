import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const fleetDir = process.env.FLEET_DIR ?? path.join(repoRoot, ".fleet");
export const kubectlBin = path.join(fleetDir, "bin", "kubectl");
export const fleetKubeconfig = path.join(fleetDir, "kubeconfig");

export interface FleetCluster {
  name: string;
  server: string;
  kubeconfig: string;
  prometheus: string;
  /** Members: a 127.0.0.1 address reaching the cluster's data plane (Traefik's web entry point). */
  gateway?: string;
}

export function fleetClusters(): FleetCluster[] {
  return JSON.parse(readFileSync(path.join(fleetDir, "fleet.json"), "utf8")) as FleetCluster[];
}

export function kubeConfigFor(cluster: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(fleetKubeconfig);
  kc.setCurrentContext(cluster);
  return kc;
}

const execFileP = promisify(execFile);

/** Runs the fleet's own kubectl (same version as the servers) against a context. */
export async function kubectl(
  context: string,
  args: string[],
  opts: { input?: string; kubeconfig?: string; timeoutMs?: number } = {},
): Promise<{ stdout: string; stderr: string }> {
  const child = execFileP(kubectlBin, [`--context=${context}`, ...args], {
    env: { ...process.env, KUBECONFIG: opts.kubeconfig ?? fleetKubeconfig },
    timeout: opts.timeoutMs ?? 60_000,
    maxBuffer: 64 << 20,
  });
  if (opts.input !== undefined) {
    child.child.stdin?.end(opts.input);
  }
  return child;
}

export async function make(target: string, vars: Record<string, string> = {}): Promise<string> {
  const args = ["--no-print-directory", target, ...Object.entries(vars).map(([k, v]) => `${k}=${v}`)];
  const { stdout } = await execFileP("make", args, { cwd: repoRoot, timeout: 300_000 });
  return stdout;
}

/** Polls fn until it returns a truthy value or the deadline passes. */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  { timeoutMs = 60_000, intervalMs = 250, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

import "server-only";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import type { Runtime } from "@/lib/server/context";

// Helm, run as the signed-in user: its kube client talks to this console's own
// /clusters/<c> with a short-lived token of that user, so every object it
// reads or writes is decided by the proxy's one check and audited like any
// kubectl call. It never sees a cluster's credentials. Each run has its own
// empty HELM_* homes, a time limit, an output limit and a place in two queues
// (per user and in all).

const TOKEN_TTL_MS = 10 * 60_000;
const MAX_STDOUT = 8 << 20;
const MAX_STDERR = 256 << 10;
const QUEUE_WAIT_MS = 30_000;

export interface HelmRun {
  /** Arguments after `helm`. */
  args: string[];
  cluster: string;
  /** Files to put in the run's directory first (name → bytes); args may name them as `${dir}/name`. */
  files?: Record<string, string | Buffer>;
  timeoutMs?: number;
}

export interface HelmOutput {
  stdout: string;
  stderr: string;
}

/** Helm exited with an error: its own message, and what it means for the API. */
export class HelmError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

class Slots {
  private used = 0;
  private waiting: (() => void)[] = [];
  constructor(readonly size: number) {}
  tryTake(): boolean {
    if (this.used >= this.size) return false;
    this.used++;
    return true;
  }
  take(deadline: number): Promise<boolean> {
    if (this.tryTake()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(t);
        this.used++;
        resolve(true);
      };
      const t = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== go);
        resolve(false);
      }, Math.max(0, deadline - Date.now()));
      this.waiting.push(go);
    });
  }
  give() {
    this.used--;
    this.waiting.shift()?.();
  }
}

const KEY = Symbol.for("pilothouse.helm-slots");
type G = typeof globalThis & { [KEY]?: { total: Slots; users: Map<string, number> } };

function slots(rt: Runtime) {
  const g = globalThis as G;
  g[KEY] ??= { total: new Slots(rt.config.helmTotal), users: new Map() };
  return g[KEY];
}

/** The console's own address as helm reaches it: loopback, https (clients send tokens only over TLS). */
function selfServer(rt: Runtime, cluster: string) {
  return `https://127.0.0.1:${rt.config.port}/clusters/${encodeURIComponent(cluster)}`;
}

export async function runHelm(rt: Runtime, p: Principal, run: HelmRun): Promise<HelmOutput> {
  const s = slots(rt);
  const mine = s.users.get(p.name) ?? 0;
  if (mine >= rt.config.helmPerUser) {
    throw new ApiError("too_many_requests", `You already have ${mine === 1 ? "a Helm operation" : `${mine} Helm operations`} running; wait for it to finish.`);
  }
  s.users.set(p.name, mine + 1);
  try {
    if (!(await s.total.take(Date.now() + QUEUE_WAIT_MS))) throw new ApiError("unavailable", "The console is running as many Helm operations as it may; try again in a moment.");
    try {
      return await spawnHelm(rt, p, run);
    } finally {
      s.total.give();
    }
  } finally {
    const n = (s.users.get(p.name) ?? 1) - 1;
    if (n > 0) s.users.set(p.name, n);
    else s.users.delete(p.name);
  }
}

async function spawnHelm(rt: Runtime, p: Principal, run: HelmRun): Promise<HelmOutput> {
  const dir = await mkdtemp(path.join(tmpdir(), "pilothouse-helm-"));
  try {
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: process.env.NODE_ENV,
      PATH: process.env.PATH,
      HOME: dir,
      HELM_CACHE_HOME: path.join(dir, "cache"),
      HELM_CONFIG_HOME: path.join(dir, "config"),
      HELM_DATA_HOME: path.join(dir, "data"),
      KUBECONFIG: "/dev/null",
      HELM_KUBEAPISERVER: selfServer(rt, run.cluster),
      // In the environment, not the arguments: other users of the machine can read a process's arguments.
      HELM_KUBETOKEN: rt.authn.toolToken(p.name, run.cluster, TOKEN_TTL_MS),
    };
    if (rt.tls.selfSigned) {
      await writeFile(path.join(dir, "ca.crt"), rt.tls.ca, { mode: 0o600 });
      env.HELM_KUBECAFILE = path.join(dir, "ca.crt");
    } else {
      // An operator's certificate need not name 127.0.0.1; this connection never leaves the machine.
      env.HELM_KUBEINSECURE_SKIP_TLS_VERIFY = "true";
    }
    for (const [name, body] of Object.entries(run.files ?? {})) await writeFile(path.join(dir, name), body, { mode: 0o600 });
    const args = run.args.map((a) => a.replaceAll("${dir}", dir));
    return await new Promise<HelmOutput>((resolve, reject) => {
      const child = spawn(rt.config.helmPath, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outLen = 0;
      let errLen = 0;
      let killedFor: string | undefined;
      const kill = (why: string) => {
        killedFor ??= why;
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      };
      const timeoutMs = run.timeoutMs ?? 60_000;
      const timer = setTimeout(() => kill(`Helm did not finish within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
      child.stdout.on("data", (b: Buffer) => {
        outLen += b.length;
        if (outLen > MAX_STDOUT) return kill(`Helm's output passed ${MAX_STDOUT >> 20} MiB`);
        out.push(b);
      });
      child.stderr.on("data", (b: Buffer) => {
        errLen += b.length;
        if (errLen <= MAX_STDERR) err.push(b);
      });
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(new ApiError("unavailable", `The console could not run helm (${rt.config.helmPath}): ${e.message}`));
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        const stdout = Buffer.concat(out).toString("utf8");
        const stderr = Buffer.concat(err).toString("utf8");
        if (killedFor) return reject(new ApiError("unavailable", `${killedFor}; it was stopped.`));
        if (code !== 0) return reject(new HelmError(helmMessage(stderr) || `helm exited with ${code}`, stderr));
        resolve({ stdout, stderr });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Helm's own error line(s), without its "Error: " prefix and its warnings. */
export function helmMessage(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.trim() && !/^(WARNING|level=(warn|info|debug))/i.test(l.trim()));
  const from = lines.findIndex((l) => l.startsWith("Error:"));
  const picked = from >= 0 ? lines.slice(from) : lines.slice(-3);
  return picked.join("\n").replace(/^Error: /, "").slice(0, 4000).trim();
}

/** What a failed helm run means for the caller: the console's refusal stays a 403, a missing release a 404. */
export function helmApiError(e: unknown, doing: string): unknown {
  if (!(e instanceof HelmError)) return e;
  const m = e.message;
  if (/\bforbidden\b/i.test(m)) return new ApiError("forbidden", `Helm could not ${doing}: ${m}`);
  if (/release: not found|has no deployed releases/i.test(m)) return new ApiError("not_found", `Helm could not ${doing}: ${m}`);
  if (/cannot re-?use a name that is still in use|another operation \(install\/upgrade\/rollback\) is in progress/i.test(m)) return new ApiError("conflict", `Helm could not ${doing}: ${m}`);
  if (/did not answer within|unreachable|connection refused|Kubernetes cluster unreachable|\b503\b/i.test(m)) return new ApiError("unavailable", `Helm could not ${doing}: ${m}`);
  return new ApiError("validation_failed", `Helm could not ${doing}: ${m}`);
}

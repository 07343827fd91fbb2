// Talking to the console under test as its users do: bearer tokens for the
// API, a signed-in cookie session for pages, and extra console processes on
// the same host-cluster state (several replicas).
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { BenchContext } from "./harness";

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

export async function api<T = unknown>(base: string, token: string, method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A browser-like session: cookie jar + CSRF token, signed in with the credentials provider. */
export class Session {
  private jar = new Map<string, string>();
  csrf = "";
  constructor(readonly base: string) {}

  cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(p: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.cookie());
    if (this.csrf && init.method && init.method !== "GET") headers.set("x-csrf-token", this.csrf);
    const res = await fetch(this.base + p, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }

  static async signIn(base: string, username: string, password: string): Promise<Session> {
    const s = new Session(base);
    const { csrfToken } = (await (await s.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await s.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username, password, json: "true" }).toString(),
    });
    const res = await s.fetch("/api/session");
    if (res.status !== 200) throw new Error(`signing in as ${username} failed (${res.status})`);
    s.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return s;
  }

  async token(name: string): Promise<string> {
    const res = await this.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
    if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  }
}

export interface Replica {
  url: string;
  pid: number;
  stop: () => Promise<void>;
  /** The tail of its stdout and stderr (only with `logs: true`). */
  logs: () => string;
}

export interface ConsoleOptions {
  /** Its state in the host cluster: the bench console's (a replica of it) or a fresh one. */
  namespace?: string;
  env?: Record<string, string>;
  /** Read and keep a tail of its output (as bench/run.mjs does for its console) instead of discarding it. */
  logs?: boolean;
}

/** A console process of the same build as bench/run.mjs starts it; by default a replica of the bench console. */
export async function startConsole(ctx: BenchContext, o: ConsoleOptions = {}): Promise<Replica> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(ctx.root, "dist/server.mjs")], {
    cwd: ctx.root,
    env: {
      ...process.env,
      BENCH_CTX: "",
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: url,
      PILOTHOUSE_KUBECONFIG: ctx.kubeconfig,
      PILOTHOUSE_CONTEXT: "host",
      PILOTHOUSE_NAMESPACE: o.namespace ?? ctx.console.namespace,
      PILOTHOUSE_ADMIN_PASSWORD: ctx.console.adminPassword,
      ...o.env,
    },
    stdio: o.logs ? ["ignore", "pipe", "pipe"] : "ignore",
  });
  const tail: string[] = [];
  const keep = (d: Buffer) => {
    tail.push(String(d));
    if (tail.length > 400) tail.splice(0, tail.length - 400);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  // A suite that fails must not leave its console running.
  process.on("exit", () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`console on ${url} exited with ${child.exitCode}\n${tail.join("")}`);
    try {
      if ((await fetch(`${url}/api/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 600) {
      await stop();
      throw new Error(`console on ${url} did not start in 120 s\n${tail.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, stop, logs: () => tail.join("") };
}

/** Another console process on the same state (same host cluster and namespace): a second replica. */
export function startReplica(ctx: BenchContext): Promise<Replica> {
  return startConsole(ctx);
}

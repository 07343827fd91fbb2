import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { type FleetCluster, eventually, fleetClusters, fleetKubeconfig, kubectl, repoRoot } from "./fleet";

// Starts real console processes (dist/server.mjs, the production build)
// against the local fleet's host cluster, each test suite in its own
// namespace so suites do not see each other's state.

export interface ConsoleProcess {
  url: string; // http://127.0.0.1:<port>
  httpsUrl: string; // same port, TLS
  port: number;
  namespace: string;
  logs: () => string;
  stop: () => Promise<void>;
  /** SIGKILL: no shutdown handlers, as in a crash. Resolves once the process is gone. */
  kill: () => Promise<void>;
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

export const ADMIN_PASSWORD = "integration-admin-pw";

/**
 * A console process on the fleet's host cluster. `launch`: another command and
 * directory than the checkout's `node dist/server.mjs` (the image's layout, as
 * its ENTRYPOINT starts it), with only the environment given here.
 */
export async function startConsole(opts: { namespace: string; port?: number; env?: Record<string, string>; launch?: { argv: string[]; cwd: string } }): Promise<ConsoleProcess> {
  const port = opts.port ?? (await freePort());
  const out: string[] = [];
  const [cmd, ...argv] = opts.launch?.argv ?? [process.execPath, path.join(repoRoot, "dist/server.mjs")];
  const child: ChildProcess = spawn(cmd, argv, {
    cwd: opts.launch?.cwd ?? repoRoot,
    env: {
      ...(opts.launch ? { PATH: process.env.PATH ?? "/usr/bin:/bin" } : process.env),
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      PILOTHOUSE_KUBECONFIG: fleetKubeconfig,
      PILOTHOUSE_CONTEXT: "host",
      PILOTHOUSE_HOST_PROMETHEUS_URL: fleetClusters().find((c) => c.name === "host")?.prometheus ?? "",
      PILOTHOUSE_NAMESPACE: opts.namespace,
      PILOTHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => out.push(String(d)));
  child.stderr?.on("data", (d) => out.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`console exited with ${child.exitCode}:\n${out.join("")}`);
    try {
      const r = await fetch(`${url}/api/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`console did not become healthy:\n${out.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    httpsUrl: `https://127.0.0.1:${port}`,
    port,
    namespace: opts.namespace,
    logs: () => out.join(""),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

/** Cookie jar of one browser-like session. */
export class Session {
  cookies = new Map<string, string>();
  csrfToken?: string;
  constructor(readonly base: string) {}

  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  absorb(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  async fetch(p: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.header());
    if (this.csrfToken && init.method && init.method !== "GET") headers.set("x-csrf-token", this.csrfToken);
    const res = await fetch(this.base + p, { ...init, headers, redirect: "manual" });
    this.absorb(res);
    return res;
  }
}

/** Signs in through next-auth's credentials flow, as the browser form does. */
export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const s = new Session(base);
  const csrf = (await (await s.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await s.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, username, password, json: "true" }).toString(),
  });
  if (![200, 302].includes(res.status) || ![...s.cookies.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`sign-in as ${username} failed: ${res.status} ${res.headers.get("location") ?? ""}`);
  }
  const session = (await (await s.fetch("/api/session")).json()) as { csrfToken: string };
  s.csrfToken = session.csrfToken;
  return s;
}

/** A personal access token of the admin, for bearer-authenticated calls. */
export async function adminToken(c: ConsoleProcess): Promise<string> {
  const s = await signIn(c.url, "admin", ADMIN_PASSWORD);
  const res = await s.fetch("/api/tokens", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "integration" }),
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export function fleetKubeconfigText(cluster: string): string {
  const c = fleetClusters().find((x) => x.name === cluster);
  if (!c) throw new Error(`no fleet cluster ${cluster}`);
  return readFileSync(c.kubeconfig, "utf8");
}

/** Registers a fleet cluster in the console (idempotent), with its Prometheus and (members, once the fleet has one) its gateway. */
export async function registerFleetCluster(c: ConsoleProcess, token: string, cluster: string) {
  // `gateway` is absent for the host and on fleets started before the data planes.
  const fleet = fleetClusters().find((x) => x.name === cluster) as (FleetCluster & { gateway?: string }) | undefined;
  const res = await fetch(`${c.url}/api/clusters`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      source: "kubeconfig",
      name: cluster,
      kubeconfig: fleetKubeconfigText(cluster),
      prometheusURL: fleet?.prometheus,
      gatewayURL: fleet?.gateway,
    }),
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`register ${cluster}: ${res.status} ${await res.text()}`);
}

/**
 * A personal token made directly as an AccessToken object in a console's
 * namespace (the API makes tokens only for the signed-in caller): the token
 * and the YAML/JSON document to `kubectl apply` on the host.
 */
export function accessTokenObject(namespace: string, user: string, opts: { expiresAt?: string; displayName?: string } = {}) {
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const doc = {
    apiVersion: "pilothouse.dev/v1alpha1",
    kind: "AccessToken",
    metadata: { name: id, namespace },
    spec: {
      user,
      displayName: opts.displayName ?? "test",
      hash: createHash("sha256").update(secret).digest("hex"),
      ...(opts.expiresAt ? { expiresAt: opts.expiresAt } : {}),
    },
  };
  return { token: `ph_${id}_${secret}`, doc: JSON.stringify(doc) };
}

/** A JSON request with a bearer token: its status and parsed body. */
export async function bearerCall(base: string, token: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** bearerCall for set-up steps: the parsed body, or an error naming the request. */
export async function bearerOk(base: string, token: string, method: string, p: string, body?: unknown) {
  const r = await bearerCall(base, token, method, p, body);
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Tenants' project developers with access tokens: tenants `acme` and `globex`
 * on `cluster` (made if missing), each user bound as project-developer in its
 * namespace, each token known to the console before this returns.
 */
export async function projectDevelopers(c: ConsoleProcess, admin: string, cluster: string, users: { user: string; namespace: string }[]): Promise<string[]> {
  for (const t of ["acme", "globex"]) await bearerOk(c.url, admin, "POST", "/api/tenants", { name: t, clusters: [cluster] }).catch(() => undefined);
  const tokens: string[] = [];
  for (const { user, namespace } of users) {
    await bearerOk(c.url, admin, "POST", "/api/users", { username: user, password: `${user}-password-1` });
    await bearerOk(c.url, admin, "POST", "/api/rolebindings", { subject: { kind: "User", name: user }, role: "project-developer", scope: { type: "project", cluster, namespace } });
    const t = accessTokenObject(c.namespace, user);
    await kubectl("host", ["apply", "-f", "-"], { input: t.doc });
    tokens.push(t.token);
  }
  for (const t of tokens) await eventually(async () => (await bearerCall(c.url, t, "GET", "/api/session")).status === 200, { what: "the users' tokens" });
  return tokens;
}

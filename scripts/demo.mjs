#!/usr/bin/env node
// `make demo`: the fleet and its demo data are up and the console is built.
// Start the console in the foreground, register the fleet's member clusters
// (the host registers itself), and say how to sign in.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_PASSWORD, seedDemoPeople } from "./demo-people.mjs";

const { values } = parseArgs({ options: { port: { type: "string", default: "3000" } } });
const port = values.port;
const root = path.resolve(import.meta.dirname, "..");
const password = process.env.PILOTHOUSE_ADMIN_PASSWORD || "pilothouse-demo";
const url = `http://localhost:${port}`;

const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || url,
  PILOTHOUSE_KUBECONFIG: process.env.PILOTHOUSE_KUBECONFIG || path.join(root, ".fleet/kubeconfig"),
  PILOTHOUSE_CONTEXT: process.env.PILOTHOUSE_CONTEXT || "host",
  PILOTHOUSE_HOST_PROMETHEUS_URL:
    process.env.PILOTHOUSE_HOST_PROMETHEUS_URL || JSON.parse(readFileSync(path.join(root, ".fleet/fleet.json"), "utf8")).find((c) => c.name === "host")?.prometheus,
  PILOTHOUSE_ADMIN_PASSWORD: password,
};
// The fleet's PostgreSQL (`make fleet` writes its URL), unless one is given.
const databaseURLFile = path.join(root, ".fleet/postgres-url");
if (process.env.PILOTHOUSE_DATABASE_URL === undefined && existsSync(databaseURLFile)) {
  env.PILOTHOUSE_DATABASE_URL = readFileSync(databaseURLFile, "utf8").trim();
}
const child = spawn(process.execPath, [path.join(root, "dist/server.mjs")], { cwd: root, env, stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));

async function waitHealthy() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/healthz`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the console did not start");
}

/** Signs in as admin through next-auth and returns a cookie header + CSRF token. */
async function adminSession() {
  const base = `http://127.0.0.1:${port}`;
  const jar = new Map();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  let res = await fetch(`${base}/api/auth/csrf`);
  keep(res);
  const { csrfToken } = await res.json();
  res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username: "admin", password, json: "true" }),
  });
  keep(res);
  res = await fetch(`${base}/api/session`, { headers: { cookie: cookie() } });
  if (!res.ok) throw new Error(`signing in as admin failed (${res.status}); is PILOTHOUSE_ADMIN_PASSWORD right?`);
  return { base, cookie: cookie(), csrf: (await res.json()).csrfToken };
}

try {
  await waitHealthy();
  const s = await adminSession();
  const fleet = JSON.parse(readFileSync(path.join(root, ".fleet/fleet.json"), "utf8"));
  for (const c of fleet.filter((c) => c.name !== "host")) {
    const res = await fetch(`${s.base}/api/clusters`, {
      method: "POST",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
      body: JSON.stringify({
        source: "kubeconfig",
        name: c.name,
        displayName: c.name.replace("member-", "Member "),
        labels: { env: "demo" },
        prometheusURL: c.prometheus,
        // Members' data planes ("try it" on routes); absent on fleets started before them.
        gatewayURL: c.gateway,
        kubeconfig: readFileSync(c.kubeconfig, "utf8"),
      }),
    });
    if (res.status !== 201 && res.status !== 409) console.error(`registering ${c.name}: ${res.status} ${await res.text()}`);
    if (res.status === 409 && c.gateway) {
      // Registered by an earlier run, perhaps before the fleet had data planes: give it its gateway unless it has one.
      const headers = { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" };
      const cur = await fetch(`${s.base}/api/clusters/${c.name}`, { headers });
      if (cur.ok && !(await cur.json()).gatewayURL) {
        const patched = await fetch(`${s.base}/api/clusters/${c.name}`, { method: "PATCH", headers, body: JSON.stringify({ gatewayURL: c.gateway }) });
        if (!patched.ok) console.error(`setting the gateway of ${c.name}: ${patched.status} ${await patched.text()}`);
      }
    }
  }
  // Demo tenancy: tenants for the seeded projects, a manager each, a developer and a viewer.
  const call = async (method, p, body) => {
    const res = await fetch(`${s.base}${p}`, {
      method,
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status >= 300 && res.status !== 409) console.error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res;
  };
  await seedDemoPeople(call);
  // The fleet's chart repository (served by `make fleet`): the Apps catalog's platform-wide charts.
  const chartRepo = path.join(root, ".fleet/chart-repo.json");
  if (existsSync(chartRepo)) {
    const { url: chartsURL } = JSON.parse(readFileSync(chartRepo, "utf8"));
    await call("POST", "/api/apps/repositories", { name: "fleet-charts", displayName: "Fleet charts", description: "Example apps this project writes (hack/fleet/charts).", url: chartsURL });
  }
  console.log(`
  ┌──────────────────────────────────────────────────────────────
  │ Pilothouse is running:  ${url}
  │ Sign in as:             admin / ${password}  (platform admin)
  │                         alice, bob, carol, dave / ${DEMO_PASSWORD}
  │                         (ACME and Globex managers, a developer, a viewer)
  │ Clusters:               ${fleet.map((c) => c.name).join(", ")}
  │ kubectl through it:     user menu → Download kubeconfig, then
  │                         .fleet/bin/kubectl --kubeconfig ~/Downloads/pilothouse-kubeconfig.yaml get nodes --context member-1
  │ Stop:                   Ctrl-C here, then \`make fleet-down\`
  └──────────────────────────────────────────────────────────────
`);
} catch (e) {
  console.error(String(e));
}

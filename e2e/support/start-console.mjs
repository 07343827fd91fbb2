#!/usr/bin/env node
// Starts the console for the browser tests with a clean state: its namespace
// in the host cluster is deleted first (Playwright starts web servers before
// any global setup).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const kubectl = path.join(root, ".fleet/bin/kubectl");
const env = { ...process.env, KUBECONFIG: path.join(root, ".fleet/kubeconfig") };
const ns = process.env.PILOTHOUSE_NAMESPACE;
if (!ns) throw new Error("PILOTHOUSE_NAMESPACE is required");
execFileSync(kubectl, ["--context=host", "delete", "namespace", ns, "--ignore-not-found", "--wait=true", "--timeout=120s"], {
  env,
  stdio: "inherit",
});
// The host registers itself; give it the fleet's Prometheus like the members get theirs.
const host = JSON.parse(readFileSync(path.join(root, ".fleet/fleet.json"), "utf8")).find((c) => c.name === "host");
// The audit trail in the fleet's PostgreSQL, as `make demo` has it.
const postgresURL = path.join(root, ".fleet/postgres-url");
const database = existsSync(postgresURL) ? readFileSync(postgresURL, "utf8").trim() : undefined;
const child = spawn(process.execPath, [path.join(root, "dist/server.mjs")], {
  cwd: root,
  env: { PILOTHOUSE_HOST_PROMETHEUS_URL: host?.prometheus, ...(database ? { PILOTHOUSE_DATABASE_URL: database } : {}), ...process.env },
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));

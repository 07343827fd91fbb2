import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, type ConsoleProcess, signIn, startConsole } from "../test/support/console";
import { fleetKubeconfig, kubectl, repoRoot, uniqueName } from "../test/support/fleet";

// The image without a container engine (none runs here): the same files the
// Dockerfile's last stage holds (scripts/assemble-image.mjs, from this
// checkout's production build), started the way its ENTRYPOINT starts them —
// same command, directory, environment and unprivileged user, in a directory
// it cannot write — must serve the console: health, sign-in, pages with their
// assets, the proxy.

/** The final stage of the Dockerfile: its WORKDIR, USER, ENV and ENTRYPOINT. */
function finalStage() {
  const text = readFileSync(path.join(repoRoot, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
  const stages = text.split(/^FROM /m);
  const last = stages[stages.length - 1];
  const line = (k: string) => [...last.matchAll(new RegExp(`^${k} (.+)$`, "gm"))].map((m) => m[1].trim());
  const env: Record<string, string> = {};
  for (const l of line("ENV")) for (const m of l.matchAll(/(\w+)=(\S+)/g)) env[m[1]] = m[2];
  return { workdir: line("WORKDIR").at(-1)!, user: line("USER").at(-1)!, env, entrypoint: JSON.parse(line("ENTRYPOINT").at(-1)!) as string[] };
}

const stage = finalStage();
const dir = mkdtempSync(path.join(os.tmpdir(), "ph-image-"));
const app = path.join(dir, "app");
const namespace = uniqueName("ph-image");
let c: ConsoleProcess;

function walk(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(repoRoot, "scripts/assemble-image.mjs"), "--out", app], { stdio: "pipe" });
  chmodSync(dir, 0o755);
  const kubeconfig = path.join(dir, "kubeconfig");
  copyFileSync(fleetKubeconfig, kubeconfig);
  chmodSync(kubeconfig, 0o644);
  const [uid, gid] = stage.user.split(":");
  const root = process.getuid?.() === 0;
  // As root, become the image's user (who owns nothing there); otherwise take write access away from everyone.
  if (!root) execFileSync("chmod", ["-R", "a-w", app]);
  else execFileSync("chmod", ["-R", "a+rX,go-w", app]);
  const [cmd, ...args] = stage.entrypoint;
  const argv = [cmd === "node" ? process.execPath : cmd, ...args];
  // Where it listens is the test's to choose (startConsole sets PORT and HOSTNAME); the rest is the image's.
  const env = Object.fromEntries(Object.entries(stage.env).filter(([k]) => k !== "PORT" && k !== "HOSTNAME"));
  c = await startConsole({
    namespace,
    env: { ...env, HOME: dir, PILOTHOUSE_KUBECONFIG: kubeconfig },
    launch: { cwd: app, argv: root ? ["setpriv", `--reuid=${uid}`, `--regid=${gid ?? uid}`, "--clear-groups", "--", ...argv] : argv },
  });
}, 120_000);

afterAll(async () => {
  await c?.stop();
  execFileSync("chmod", ["-R", "u+w", dir]);
  rmSync(dir, { recursive: true, force: true });
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("the image's files", () => {
  it("hold the server, what it reads at run time and production packages only", () => {
    for (const f of ["dist/server.mjs", ".next/BUILD_ID", ".next/static", "public/monaco", "policies/model.conf", "lib/audit/migrations/0001_audit_events.sql", "node_modules/next", "node_modules/pg", "node_modules/@kubernetes/client-node"]) {
      expect(existsSync(path.join(app, f)), f).toBe(true);
    }
    for (const f of ["app", "components", "e2e", "test", "hack", "bench", "server.ts", "next.config.ts", "node_modules/typescript", "node_modules/vitest", "node_modules/eslint", "node_modules/esbuild", "node_modules/playwright-core", "node_modules/@playwright"]) {
      expect(existsSync(path.join(app, f)), f).toBe(false);
    }
    const bytes = walk(app).reduce((n, f) => n + statSync(f).size, 0);
    expect(bytes / 2 ** 20).toBeLessThan(250);
  });

  it("serve the console started as the ENTRYPOINT starts it, as its user, writing nothing", async () => {
    expect(stage.entrypoint).toEqual(["node", "dist/server.mjs"]);
    expect(stage.user).toMatch(/^[1-9]\d*:[1-9]\d*$/); // not root
    const started = Date.now();
    expect((await fetch(`${c.url}/api/healthz`)).status).toBe(200);
    expect((await fetch(`${c.url}/api/livez`)).status).toBe(200);
    const page = await (await fetch(`${c.url}/sign-in`)).text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(page)?.[0];
    expect(asset).toBeTruthy();
    expect((await fetch(`${c.url}${asset}`)).status).toBe(200);
    const s = await signIn(c.url, "admin", ADMIN_PASSWORD);
    const home = await s.fetch("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Pilothouse");
    const ns = await s.fetch(`/clusters/host/api/v1/namespaces/${namespace}`);
    expect(ns.status).toBe(200);
    expect(((await ns.json()) as { metadata: { name: string } }).metadata.name).toBe(namespace);
    const written = walk(app).filter((f) => statSync(f).mtimeMs >= started);
    expect(written).toEqual([]);
    expect(c.logs()).not.toMatch(/EACCES|EROFS/);
  });
});

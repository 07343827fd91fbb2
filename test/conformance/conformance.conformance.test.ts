import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  type ConsoleProcess,
  adminToken,
  bearerCall,
  bearerOk,
  registerFleetCluster,
  signIn,
  startConsole,
} from "../support/console";
import { fleetKubeconfig, kubectl, repoRoot, uniqueName } from "../support/fleet";
import { SUITE, type SpecResult, bin, listSpecs, runSpecs } from "./ginkgo";
import { CANNOT_PASS_HERE, CLUSTER_SCOPED, CONFORMANCE_FOCUS, LONG_ONLY, excludedBy } from "./specs";

// Kubernetes' own conformance specs, run once directly against a fleet member
// and once through the console with a platform admin's downloaded kubeconfig: every
// spec that passes directly must pass through the console (issue 15).
// CONFORMANCE_FULL=1 (`make conformance-full`) adds the long specs and the run
// as a tenant's project developer.

const FULL = process.env.CONFORMANCE_FULL === "1";
// Both runs at once, each on its own fleet member (the fleet makes them alike):
// some specs make cluster-scoped objects with fixed names, so two runs on one
// cluster would collide; and the wall time is that of the slower run.
const CLUSTER = "member-1";
const DIRECT_CLUSTER = "member-2";
const out = path.join(repoRoot, "dist/conformance", FULL ? "full" : "quick");

let c: ConsoleProcess;
let token: string;
let all: string[] = [];
let toRun: string[] = [];
let direct: Map<string, SpecResult>;
let viaConsole: Map<string, SpecResult>;
const summary: string[] = [];

function table(rows: string[][]): string {
  return rows.map((r) => `| ${r.join(" | ")} |`).join("\n");
}

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  all = await listSpecs(out, CONFORMANCE_FOCUS);
  toRun = all.filter((n) => !excludedBy(n, CANNOT_PASS_HERE) && (FULL || !excludedBy(n, LONG_ONLY)));
  c = await startConsole({ namespace: uniqueName("pilothouse-conformance") });
  token = await adminToken(c);
  await registerFleetCluster(c, token, CLUSTER);
}, 300_000);

afterAll(async () => {
  await c?.stop();
  if (c) await kubectl("host", ["delete", "namespace", c.namespace, "--wait=false", "--ignore-not-found"]).catch(() => undefined);
  if (summary.length) {
    writeFileSync(path.join(out, "summary.md"), summary.join("\n\n") + "\n");
    console.log(summary.join("\n\n"));
  }
});

describe("Kubernetes conformance through the console (issue 15)", () => {
  it("lists every excluded spec once, with a reason, and no exclusion is stale", () => {
    expect(all.length).toBeGreaterThan(100);
    for (const e of [...CANNOT_PASS_HERE, ...LONG_ONLY]) {
      expect(all.some((n) => e.match.test(n)), `no spec matches the exclusion ${e.match}`).toBe(true);
    }
    const rows = all.filter((n) => !toRun.includes(n)).map((n) => {
      const e = excludedBy(n, CANNOT_PASS_HERE) ?? excludedBy(n, LONG_ONLY)!;
      return [n, LONG_ONLY.includes(e) ? `long (make conformance-full): ${e.reason}` : e.reason];
    });
    summary.push(
      `### Not run here: ${rows.length} of ${all.length} [sig-api-machinery]/[sig-cli] [Conformance] specs\n\n` +
        table([["spec", "why"], ["---", "---"], ...rows]),
    );
  });

  it("every spec that passes directly against the cluster passes through the console as a platform admin", async () => {
    // The kubeconfig a platform admin downloads: server https://<console>/clusters/member-1, the console's CA, a token.
    const res = await fetch(`${c.url}/api/kubeconfig`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const kubeconfig = path.join(out, "admin.kubeconfig");
    writeFileSync(kubeconfig, await res.text(), { mode: 0o600 });

    const procs = FULL ? 3 : 2;
    const timeoutMinutes = FULL ? 50 : 25;
    const [d, v] = await Promise.all([
      runSpecs({ dir: path.join(out, "direct"), kubeconfig: fleetKubeconfig, context: DIRECT_CLUSTER, specs: toRun, procs, timeoutMinutes }),
      runSpecs({ dir: path.join(out, "console"), kubeconfig, context: CLUSTER, specs: toRun, procs, timeoutMinutes }),
    ]);
    direct = d.results;
    viaConsole = v.results;

    const passed = (m: Map<string, SpecResult>) => toRun.filter((n) => m.get(n)?.state === "passed");
    const lost = passed(direct).filter((n) => viaConsole.get(n)?.state !== "passed");
    const failedDirect = toRun.filter((n) => direct.get(n)?.state !== "passed");
    summary.push(
      `### ${toRun.length} specs run: ${passed(direct).length} pass directly on ${DIRECT_CLUSTER} (${d.seconds} s), ` +
        `${passed(viaConsole).length} on ${CLUSTER} through the console as a platform admin (${v.seconds} s)\n\n` +
        table([
          ["spec", "directly", "through the console"],
          ["---", "---", "---"],
          ...toRun.map((n) => [n, direct.get(n)?.state ?? "?", viaConsole.get(n)?.state ?? "?"]),
        ]),
    );
    const why = (m: Map<string, SpecResult>, n: string) => `${n}\n    ${m.get(n)?.state}: ${m.get(n)?.failure ?? ""} (${m.get(n)?.location ?? ""})`;
    expect(lost.map((n) => why(viaConsole, n)), `lost through the console; logs in ${v.log}`).toEqual([]);
    // Every spec chosen to run here must pass directly: a failure means the fleet
    // regressed or the spec belongs in CANNOT_PASS_HERE with its reason.
    expect(failedDirect.map((n) => why(direct, n)), `failed directly; logs in ${d.log}`).toEqual([]);
  }, 3_600_000);

  it.runIf(FULL)("as a tenant's project developer, inside projects the console makes, fails only where it is forbidden", async () => {
    const tenant = uniqueName("conf").slice(0, 30);
    await bearerOk(c.url, token, "POST", "/api/tenants", { name: tenant, clusters: [CLUSTER], managers: [] });
    const developer = "conf-dev";
    await bearerOk(c.url, token, "POST", "/api/users", { username: developer, password: ADMIN_PASSWORD, groups: [] });
    const s = await signIn(c.url, developer, ADMIN_PASSWORD);
    const tokenRes = await s.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "conformance" }) });
    expect(tokenRes.status).toBe(201);
    const devToken = ((await tokenRes.json()) as { token: string }).token;
    // The developer may use no cluster until the first project exists, so their own download would have no
    // context yet: the admin's file with the developer's token in it is the one they will download then.
    const adminKC = await (await fetch(`${c.url}/api/kubeconfig`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(adminKC).toContain(`${token}.${CLUSTER}`);
    const kubeconfig = path.join(out, "developer.kubeconfig");
    writeFileSync(kubeconfig, adminKC.replaceAll(token, devToken), { mode: 0o600 });

    const mine = toRun.filter((n) => !excludedBy(n, CLUSTER_SCOPED));
    expect(mine.length).toBeGreaterThan(30);
    for (const e of CLUSTER_SCOPED) expect(toRun.some((n) => e.match.test(n)), `no spec matches ${e.match}`).toBe(true);
    const run = await runSpecs({
      dir: path.join(out, "developer"),
      binary: { path: bin("e2e-project.test"), suite: SUITE.project },
      kubeconfig,
      context: CLUSTER,
      specs: mine,
      // Specs refused midway often wait out their polls: more processes, and a bound on the whole run.
      procs: 4,
      timeoutMinutes: 20,
      // The developer may not delete the projects; the tenant's removal below does.
      extraArgs: [`--console-url=${c.url}`, `--tenant=${tenant}`, `--cluster=${CLUSTER}`, `--developer=${developer}`, "--delete-namespace=false"],
      env: { CONFORMANCE_ADMIN_TOKEN: token },
    });
    const passed = mine.filter((n) => run.results.get(n)?.state === "passed");
    const failed = mine.filter((n) => run.results.get(n)?.state !== "passed");
    const notForbidden = failed.filter((n) => !/forbidden|403/i.test(run.results.get(n)?.failure ?? ""));
    summary.push(
      `### As a project developer: ${passed.length} of ${mine.length} namespaced specs pass inside the developer's own projects (${run.seconds} s; ` +
        `${toRun.length - mine.length} others make cluster-scoped objects)\n\n` +
        table([
          ["spec", "result", "why"],
          ["---", "---", "---"],
          ...failed.map((n) => [n, run.results.get(n)!.state, (run.results.get(n)!.failure ?? "").replaceAll("|", "\\|")]),
        ]),
    );
    // Projects go with their tenant's namespaces; the tenant last.
    const projects = (await bearerCall(c.url, token, "GET", `/api/projects?tenant=${tenant}`)).body as { items: { name: string }[] };
    for (const p of projects.items) await bearerCall(c.url, token, "DELETE", `/api/projects/${tenant}/${p.name}`);
    await bearerCall(c.url, token, "DELETE", `/api/tenants/${tenant}`);
    expect(passed.length).toBeGreaterThan(0);
    expect(notForbidden.map((n) => `${n}: ${run.results.get(n)?.failure}`), `failed for a reason other than Forbidden; logs in ${run.log}`).toEqual([]);
  }, 3_600_000);
});

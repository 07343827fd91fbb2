import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fleetDir, kubectl, repoRoot, uniqueName } from "../../../test/support/fleet";

// The charts of the fleet's chart repository (hack/fleet/charts): strict lint,
// their values schemas, a repository index built from their packages, and what
// they render dry-run on member-1's apiserver in a namespace under the
// restricted Pod Security level, as a project's would be.

const execFileP = promisify(execFile);
const chartsDir = path.join(repoRoot, "hack/fleet/charts");
const helmBin = path.join(fleetDir, "bin", "helm");
const helmHome = mkdtempSync(path.join(tmpdir(), "pilothouse-charts-"));
const CHARTS = ["echo", "keyvalue", "nightly-report"];

async function helm(args: string[]): Promise<{ ok: boolean; out: string }> {
  const env = { ...process.env, HELM_CACHE_HOME: helmHome, HELM_CONFIG_HOME: helmHome, HELM_DATA_HOME: helmHome, KUBECONFIG: "/dev/null" };
  try {
    const r = await execFileP(helmBin, args, { env, timeout: 60_000, maxBuffer: 16 << 20 });
    return { ok: true, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    return { ok: false, out: `${x.message}\n${x.stdout ?? ""}${x.stderr ?? ""}` };
  }
}

async function helmOK(args: string[]): Promise<string> {
  const r = await helm(args);
  if (!r.ok) throw new Error(`helm ${args.join(" ")}: ${r.out}`);
  return r.out;
}

interface IndexEntry {
  name: string;
  version: string;
  appVersion: string;
  description: string;
  keywords?: string[];
  annotations?: Record<string, string>;
  urls: string[];
  digest: string;
}

describe("the fleet's charts", () => {
  const ns = uniqueName("charts-it");
  const pkgDir = mkdtempSync(path.join(tmpdir(), "pilothouse-chart-pkgs-"));

  beforeAll(async () => {
    await kubectl("member-1", ["create", "namespace", ns]);
    await kubectl("member-1", ["label", "namespace", ns, "pod-security.kubernetes.io/enforce=restricted", "pod-security.kubernetes.io/warn=restricted"]);
  });
  afterAll(async () => {
    await kubectl("member-1", ["delete", "namespace", ns, "--wait=false"]).catch(() => undefined);
    rmSync(pkgDir, { recursive: true, force: true });
    rmSync(helmHome, { recursive: true, force: true });
  });

  it.each(CHARTS)("%s lints clean with --strict", async (chart) => {
    const out = await helmOK(["lint", "--strict", path.join(chartsDir, chart)]);
    expect(out).toContain("1 chart(s) linted, 0 chart(s) failed");
    expect(out).not.toMatch(/\[(ERROR|WARNING)\]/);
  });

  it("echo's values schema refuses bad values, naming the field", async () => {
    for (const [set, field] of [
      ["replicaCount=-1", "/replicaCount"],
      ["port=80", "/port"],
      ["route.hostname=Not_A_Host", "/route/hostname"],
      ["replicas=3", "replicas"],
    ]) {
      const r = await helm(["template", "t", path.join(chartsDir, "echo"), "--set", set]);
      expect(r.ok, `--set ${set} was accepted`).toBe(false);
      expect(r.out).toContain(field);
    }
  });

  it("packages into a repository index with versions, keywords and categories", async () => {
    for (const chart of CHARTS) await helmOK(["package", path.join(chartsDir, chart), "--destination", pkgDir]);
    await helmOK(["repo", "index", pkgDir, "--url", "http://charts.fleet.invalid"]);
    const index = parse(readFileSync(path.join(pkgDir, "index.yaml"), "utf8")) as { apiVersion: string; entries: Record<string, IndexEntry[]> };
    expect(index.apiVersion).toBe("v1");
    expect(Object.keys(index.entries).sort()).toEqual([...CHARTS].sort());
    for (const chart of CHARTS) {
      const [e] = index.entries[chart];
      const meta = parse(readFileSync(path.join(chartsDir, chart, "Chart.yaml"), "utf8")) as { version: string };
      expect(e.version).toBe(meta.version);
      expect(e.urls).toEqual([`http://charts.fleet.invalid/${chart}-${meta.version}.tgz`]);
      expect(e.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(e.keywords?.length).toBeGreaterThan(0);
      expect(e.annotations?.["pilothouse.dev/category"]).toBeTruthy();
    }
    expect(readdirSync(pkgDir).filter((f) => f.endsWith(".tgz"))).toHaveLength(CHARTS.length);
  });

  it.each([
    ["echo", ["--set", "route.enabled=true", "--set", "route.hostname=echo.charts-it.example"], ["Deployment", "HTTPRoute", "Service"]],
    ["keyvalue", [], ["Service", "StatefulSet"]],
    ["nightly-report", ["--set", "timeZone=Europe/Berlin"], ["CronJob"]],
  ])("%s renders objects member-1 accepts under the restricted Pod Security level", async (chart, extra, kinds) => {
    const rendered = await helmOK(["template", `${chart}-it`, path.join(chartsDir, chart), "--namespace", ns, "--kube-version", "1.37.2", ...extra]);
    const objs = rendered
      .split(/^---$/m)
      .map((d) => parse(d) as { kind?: string } | null)
      .filter((o): o is { kind: string } => !!o?.kind);
    expect(objs.map((o) => o.kind).sort()).toEqual(kinds);
    const r = await kubectl("member-1", ["apply", "--dry-run=server", "-n", ns, "-f", "-"], { input: rendered });
    expect(r.stdout).toContain("(server dry run)");
    // A pod template the restricted level would refuse is a warning on its workload.
    expect(r.stderr).not.toMatch(/would violate PodSecurity/);
  });
});

import "server-only";
import { stringify as toYAML, parse as parseYAML } from "yaml";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import type { Runtime } from "@/lib/server/context";
import type { PreviewAnswer, ReleaseDetail, ReleaseView, RevisionView } from "@/lib/validations/apps";
import { catalogOf } from "./catalog";
import { HelmError, helmApiError, runHelm } from "./helm";
import { diffManifests, splitManifest } from "./manifest-diff";

// Helm releases in projects, every operation run by helm as the caller (helm.ts).

const WAIT_TIMEOUT_S = 180;
/** A release label naming the repository its chart came from (Helm keeps release labels on its storage Secret). */
const REPO_LABEL = "pilothouse.dev/repository";
const WAIT_ARGS = ["--wait=watcher", `--timeout=${WAIT_TIMEOUT_S}s`];
// The console's own deadline: helm's plus time to roll back a failed change.
const RUN_TIMEOUT_MS = (WAIT_TIMEOUT_S * 2 + 30) * 1000;

interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  info?: { status?: string; last_deployed?: string; description?: string; notes?: string };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
  config?: Record<string, unknown>;
  manifest?: string;
}

interface HelmListItem {
  name: string;
  namespace: string;
  revision: string | number;
  updated: string;
  status: string;
  chart: string;
  app_version: string;
}

interface HelmHistoryItem {
  revision: number;
  updated: string;
  status: string;
  chart: string;
  app_version: string;
  description: string;
}

/** "echo-0.1.0" → ["echo", "0.1.0"] (the version starts at the last "-<digit>"). */
export function splitChartRef(ref: string): [string, string] {
  const m = /^(.*)-(v?\d[^-]*(?:-.*)?)$/.exec(ref);
  return m ? [m[1], m[2]] : [ref, ""];
}

/** `helm list` prints Go's time format ("2026-12-07 18:16:19.4 +0000 UTC"); everything else the API answers is ISO 8601. */
export function goTimeToISO(t: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-]\d{2})(\d{2})/.exec(t);
  if (!m) return t;
  const d = new Date(`${m[1]}T${m[2]}${(m[3] ?? "").slice(0, 4)}${m[4]}:${m[5]}`);
  return Number.isNaN(d.getTime()) ? t : d.toISOString();
}

/** Values YAML from the form or editor: a mapping, or nothing. */
export function parseValues(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = parseYAML(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ApiError("validation_failed", "The values are not valid YAML.", { values: e instanceof Error ? e.message.split("\n")[0] : "Not valid YAML." });
  }
  if (v === null || v === undefined) return {};
  if (typeof v !== "object" || Array.isArray(v)) throw new ApiError("validation_failed", "The values must be a mapping of keys to values.", { values: "The values must be a mapping (key: value), not a list or a scalar." });
  return v as Record<string, unknown>;
}

async function helm(rt: Runtime, p: Principal, cluster: string, doing: string, args: string[], files?: Record<string, string | Buffer>, timeoutMs?: number) {
  try {
    return await runHelm(rt, p, { cluster, args, files, timeoutMs });
  } catch (e) {
    throw helmApiError(e, doing);
  }
}

function requireCluster(rt: Runtime, cluster: string) {
  if (rt.store.cluster(cluster)?.status?.phase !== "Active") throw new ApiError("not_found", `Cluster "${cluster}" is not registered.`, { cluster: `No cluster "${cluster}".` });
}

export async function listReleases(rt: Runtime, p: Principal, cluster: string, namespace: string): Promise<ReleaseView[]> {
  requireCluster(rt, cluster);
  const { stdout } = await helm(rt, p, cluster, `list the releases of ${namespace}`, ["list", "-n", namespace, "--deployed", "--failed", "--pending", "--uninstalling", "-o", "json", "--max", "500"]);
  const items = JSON.parse(stdout || "[]") as HelmListItem[];
  return items.map((r) => {
    const [chart, chartVersion] = splitChartRef(r.chart);
    return { name: r.name, namespace: r.namespace, cluster, revision: Number(r.revision), status: r.status, chart, chartVersion, appVersion: r.app_version ?? "", updated: goTimeToISO(r.updated) };
  });
}

export async function releaseDetail(rt: Runtime, p: Principal, cluster: string, namespace: string, name: string): Promise<ReleaseDetail> {
  requireCluster(rt, cluster);
  const doing = `read release ${name}`;
  const { stdout } = await helm(rt, p, cluster, doing, ["status", name, "-n", namespace, "-o", "json"]);
  const r = JSON.parse(stdout) as HelmRelease;
  const hist = JSON.parse((await helm(rt, p, cluster, doing, ["history", name, "-n", namespace, "-o", "json", "--max", "100"])).stdout || "[]") as HelmHistoryItem[];
  const manifest = r.manifest ?? (await helm(rt, p, cluster, doing, ["get", "manifest", name, "-n", namespace])).stdout;
  const meta = JSON.parse((await helm(rt, p, cluster, doing, ["get", "metadata", name, "-n", namespace, "-o", "json"])).stdout || "{}") as { labels?: Record<string, string> };
  // helm v4's status JSON leaves the chart out; the history has it for every revision.
  const current = hist.find((h) => h.revision === r.version);
  const [chartName, chartVersion] = current ? splitChartRef(current.chart) : ["", ""];
  const chart = r.chart?.metadata?.name ?? chartName;
  const cat = catalogOf(rt);
  const hasChart = (repo: { metadata: { name?: string } }) => !!cat.peek(repo.metadata.name!)?.charts.has(chart);
  const mine = cat.visibleRepos(p);
  const labelled = mine.find((repo) => repo.metadata.name === meta.labels?.[REPO_LABEL]);
  const source = labelled && hasChart(labelled) ? labelled : mine.find(hasChart);
  return {
    name: r.name,
    namespace: r.namespace,
    cluster,
    revision: r.version,
    status: r.info?.status ?? "unknown",
    chart,
    chartVersion: r.chart?.metadata?.version ?? chartVersion,
    appVersion: r.chart?.metadata?.appVersion ?? current?.app_version ?? "",
    updated: r.info?.last_deployed ?? "",
    history: hist
      .map((h): RevisionView => ({ revision: h.revision, status: h.status, chart: h.chart, appVersion: h.app_version ?? "", updated: h.updated, description: h.description ?? "" }))
      .sort((a, b) => b.revision - a.revision),
    values: r.config && Object.keys(r.config).length ? toYAML(r.config) : "",
    notes: r.info?.notes ?? "",
    objects: splitManifest(manifest).map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace ?? namespace })),
    source: source ? { repo: source.metadata.name!, chart } : undefined,
  };
}

/** The values of one revision, as YAML. */
export async function revisionValues(rt: Runtime, p: Principal, cluster: string, namespace: string, name: string, revision: number): Promise<string> {
  requireCluster(rt, cluster);
  const { stdout } = await helm(rt, p, cluster, `read revision ${revision} of ${name}`, ["get", "values", name, "-n", namespace, "--revision", String(revision), "-o", "json"]);
  const v = JSON.parse(stdout || "null") as Record<string, unknown> | null;
  return v && Object.keys(v).length ? toYAML(v) : "";
}

async function chartFiles(rt: Runtime, p: Principal, repo: string, chart: string, version: string, values: string) {
  parseValues(values);
  const cat = catalogOf(rt);
  const { repo: r, entry } = await cat.entry(p, repo, chart, version);
  const tgz = await cat.archive(r, entry);
  return { "chart.tgz": tgz, "values.yaml": values };
}

/** What installing or upgrading would change: the rendered manifests (server dry run, as the caller) against what is installed. */
export async function previewRelease(
  rt: Runtime,
  p: Principal,
  b: { repo: string; chart: string; version: string; cluster: string; namespace: string; name: string; values: string; upgrade?: boolean },
): Promise<PreviewAnswer> {
  parseValues(b.values);
  requireCluster(rt, b.cluster);
  const files = await chartFiles(rt, p, b.repo, b.chart, b.version, b.values);
  let installed = "";
  let isInstalled = true;
  try {
    installed = (await runHelm(rt, p, { cluster: b.cluster, args: ["get", "manifest", b.name, "-n", b.namespace] })).stdout;
  } catch (e) {
    if (!(e instanceof HelmError && /release: not found/i.test(e.message))) throw helmApiError(e, `read release ${b.name}`);
    isInstalled = false;
  }
  if (isInstalled && !b.upgrade) {
    const taken = `A release named ${b.name} exists in this project.`;
    throw new ApiError("conflict", taken, { name: taken });
  }
  if (!isInstalled && b.upgrade) throw new ApiError("not_found", `There is no release ${b.name} in ${b.namespace} to upgrade.`);
  const { stdout } = await helm(rt, p, b.cluster, `render ${b.chart} ${b.version}`, [
    "upgrade", b.name, "${dir}/chart.tgz", "--install", "-n", b.namespace, "-f", "${dir}/values.yaml", "--reset-values", "--dry-run=server", "-o", "json",
  ], files);
  const wanted = (JSON.parse(stdout) as HelmRelease).manifest ?? "";
  return { installed: isInstalled, objects: diffManifests(installed, wanted) };
}

export async function installRelease(
  rt: Runtime,
  p: Principal,
  b: { repo: string; chart: string; version: string; cluster: string; namespace: string; name: string; values: string },
): Promise<ReleaseView> {
  parseValues(b.values);
  requireCluster(rt, b.cluster);
  const files = await chartFiles(rt, p, b.repo, b.chart, b.version, b.values);
  const { stdout } = await helm(
    rt,
    p,
    b.cluster,
    `install ${b.chart} as ${b.name}`,
    ["install", b.name, "${dir}/chart.tgz", "-n", b.namespace, "-f", "${dir}/values.yaml", ...WAIT_ARGS, "--rollback-on-failure", "--labels", `${REPO_LABEL}=${b.repo}`, "-o", "json"],
    files,
    RUN_TIMEOUT_MS,
  );
  return viewOf(JSON.parse(stdout) as HelmRelease, b.cluster);
}

export async function upgradeRelease(
  rt: Runtime,
  p: Principal,
  cluster: string,
  namespace: string,
  name: string,
  b: { repo: string; chart: string; version: string; values: string },
): Promise<ReleaseView> {
  parseValues(b.values);
  requireCluster(rt, cluster);
  const files = await chartFiles(rt, p, b.repo, b.chart, b.version, b.values);
  const { stdout } = await helm(
    rt,
    p,
    cluster,
    `upgrade ${name}`,
    ["upgrade", name, "${dir}/chart.tgz", "-n", namespace, "-f", "${dir}/values.yaml", "--reset-values", ...WAIT_ARGS, "--rollback-on-failure", "--labels", `${REPO_LABEL}=${b.repo}`, "-o", "json"],
    files,
    RUN_TIMEOUT_MS,
  );
  return viewOf(JSON.parse(stdout) as HelmRelease, cluster);
}

export async function rollbackRelease(rt: Runtime, p: Principal, cluster: string, namespace: string, name: string, revision: number): Promise<void> {
  requireCluster(rt, cluster);
  await helm(rt, p, cluster, `roll ${name} back to revision ${revision}`, ["rollback", name, String(revision), "-n", namespace, ...WAIT_ARGS], undefined, RUN_TIMEOUT_MS);
}

export async function uninstallRelease(rt: Runtime, p: Principal, cluster: string, namespace: string, name: string): Promise<void> {
  requireCluster(rt, cluster);
  await helm(rt, p, cluster, `uninstall ${name}`, ["uninstall", name, "-n", namespace, `--timeout=${WAIT_TIMEOUT_S}s`], undefined, RUN_TIMEOUT_MS);
}

function viewOf(r: HelmRelease, cluster: string): ReleaseView {
  return {
    name: r.name,
    namespace: r.namespace,
    cluster,
    revision: r.version,
    status: r.info?.status ?? "unknown",
    chart: r.chart?.metadata?.name ?? "",
    chartVersion: r.chart?.metadata?.version ?? "",
    appVersion: r.chart?.metadata?.appVersion ?? "",
    updated: r.info?.last_deployed ?? "",
  };
}

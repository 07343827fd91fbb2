import "server-only";
import { createHash } from "node:crypto";
import { parse as parseYAML } from "yaml";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import type { Runtime } from "@/lib/server/context";
import type { ChartRepositoryResource } from "@/lib/store/types";
import { visibleTenants } from "@/lib/tenancy/service";
import type { CatalogAnswer, CatalogChart, ChartDetail } from "@/lib/validations/apps";
import { fetchBounded } from "./fetch-bounded";
import { type ChartMeta, OciClient, parseOciURL, readOciIndex } from "./oci";
import { ArchiveError, readTgz } from "./tgz";

// The catalog: every repository's index.yaml, read in the background and kept
// in memory (each console process keeps its own; they are caches of the
// repositories, not state). A repository that is down keeps its last index
// and shows its error; the others are not held up by it.

const REFRESH_MS = 5 * 60_000;
const MAX_INDEX_BYTES = 20 << 20;
const MAX_CHART_BYTES = 10 << 20;
const FIRST_LOAD_WAIT_MS = 5_000;

/** One chart version as a repository lists it: Chart.yaml's fields, where to get it, its digest. */
export interface IndexEntry extends ChartMeta {
  name: string;
  version: string;
  urls?: string[];
  digest?: string;
  created?: string;
}

interface RepoIndex {
  /** resourceVersion of the repository object the index was read for: a change re-reads it. */
  version: string;
  charts: Map<string, IndexEntry[]>;
  fetchedAt?: string;
  error?: string;
  loading?: Promise<void>;
  timer?: NodeJS.Timeout;
}

export const CATEGORY_ANNOTATION = "pilothouse.dev/category";
export const DISPLAY_NAME_ANNOTATION = "pilothouse.dev/display-name";

/** Semver-ish ordering, newest first; prereleases after their release. */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, "").split(/[-+]/)[0].split(".").map(Number);
  const pb = b.replace(/^v/, "").split(/[-+]/)[0].split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] || 0) - (pa[i] || 0);
    if (d) return d;
  }
  const preA = a.includes("-");
  const preB = b.includes("-");
  return preA === preB ? b.localeCompare(a) : preA ? 1 : -1;
}

/** Parses index.yaml: chart name → versions, newest first. */
export function parseIndex(text: string): Map<string, IndexEntry[]> {
  const doc = parseYAML(text, { maxAliasCount: 100 }) as { apiVersion?: string; entries?: Record<string, IndexEntry[]> } | null;
  if (!doc || typeof doc !== "object" || !doc.entries || typeof doc.entries !== "object") throw new Error("not a Helm repository index (no entries)");
  const out = new Map<string, IndexEntry[]>();
  for (const [name, versions] of Object.entries(doc.entries)) {
    if (!Array.isArray(versions)) continue;
    const ok = versions.filter((v) => v && typeof v.version === "string").map((v) => ({ ...v, name, version: String(v.version) }));
    if (ok.length) out.set(name, ok.sort((x, y) => compareVersions(x.version, y.version)));
  }
  return out;
}

export class Catalog {
  private indexes = new Map<string, RepoIndex>();
  private archives = new Map<string, Buffer>();

  constructor(private rt: Runtime) {
    rt.store.chartRepos.onEvent((e) => {
      const name = e.object.metadata.name!;
      const cur = this.indexes.get(name);
      if (e.type === "DELETED") {
        if (cur?.timer) clearTimeout(cur.timer);
        this.indexes.delete(name);
      } else if (cur && cur.version !== e.object.metadata.resourceVersion) {
        void this.refresh(e.object);
      }
    });
  }

  repos(): ChartRepositoryResource[] {
    return this.rt.store.chartRepos.list().sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  }

  repo(name: string): ChartRepositoryResource | undefined {
    return this.rt.store.chartRepos.get(`${this.rt.store.namespace}/${name}`);
  }

  /** The repositories a user sees: platform-wide ones and their tenants'. */
  visibleRepos(p: Principal): ChartRepositoryResource[] {
    const tenants = new Set(visibleTenants(this.rt, p).map((t) => t.metadata.name!));
    return this.repos().filter((r) => !r.spec.tenant || tenants.has(r.spec.tenant));
  }

  /** The index as last read, reading it first (up to a few seconds) when it never was. */
  async index(r: ChartRepositoryResource): Promise<RepoIndex> {
    let idx = this.indexes.get(r.metadata.name!);
    if (!idx) {
      void this.refresh(r);
      idx = this.indexes.get(r.metadata.name!)!;
    }
    if (!idx.fetchedAt && !idx.error && idx.loading) {
      await Promise.race([idx.loading, new Promise((res) => setTimeout(res, FIRST_LOAD_WAIT_MS).unref())]);
    }
    return idx;
  }

  /** State without waiting (the repository list). */
  peek(name: string): RepoIndex | undefined {
    return this.indexes.get(name);
  }

  refresh(r: ChartRepositoryResource): Promise<void> {
    const name = r.metadata.name!;
    let idx = this.indexes.get(name);
    if (!idx) {
      idx = { version: r.metadata.resourceVersion ?? "", charts: new Map() };
      this.indexes.set(name, idx);
    }
    if (idx.loading && idx.version === r.metadata.resourceVersion) return idx.loading;
    idx.version = r.metadata.resourceVersion ?? "";
    const target = idx;
    if (target.timer) clearTimeout(target.timer);
    target.loading = this.fetchIndex(r)
      .then((charts) => {
        target.charts = charts;
        target.fetchedAt = new Date().toISOString();
        target.error = undefined;
      })
      .catch((e: unknown) => {
        target.error = e instanceof Error ? e.message : String(e);
      })
      .finally(() => {
        target.loading = undefined;
        if (this.indexes.get(name) !== target) return;
        target.timer = setTimeout(() => {
          const cur = this.repo(name);
          if (cur) void this.refresh(cur);
        }, REFRESH_MS);
        target.timer.unref();
      });
    return target.loading;
  }

  private creds(r: ChartRepositoryResource): { username: string; password: string } | undefined {
    if (!r.spec.credentialsSecret) return undefined;
    const s = this.rt.store.credentials(r.spec.credentialsSecret);
    const username = s?.data?.username ? Buffer.from(s.data.username, "base64").toString() : "";
    const password = s?.data?.password ? Buffer.from(s.data.password, "base64").toString() : "";
    return username ? { username, password } : undefined;
  }

  private async get(r: ChartRepositoryResource, url: string, max: number, what: string): Promise<Buffer> {
    // Credentials go only to the repository's own origin (a chart URL may point elsewhere).
    const c = new URL(url).origin === new URL(r.spec.url).origin ? this.creds(r) : undefined;
    const headers: Record<string, string> = c ? { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}` } : {};
    return (await fetchBounded(url, headers, max, what)).body;
  }

  private oci(r: ChartRepositoryResource) {
    return new OciClient(parseOciURL(r.spec.url, !!r.spec.plainHTTP), this.creds(r));
  }

  private async fetchIndex(r: ChartRepositoryResource): Promise<Map<string, IndexEntry[]>> {
    if (r.spec.type === "oci") return readOciIndex(this.oci(r), new URL(r.spec.url.replace(/^oci:/, "http:")).host, compareVersions);
    const base = r.spec.url.endsWith("/") ? r.spec.url : `${r.spec.url}/`;
    const body = await this.get(r, new URL("index.yaml", base).toString(), MAX_INDEX_BYTES, "The repository index");
    try {
      return parseIndex(body.toString("utf8"));
    } catch (e) {
      throw new Error(`The repository index at ${base}index.yaml is not valid: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** A visible repository by name, or 404. */
  requireRepo(p: Principal, name: string): ChartRepositoryResource {
    const r = this.visibleRepos(p).find((x) => x.metadata.name === name);
    if (!r) throw new ApiError("not_found", `Repository "${name}" does not exist or is not one of yours.`);
    return r;
  }

  async entry(p: Principal, repo: string, chart: string, version?: string): Promise<{ repo: ChartRepositoryResource; entry: IndexEntry; all: IndexEntry[] }> {
    const r = this.requireRepo(p, repo);
    const idx = await this.index(r);
    const all = idx.charts.get(chart);
    if (!all?.length) {
      if (idx.error) throw new ApiError("unavailable", idx.error);
      throw new ApiError("not_found", `Repository "${repo}" has no chart "${chart}".`);
    }
    const entry = version ? all.find((v) => v.version === version) : all.find((v) => !v.version.includes("-")) ?? all[0];
    if (!entry) throw new ApiError("not_found", `Chart "${chart}" has no version "${version}" in repository "${repo}".`, { version: `No version "${version}".` });
    return { repo: r, entry, all };
  }

  /** The chart's archive, checked against the index's digest; kept by digest. */
  async archive(r: ChartRepositoryResource, e: IndexEntry): Promise<Buffer> {
    const k = e.digest ? `sha256:${e.digest}` : `${r.metadata.name}/${e.name}/${e.version}`;
    const hit = this.archives.get(k);
    if (hit) return hit;
    const rel = e.urls?.[0];
    if (!rel) throw new ApiError("unavailable", `The index of "${r.metadata.name}" gives no address for ${e.name} ${e.version}.`);
    const base = r.spec.url.endsWith("/") ? r.spec.url : `${r.spec.url}/`;
    let buf: Buffer;
    try {
      if (r.spec.type === "oci") {
        // oci://host/<repository>:<tag>; the chart layer by the digest its manifest gave.
        const repo = rel.replace(/^oci:\/\/[^/]+\//, "").replace(/:[^:/]+$/, "");
        if (!e.digest) throw new Error(`no digest for ${e.name} ${e.version}`);
        buf = await this.oci(r).blob(repo, e.digest, MAX_CHART_BYTES, `Chart ${e.name} ${e.version}`);
      } else buf = await this.get(r, new URL(rel, base).toString(), MAX_CHART_BYTES, `Chart ${e.name} ${e.version}`);
    } catch (err) {
      throw new ApiError("unavailable", err instanceof Error ? err.message : String(err));
    }
    if (e.digest && createHash("sha256").update(buf).digest("hex") !== e.digest) {
      throw new ApiError("unavailable", `Chart ${e.name} ${e.version} from "${r.metadata.name}" does not match the digest its index gives; not used.`);
    }
    if (this.archives.size >= 64) this.archives.delete(this.archives.keys().next().value!);
    this.archives.set(k, buf);
    return buf;
  }

  async catalog(p: Principal, q: { q?: string; category?: string; repo?: string }): Promise<CatalogAnswer> {
    const repos = this.visibleRepos(p).filter((r) => !q.repo || r.metadata.name === q.repo);
    const indexes = await Promise.all(repos.map(async (r) => ({ r, idx: await this.index(r) })));
    const items: CatalogChart[] = [];
    const categories = new Set<string>();
    const unavailable: CatalogAnswer["unavailable"] = [];
    const needle = q.q?.trim().toLowerCase();
    for (const { r, idx } of indexes) {
      if (idx.error) unavailable.push({ repo: r.metadata.name!, error: idx.error });
      for (const versions of idx.charts.values()) {
        const latest = versions.find((v) => !v.version.includes("-")) ?? versions[0];
        if (latest.deprecated) continue;
        const c = chartSummary(r, latest, versions.length);
        if (c.category) categories.add(c.category);
        if (q.category && c.category !== q.category) continue;
        if (needle && ![c.name, c.displayName, c.description, ...c.keywords].some((s) => s.toLowerCase().includes(needle))) continue;
        items.push(c);
      }
    }
    items.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.repo.localeCompare(b.repo));
    return { items, categories: [...categories].sort(), unavailable };
  }

  async detail(p: Principal, repo: string, chart: string, version?: string): Promise<ChartDetail> {
    const { repo: r, entry, all } = await this.entry(p, repo, chart, version);
    const buf = await this.archive(r, entry);
    let files: Map<string, Buffer>;
    try {
      files = readTgz(buf, (f) => /^[^/]+\/(README\.md|values\.yaml|values\.schema\.json)$/i.test(f));
    } catch (e) {
      throw new ApiError("unavailable", `Chart ${chart} ${entry.version} could not be read: ${e instanceof ArchiveError ? e.message : String(e)}`);
    }
    const file = (n: string) => [...files.entries()].find(([k]) => k.split("/")[1].toLowerCase() === n.toLowerCase())?.[1]?.toString("utf8");
    let schema: Record<string, unknown> | undefined;
    const rawSchema = file("values.schema.json");
    if (rawSchema) {
      try {
        schema = JSON.parse(rawSchema) as Record<string, unknown>;
      } catch {
        schema = undefined;
      }
    }
    return {
      ...chartSummary(r, entry, all.length),
      version: entry.version,
      versionsList: all.map((v) => ({ version: v.version, appVersion: v.appVersion, created: v.created })),
      readme: (file("README.md") ?? "").slice(0, 256 * 1024),
      valuesYAML: (file("values.yaml") ?? "").slice(0, 256 * 1024),
      schema,
      home: entry.home,
      sources: entry.sources ?? [],
    };
  }
}

function chartSummary(r: ChartRepositoryResource, e: IndexEntry, versions: number): CatalogChart {
  return {
    repo: r.metadata.name!,
    repoDisplayName: r.spec.displayName || r.metadata.name!,
    tenant: r.spec.tenant,
    name: e.name,
    displayName: e.annotations?.[DISPLAY_NAME_ANNOTATION] || e.name,
    description: e.description ?? "",
    category: e.annotations?.[CATEGORY_ANNOTATION],
    keywords: Array.isArray(e.keywords) ? e.keywords.filter((k) => typeof k === "string") : [],
    latest: e.version,
    appVersion: e.appVersion,
    icon: e.icon,
    versions,
  };
}

const KEY = Symbol.for("pilothouse.catalog");
type G = typeof globalThis & { [KEY]?: Catalog };

/** One catalog per process, made on first use. */
export function catalogOf(rt: Runtime): Catalog {
  const g = globalThis as G;
  g[KEY] ??= new Catalog(rt);
  return g[KEY];
}

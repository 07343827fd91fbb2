import "server-only";
import { FetchError, fetchBounded } from "./fetch-bounded";

// Helm charts in an OCI registry (the distribution API): the charts under a
// path (from /v2/_catalog, or the path itself when it names one chart and the
// registry keeps its catalog closed), their tags, and for each tag the chart's
// metadata (the manifest's config blob is Chart.yaml as JSON) and its archive
// (the chart layer). Basic credentials, or the registry's bearer-token challenge.

export const HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
export const HELM_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
const MANIFEST_ACCEPT = "application/vnd.oci.image.manifest.v1+json";
const MAX_TAGS_PER_CHART = 30;
const MAX_CHARTS = 200;

export interface OciRef {
  /** http(s)://host[:port] */
  base: string;
  /** The path under the registry: "charts" or "charts/echo". */
  path: string;
}

/** oci://host[:port]/path → where to send the distribution API's requests. */
export function parseOciURL(url: string, plainHTTP: boolean): OciRef {
  const u = new URL(url.replace(/^oci:\/\//, "http://"));
  return { base: `${plainHTTP ? "http" : "https"}://${u.host}`, path: u.pathname.replace(/^\/+|\/+$/g, "") };
}

/** The bearer challenge's parameters: realm, service, scope. */
export function parseChallenge(h: string): Record<string, string> | undefined {
  const m = /^Bearer\s+(.*)$/i.exec(h.trim());
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const p of m[1].matchAll(/(\w+)="([^"]*)"/g)) out[p[1].toLowerCase()] = p[2];
  return out.realm ? out : undefined;
}

/** What Chart.yaml says of a chart (an OCI chart's config blob is exactly that, as JSON). */
export interface ChartMeta {
  name?: string;
  version?: string;
  appVersion?: string;
  description?: string;
  keywords?: string[];
  icon?: string;
  home?: string;
  sources?: string[];
  annotations?: Record<string, string>;
  deprecated?: boolean;
}

export interface OciEntry extends ChartMeta {
  name: string;
  version: string;
  urls: string[];
  /** sha256 hex of the chart layer. */
  digest: string;
}

export class OciClient {
  private tokens = new Map<string, string>();

  constructor(
    private ref: OciRef,
    private creds?: { username: string; password: string },
  ) {}

  private basic() {
    return this.creds ? `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString("base64")}` : undefined;
  }

  /** A GET on the registry, answering its auth challenge once. */
  async get(path: string, accept: string, max: number, what: string): Promise<Buffer> {
    const url = `${this.ref.base}${path}`;
    // Tokens are per repository (a registry's scope is "repository:<name>:pull").
    const scope = /^\/v2\/(.+?)\/(?:tags|manifests|blobs)\//.exec(path)?.[1] ?? path;
    const headers = (): Record<string, string> => {
      const t = this.tokens.get(scope);
      const auth = t ? `Bearer ${t}` : this.basic();
      return { accept, ...(auth ? { authorization: auth } : {}) };
    };
    try {
      return (await fetchBounded(url, headers(), max, what)).body;
    } catch (e) {
      if (!(e instanceof FetchError && e.status === 401 && e.challenge)) throw e;
      const c = parseChallenge(e.challenge);
      if (!c) throw e;
      const q = new URLSearchParams();
      if (c.service) q.set("service", c.service);
      if (c.scope) q.set("scope", c.scope);
      const basic = this.basic();
      const tok = JSON.parse((await fetchBounded(`${c.realm}?${q}`, basic ? { authorization: basic } : {}, 1 << 20, "A registry token")).body.toString("utf8")) as {
        token?: string;
        access_token?: string;
      };
      const t = tok.token ?? tok.access_token;
      if (!t) throw new FetchError(`${what}: the registry's token service gave no token`);
      this.tokens.set(scope, t);
      return (await fetchBounded(url, headers(), max, what)).body;
    }
  }

  private async json<T>(path: string, accept: string, what: string): Promise<T> {
    const body = await this.get(path, accept, 4 << 20, what);
    try {
      return JSON.parse(body.toString("utf8")) as T;
    } catch {
      throw new FetchError(`${what} at ${this.ref.base}${path} is not JSON`);
    }
  }

  /** Repository names holding charts under the path: the catalog's, or the path itself. */
  async repositories(): Promise<string[]> {
    const prefix = this.ref.path ? `${this.ref.path}/` : "";
    try {
      const names: string[] = [];
      let next: string | undefined = "/v2/_catalog?n=1000";
      for (let page = 0; next && page < 10; page++) {
        const c: { repositories?: string[] } = await this.json(next, "application/json", "The registry's catalog");
        names.push(...(c.repositories ?? []).filter((n) => n.startsWith(prefix)));
        const last: string | undefined = c.repositories?.at(-1);
        next = c.repositories && c.repositories.length >= 1000 && last ? `/v2/_catalog?n=1000&last=${encodeURIComponent(last)}` : undefined;
      }
      if (names.length) return names.slice(0, MAX_CHARTS);
    } catch (e) {
      // A closed catalog (401/403/404): the path may name one chart.
      if (!(e instanceof FetchError && e.status && [401, 403, 404].includes(e.status))) throw e;
    }
    return this.ref.path ? [this.ref.path] : [];
  }

  async tags(repo: string): Promise<string[]> {
    const t = await this.json<{ tags?: string[] }>(`/v2/${repo}/tags/list`, "application/json", `The tags of ${repo}`);
    return t.tags ?? [];
  }

  /** One tag's chart: metadata from the config blob, the layer's digest. */
  async entry(repo: string, tag: string, host: string): Promise<OciEntry | undefined> {
    const m = await this.json<{ config?: { mediaType?: string; digest?: string }; layers?: { mediaType?: string; digest?: string }[] }>(
      `/v2/${repo}/manifests/${encodeURIComponent(tag)}`,
      MANIFEST_ACCEPT,
      `The manifest of ${repo}:${tag}`,
    );
    const layer = m.layers?.find((l) => l.mediaType === HELM_LAYER);
    if (m.config?.mediaType !== HELM_CONFIG || !m.config.digest || !layer?.digest?.startsWith("sha256:")) return undefined;
    const meta = await this.json<ChartMeta>(`/v2/${repo}/blobs/${m.config.digest}`, HELM_CONFIG, `The chart metadata of ${repo}:${tag}`);
    const name = meta.name ?? repo.split("/").at(-1)!;
    return { ...meta, name, version: meta.version ?? tag.replace(/_/g, "+"), urls: [`oci://${host}/${repo}:${tag}`], digest: layer.digest.slice("sha256:".length) };
  }

  blob(repo: string, digest: string, max: number, what: string): Promise<Buffer> {
    return this.get(`/v2/${repo}/blobs/sha256:${digest}`, "application/octet-stream", max, what);
  }
}

/** Everything the catalog needs of an OCI repository: chart name → entries (newest tags first, at most 30 each). */
export async function readOciIndex(client: OciClient, host: string, order: (a: string, b: string) => number): Promise<Map<string, OciEntry[]>> {
  const out = new Map<string, OciEntry[]>();
  const repos = await client.repositories();
  let i = 0;
  const worker = async () => {
    while (i < repos.length) {
      const repo = repos[i++];
      const tags = (await client.tags(repo)).sort(order).slice(0, MAX_TAGS_PER_CHART);
      const entries: OciEntry[] = [];
      for (const tag of tags) {
        const e = await client.entry(repo, tag, host);
        if (e) entries.push(e);
      }
      if (entries.length) out.set(entries[0].name, entries.sort((a, b) => order(a.version, b.version)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, repos.length) }, worker));
  return out;
}

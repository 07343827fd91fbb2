import "server-only";
import { request } from "@/lib/k8s/connection";
import type { Connection } from "@/lib/k8s/connection";

// Which resources of a cluster are namespaced, from its aggregated discovery
// (two requests for every group), cached per connection. A field selector on
// metadata.namespace is refused by the API server for cluster-scoped
// resources, so the proxy must know before it adds one.

const ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
const FRESH_MS = 5 * 60_000;
/** A resource not in the cache makes it reload at most this often (new CRDs). */
const MISS_RELOAD_MS = 5_000;

interface DiscoveryList {
  items?: { metadata?: { name?: string }; versions?: { resources?: { resource?: string; scope?: string }[] }[] }[];
}

class ScopeCache {
  private scopes = new Map<string, boolean>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(private conn: Connection) {}

  /** true / false when known; undefined when the cluster does not list the resource. */
  async namespaced(group: string, resource: string): Promise<boolean | undefined> {
    const key = `${group}/${resource}`;
    const age = Date.now() - this.loadedAt;
    if (age > FRESH_MS || (!this.scopes.has(key) && age > MISS_RELOAD_MS)) await this.load();
    return this.scopes.get(key);
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      const next = new Map<string, boolean>();
      for (const root of ["/api", "/apis"]) {
        const res = await request(this.conn, { path: root, headers: { accept: ACCEPT }, timeoutMs: 5_000 });
        if (res.status !== 200) throw new Error(`discovery ${root}: HTTP ${res.status}`);
        const doc = JSON.parse(res.body.toString("utf8")) as DiscoveryList;
        for (const g of doc.items ?? []) {
          for (const v of g.versions ?? []) {
            for (const r of v.resources ?? []) {
              if (r.resource) next.set(`${g.metadata?.name ?? ""}/${r.resource}`, r.scope === "Namespaced");
            }
          }
        }
      }
      this.scopes = next;
      this.loadedAt = Date.now();
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }
}

const caches = new WeakMap<Connection, ScopeCache>();

export function namespacedResource(conn: Connection, group: string, resource: string): Promise<boolean | undefined> {
  let c = caches.get(conn);
  if (!c) caches.set(conn, (c = new ScopeCache(conn)));
  return c.namespaced(group, resource);
}

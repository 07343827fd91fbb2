// Where workloads live: a namespace on a cluster. Built from GET /api/projects,
// which answers one row per namespace ({cluster, namespace, …}) or one per
// project with its clusters ({name, clusters: [{cluster, phase}], …}); both are read.

export interface Place {
  cluster: string;
  namespace: string;
  displayName: string;
  tenant: string;
}

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

export function placesFromProjects(items: unknown): Place[] {
  const out: Place[] = [];
  const seen = new Set<string>();
  const add = (p: Place) => {
    const k = `${p.cluster}/${p.namespace}`;
    if (!p.cluster || !p.namespace || seen.has(k)) return;
    seen.add(k);
    out.push(p);
  };
  for (const it of Array.isArray(items) ? items : []) {
    if (!isObj(it)) continue;
    const displayName = str(it.displayName);
    const tenant = str(it.tenant);
    if (typeof it.cluster === "string" && typeof it.namespace === "string") {
      add({ cluster: it.cluster, namespace: it.namespace, displayName, tenant });
    } else if (Array.isArray(it.clusters)) {
      const namespace = str(it.namespace) || str(it.name);
      for (const c of it.clusters) {
        const cluster = typeof c === "string" ? c : isObj(c) ? str(c.cluster) : "";
        // A project missing on a cluster has no namespace there to open.
        if (isObj(c) && c.phase === "Missing") continue;
        add({ cluster, namespace, displayName, tenant });
      }
    }
  }
  return out.sort((a, b) => a.cluster.localeCompare(b.cluster) || (a.displayName || a.namespace).localeCompare(b.displayName || b.namespace));
}

/** Namespaces of a cluster to offer besides its projects, without repeats. */
export function otherNamespaces(all: string[], places: Place[], cluster: string): string[] {
  const known = new Set(places.filter((p) => p.cluster === cluster).map((p) => p.namespace));
  return [...new Set(all)].filter((n) => !known.has(n)).sort();
}

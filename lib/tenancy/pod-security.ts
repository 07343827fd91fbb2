import "server-only";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import { describe } from "@/lib/k8s/clusters";
import { TENANT_LABEL, namespacePath } from "@/lib/k8s/kinds/namespace";
import type { KubeObject } from "@/lib/k8s/types";
import type { Runtime } from "@/lib/server/context";
import type { TenantResource } from "@/lib/store/types";
import type { PodSecurityLevel } from "@/lib/validations/tenancy";

// Tenant projects run under Pod Security Admission: every namespace that is a
// project of a tenant carries the tenant's level (enforce and warn). The
// console sets the labels when it creates a project and this reconciler keeps
// them so, whoever made or relabelled the namespace.

const PSA = "pod-security.kubernetes.io/";

export function tenantPodSecurity(t: TenantResource): PodSecurityLevel {
  return t.spec.podSecurity ?? "baseline";
}

/** The Pod Security labels a project of a tenant at this level carries. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return {
    [`${PSA}enforce`]: level,
    [`${PSA}enforce-version`]: "latest",
    [`${PSA}warn`]: level,
    [`${PSA}warn-version`]: "latest",
  };
}

/**
 * The labels this namespace must carry and does not (undefined: none). Only
 * projects count — labelled with a tenant that exists and may use the cluster,
 * the same rule as the enforcer's — and never a namespace being deleted.
 * A namespace that stopped being a project keeps its labels: a platform admin decides.
 */
export function podSecurityPatch(cluster: string, ns: KubeObject, tenant: (name: string) => TenantResource | undefined): Record<string, string> | undefined {
  if (ns.metadata.deletionTimestamp) return undefined;
  const name = ns.metadata.labels?.[TENANT_LABEL];
  const t = name ? tenant(name) : undefined;
  if (!t || !t.spec.clusters?.includes(cluster)) return undefined;
  const want = podSecurityLabels(tenantPodSecurity(t));
  const have = ns.metadata.labels ?? {};
  const diff = Object.fromEntries(Object.entries(want).filter(([k, v]) => have[k] !== v));
  return Object.keys(diff).length ? diff : undefined;
}

/** The merge patch for it; the resourceVersion makes it conditional on the namespace we judged. */
export function mergePatch(ns: KubeObject, labels: Record<string, string>) {
  return { metadata: { resourceVersion: ns.metadata.resourceVersion, labels } };
}

const DEBOUNCE_MS = 200;
const RETRY_MIN_MS = 5_000;
const RETRY_MAX_MS = 300_000;

interface ClusterState {
  timer?: NodeJS.Timeout;
  running?: boolean;
  again?: boolean;
  /** Skipped while the cluster was down: run when it is Ready again. */
  waiting?: boolean;
  retryMs?: number;
}

/**
 * Keeps the Pod Security labels of every project right, per cluster: at start,
 * on each namespace event of a cluster and on each tenant change, debounced.
 * Idempotent, so several console replicas may run it at once.
 */
export class PodSecurityReconciler {
  private state = new Map<string, ClusterState>();
  /** What was last logged per namespace, so a failure that repeats is logged once. */
  private logged = new Map<string, string>();
  private stopped = false;
  private readonly onNamespaces = (cluster: string) => this.schedule(cluster);
  private readonly onHealth = (cluster: string) => {
    if (this.state.get(cluster)?.waiting && this.rt.clusters.health(cluster)?.status === "Ready") this.schedule(cluster);
  };
  private offTenants?: () => void;

  constructor(private rt: Pick<Runtime, "store" | "clusters">) {}

  start() {
    this.rt.clusters.on("namespaces", this.onNamespaces);
    this.rt.clusters.on("change", this.onHealth);
    this.offTenants = this.rt.store.tenants.onEvent(() => this.scheduleAll());
    this.scheduleAll();
  }

  stop() {
    this.stopped = true;
    this.rt.clusters.off("namespaces", this.onNamespaces);
    this.rt.clusters.off("change", this.onHealth);
    this.offTenants?.();
    for (const s of this.state.values()) clearTimeout(s.timer);
  }

  private scheduleAll() {
    for (const c of this.rt.clusters.names()) this.schedule(c);
  }

  private schedule(cluster: string, delayMs = DEBOUNCE_MS) {
    if (this.stopped) return;
    const s = this.state.get(cluster) ?? {};
    this.state.set(cluster, s);
    if (s.running) {
      s.again = true;
      return;
    }
    clearTimeout(s.timer);
    s.timer = setTimeout(() => void this.run(cluster, s), delayMs);
    s.timer.unref();
  }

  private async run(cluster: string, s: ClusterState) {
    s.timer = undefined;
    const conn = this.rt.clusters.connection(cluster);
    if (!conn) {
      this.state.delete(cluster);
      return;
    }
    const status = this.rt.clusters.health(cluster)?.status;
    if (status === "Unreachable" || status === "Unauthorized") {
      s.waiting = true;
      return;
    }
    s.waiting = false;
    s.running = true;
    let failed = false;
    try {
      for (const ns of this.rt.clusters.namespacesOf(cluster)) {
        if (this.stopped) return;
        const labels = podSecurityPatch(cluster, ns, (t) => this.rt.store.tenant(t));
        if (!labels) continue;
        const key = `${cluster}/${ns.metadata.name}`;
        try {
          await k8sJSON(conn, namespacePath(ns.metadata.name!), { method: "PATCH", contentType: "application/merge-patch+json", body: mergePatch(ns, labels) });
          if (this.logged.delete(key)) log("info", "pod security labels set", { cluster, namespace: ns.metadata.name, labels });
        } catch (e) {
          // Gone, or changed since we looked: its watch event brings us back.
          if (e instanceof K8sError && (e.code === 404 || e.code === 409)) continue;
          failed = true;
          const msg = e instanceof K8sError ? e.message : describe(e);
          if (this.logged.get(key) !== msg) {
            this.logged.set(key, msg);
            log("error", "could not set the pod security labels of a project", { cluster, namespace: ns.metadata.name, labels, err: msg });
          }
        }
      }
    } finally {
      s.running = false;
    }
    if (failed) {
      // Backs off while it keeps failing; namespace events still bring it back sooner.
      s.retryMs = Math.min((s.retryMs ?? RETRY_MIN_MS / 2) * 2, RETRY_MAX_MS);
      this.schedule(cluster, s.retryMs);
    } else {
      s.retryMs = undefined;
      if (s.again) this.schedule(cluster);
    }
    s.again = false;
  }
}

function log(level: "info" | "error", msg: string, extra: Record<string, unknown>) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...extra });
  if (level === "error") console.error(line);
  else console.log(line);
}

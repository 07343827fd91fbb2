import "server-only";
import { EventEmitter } from "node:events";
import net from "node:net";
import type { ClusterResource, SecretResource } from "@/lib/store/types";
import type { Store } from "@/lib/store/store";
import { K8sError, k8sJSON, statusFrom, watchStream } from "./api";
import { type ClusterCredentials, Connection, ConnectTimeoutError, request } from "./connection";
import { Informer } from "./informer";
import type { ResourceQuotaObject } from "./kinds/resourcequota";
import { Limiter, failureDelay, firstDelay, readyDelay } from "./probe-schedule";
import type { KubeObject } from "./types";

import type { ClusterHealth, ClusterView, HealthStatus } from "@/lib/validations/cluster";
export type { ClusterHealth, ClusterView, HealthStatus };

export function credentialsFromSecret(s: SecretResource): ClusterCredentials | undefined {
  const d = (k: string) => (s.data?.[k] ? Buffer.from(s.data[k], "base64").toString("utf8") : undefined);
  const server = d("server");
  if (!server) return undefined;
  return {
    server,
    caData: d("ca.crt"),
    certData: d("tls.crt"),
    keyData: d("tls.key"),
    token: d("token"),
    insecureSkipTLSVerify: d("insecure-skip-tls-verify") === "true",
    tlsServerName: d("tls-server-name"),
  };
}

export function secretDataFor(c: ClusterCredentials): Record<string, string> {
  const data: Record<string, string> = { server: c.server };
  if (c.caData) data["ca.crt"] = c.caData;
  if (c.certData) data["tls.crt"] = c.certData;
  if (c.keyData) data["tls.key"] = c.keyData;
  if (c.token) data.token = c.token;
  if (c.insecureSkipTLSVerify) data["insecure-skip-tls-verify"] = "true";
  if (c.tlsServerName) data["tls-server-name"] = c.tlsServerName;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")]));
}

const PROBE_TIMEOUT_MS = 2_000;
const HEARTBEAT_MS = 1_000;
/**
 * Probes in flight across all clusters: 1,000 registered clusters must not
 * flood the event loop or the sockets. Clusters known down have slots of their
 * own: a black-holed one holds its slot for the whole timeout, and must not
 * delay the probes of healthy ones.
 */
const MAX_PROBES = 16;
const MAX_DOWN_PROBES = 8;
/** Down this long, a cluster's informers stop retrying on their own (they re-list when it is back). */
const PAUSE_INFORMERS_MS = 60_000;
/** Heartbeat connects in flight (one per distinct server address). */
const MAX_HEARTBEATS = 32;
/** A nudge (a request wanting a backed-off cluster) re-probes it at most this often. */
const NUDGE_MS = 5_000;

interface Entry {
  name: string;
  version: string; // server + credentials secret resourceVersion, to notice changes
  conn: Connection;
  /** Metadata of the cluster's namespaces: which tenant each project belongs to. */
  namespaces: Informer<KubeObject>;
  /** ResourceQuotas of every namespace: project usage and tenant budgets. */
  quotas: Informer<ResourceQuotaObject>;
  health: ClusterHealth;
  timer?: NodeJS.Timeout;
  probing?: Promise<void>;
  liveness?: AbortController;
  closed?: boolean;
  /** Since when its probes have failed (undefined while Ready): drives the backoff. */
  downSince?: number;
  lastProbeAt: number;
  nextProbeAt: number;
  /** The informers are paused while the cluster stays dead past the grace. */
  paused?: boolean;
}

/**
 * Resolves with the error when a fresh TCP connection to the server fails
 * (refused, unresolvable, or no answer within the timeout), else undefined.
 * Pooled keep-alive sockets cannot tell: a stopping apiserver closes its
 * listener at once but keeps serving open connections (watches) while it
 * drains — for up to its termination grace period.
 */
function tcpCheck(cluster: string, url: URL, timeoutMs: number): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const s = net.connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port });
    const done = (err?: Error) => {
      s.destroy();
      resolve(err);
    };
    s.setTimeout(timeoutMs, () => done(new ConnectTimeoutError(cluster, timeoutMs)));
    s.once("connect", () => done());
    s.once("error", (err) => done(err));
  });
}

/**
 * Live connections to every registered cluster, rebuilt from the store's
 * watches, and their health. One cluster's state never blocks another's:
 * each has its own socket pool, prober and timers.
 */
export class ClusterManager extends EventEmitter {
  private entries = new Map<string, Entry>();
  private probes = new Limiter(MAX_PROBES);
  private downProbes = new Limiter(MAX_DOWN_PROBES);
  private beats = new Limiter(MAX_HEARTBEATS);
  private heartbeat?: NodeJS.Timeout;
  /** Server addresses with a heartbeat connect in flight. */
  private beating = new Set<string>();

  constructor(
    private store: Store,
    private hostName = "host",
  ) {
    super();
    this.setMaxListeners(0);
  }

  start() {
    const sync = () => this.sync();
    this.store.clusters.onEvent(sync);
    this.store.secrets.onEvent(sync);
    this.sync();
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  stop() {
    clearInterval(this.heartbeat);
    for (const e of this.entries.values()) this.close(e);
    this.entries.clear();
  }

  /**
   * A cheap check between probes: a refused connection flags the cluster at
   * once. One connect per distinct server address per tick, not per cluster:
   * many registrations of one apiserver share it.
   */
  private beat() {
    const byAddress = new Map<string, Entry[]>();
    for (const e of this.entries.values()) {
      if (e.closed || e.health.status !== "Ready" || e.probing) continue;
      const key = `${e.conn.base.hostname}:${e.conn.base.port}`;
      const list = byAddress.get(key);
      if (list) list.push(e);
      else byAddress.set(key, [e]);
    }
    for (const [key, list] of byAddress) {
      if (this.beating.has(key)) continue;
      this.beating.add(key);
      void this.beats
        .run(() => tcpCheck(list[0].name, list[0].conn.base, PROBE_TIMEOUT_MS))
        .then((err) => {
          if (!err) return;
          for (const e of list) {
            if (e.closed || e.health.status !== "Ready") continue;
            if ((err as NodeJS.ErrnoException).code === "ECONNREFUSED") this.reportFailure(e.name, err);
            else void this.probe(e);
          }
        })
        .finally(() => this.beating.delete(key));
    }
  }

  private sync() {
    const seen = new Set<string>();
    const fresh: Entry[] = [];
    for (const c of this.store.clusters.list()) {
      if (c.status?.phase !== "Active") continue;
      const name = c.metadata.name!;
      const secret = this.store.credentials(c.spec.credentialsSecret);
      const creds = secret && credentialsFromSecret(secret);
      if (!creds) continue;
      seen.add(name);
      // Only what the connection is made of: editing a display name or the
      // Prometheus address must not drop the cluster's watches.
      const version = `${c.spec.server}/${!!c.spec.insecureSkipTLSVerify}/${secret.metadata.resourceVersion}`;
      const cur = this.entries.get(name);
      if (cur && cur.version === version) continue;
      if (cur) this.close(cur);
      const conn = new Connection(name, creds);
      const e: Entry = {
        name,
        version,
        conn,
        namespaces: new Informer<KubeObject>(conn, "/api/v1/namespaces", { metadataOnly: true }),
        quotas: new Informer<ResourceQuotaObject>(conn, "/api/v1/resourcequotas"),
        health: cur?.health ?? { status: "Unknown" },
        downSince: cur?.downSince,
        lastProbeAt: 0,
        nextProbeAt: 0,
      };
      this.entries.set(name, e);
      e.namespaces.onEvent((ev) => {
        this.emit("namespaces", name);
        if (ev.type === "DELETED") this.emit("namespace-deleted", name, ev.object.metadata.name);
      });
      e.namespaces.start();
      e.quotas.start();
      fresh.push(e);
    }
    // Many clusters arriving together (a restart, a bulk import) are probed over a period, not all at once.
    for (const e of fresh) this.schedule(e, firstDelay(fresh.length));
    for (const [name, e] of this.entries) {
      if (!seen.has(name)) {
        this.close(e);
        this.entries.delete(name);
        this.emit("change", name);
      }
    }
  }

  private close(e: Entry) {
    e.closed = true;
    clearTimeout(e.timer);
    e.liveness?.abort();
    e.namespaces.stop();
    e.quotas.stop();
    e.conn.close();
  }

  /** The labels of a namespace as last seen on the cluster (undefined when unknown). */
  namespace(cluster: string, name: string): KubeObject | undefined {
    return this.entries.get(cluster)?.namespaces.get(name);
  }

  namespacesOf(cluster: string): KubeObject[] {
    return this.entries.get(cluster)?.namespaces.list() ?? [];
  }

  quotasIn(cluster: string, namespace: string): ResourceQuotaObject[] {
    return (this.entries.get(cluster)?.quotas.list() ?? []).filter((q) => q.metadata.namespace === namespace);
  }

  quotasOf(cluster: string): ResourceQuotaObject[] {
    return this.entries.get(cluster)?.quotas.list() ?? [];
  }

  connection(name: string): Connection | undefined {
    return this.entries.get(name)?.conn;
  }

  health(name: string): ClusterHealth | undefined {
    return this.entries.get(name)?.health;
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  view(c: ClusterResource): ClusterView {
    const name = c.metadata.name!;
    return {
      name,
      displayName: c.spec.displayName || name,
      server: c.spec.server,
      labels: c.metadata.labels ?? {},
      description: c.spec.description,
      prometheusURL: c.spec.prometheusURL,
      gatewayURL: c.spec.gatewayURL,
      prometheusAuth: this.prometheusAuthType(name),
      insecureSkipTLSVerify: !!c.spec.insecureSkipTLSVerify,
      kubeSystemUID: c.status?.kubeSystemUID,
      registeredAt: c.status?.registeredAt,
      registeredBy: c.status?.registeredBy,
      isHost: name === this.hostName,
      health: this.entries.get(name)?.health ?? { status: "Unknown" },
    };
  }

  private prometheusAuthType(name: string): ClusterView["prometheusAuth"] {
    const d = this.store.credentials(`cluster-${name}-prometheus`)?.data ?? {};
    return d.token ? "bearer" : d.username ? "basic" : "none";
  }

  views(): ClusterView[] {
    return this.store.clusters
      .list()
      .filter((c) => c.status?.phase === "Active")
      .map((c) => this.view(c))
      .sort((a, b) => (a.name === "host" ? -1 : b.name === "host" ? 1 : a.name.localeCompare(b.name)));
  }

  /**
   * Called by the proxy when a request to the cluster could not connect, so
   * the status flips at once instead of at the next probe.
   */
  reportFailure(name: string, err: unknown) {
    const e = this.entries.get(name);
    if (!e || e.closed) return;
    // Already known down: its backoff decides when to look again.
    if (e.health.status === "Unreachable") return;
    this.setHealth(e, { ...e.health, status: "Unreachable", lastError: describe(err), checkedAt: new Date().toISOString() });
    void this.probe(e);
  }

  /**
   * Someone wants a cluster that is backed off (a request was refused for
   * it, or one succeeded while it was flagged): look again soon rather than at
   * the end of its backoff. At most once per NUDGE_MS per cluster.
   */
  nudge(name: string) {
    const e = this.entries.get(name);
    if (!e || e.closed || e.probing || e.health.status === "Ready") return;
    const now = Date.now();
    if (now - e.lastProbeAt < NUDGE_MS || e.nextProbeAt - now < NUDGE_MS) return;
    this.schedule(e, 0);
  }

  /** A real request to the cluster succeeded: a flagged cluster is re-probed now, and its backoff starts over. */
  reportSuccess(name: string) {
    const e = this.entries.get(name);
    if (!e || e.closed || e.health.status === "Ready") return;
    e.downSince = undefined;
    this.nudge(name);
  }

  private schedule(e: Entry, ms: number) {
    clearTimeout(e.timer);
    e.nextProbeAt = Date.now() + ms;
    e.timer = setTimeout(() => void this.probe(e), ms);
    e.timer.unref();
  }

  /** Probes now (deduplicated, at most MAX_PROBES at once across clusters) and schedules the next probe. */
  probe(e: Entry): Promise<void> {
    if (e.probing) return e.probing;
    clearTimeout(e.timer);
    e.probing = (e.downSince === undefined ? this.probes : this.downProbes)
      .run(() => (e.closed ? Promise.resolve() : this.doProbe(e)))
      .finally(() => {
        e.probing = undefined;
        e.lastProbeAt = Date.now();
        if (e.closed) return;
        if (e.health.status === "Ready") {
          e.downSince = undefined;
          this.resume(e);
          this.schedule(e, readyDelay(this.entries.size));
        } else {
          const now = Date.now();
          e.downSince ??= now;
          // Long dead: stop its informers' own retries too; they re-list when it is back.
          if (now - e.downSince > PAUSE_INFORMERS_MS && !e.paused) {
            e.paused = true;
            e.namespaces.stop();
            e.quotas.stop();
          }
          this.schedule(e, failureDelay(now - e.downSince));
        }
      });
    return e.probing;
  }

  private resume(e: Entry) {
    if (!e.paused) return;
    e.paused = false;
    e.namespaces.start();
    e.quotas.start();
  }

  private async doProbe(e: Entry) {
    const now = () => new Date().toISOString();
    try {
      // On a fresh connection: a draining apiserver still answers on pooled ones. A Ready cluster
      // with its watch open has that checked every second by the heartbeat already.
      if (e.health.status !== "Ready" || !e.liveness) {
        const refused = await tcpCheck(e.name, e.conn.base, PROBE_TIMEOUT_MS);
        if (refused) throw refused;
      }
      const t0 = performance.now();
      const v = await k8sJSON<{ gitVersion: string }>(e.conn, "/version", { timeoutMs: PROBE_TIMEOUT_MS });
      const latencyMs = Math.round(performance.now() - t0);
      // /version is public on most clusters: check the credentials separately.
      const nodes = await request(e.conn, {
        path: "/api/v1/nodes",
        headers: { accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json" },
        timeoutMs: PROBE_TIMEOUT_MS,
        connectTimeoutMs: PROBE_TIMEOUT_MS,
      });
      if (nodes.status === 401 || nodes.status === 403) {
        const st = statusFrom(nodes.status, nodes.body, "credentials rejected");
        this.setHealth(e, {
          status: "Unauthorized",
          lastError: st.message,
          latencyMs,
          version: v.gitVersion,
          checkedAt: now(),
        });
        return;
      }
      if (nodes.status >= 300) throw new K8sError(statusFrom(nodes.status, nodes.body, "node list failed"), e.name);
      const list = JSON.parse(nodes.body.toString("utf8")) as { items?: unknown[] };
      // One pod and the server's count of the rest: cheap even with many pods.
      const pods = await k8sJSON<{ items?: unknown[]; metadata?: { remainingItemCount?: number } }>(
        e.conn,
        "/api/v1/pods?limit=1",
        { timeoutMs: PROBE_TIMEOUT_MS },
      ).catch(() => undefined);
      this.setHealth(e, {
        status: "Ready",
        latencyMs,
        version: v.gitVersion,
        nodeCount: list.items?.length ?? 0,
        podCount: pods ? (pods.items?.length ?? 0) + (pods.metadata?.remainingItemCount ?? 0) : e.health.podCount,
        checkedAt: now(),
      });
      this.ensureLiveness(e);
    } catch (err) {
      if (e.closed) return;
      const status: HealthStatus = err instanceof K8sError && (err.code === 401 || err.code === 403) ? "Unauthorized" : "Unreachable";
      this.setHealth(e, { ...e.health, status, lastError: describe(err), latencyMs: undefined, checkedAt: now() });
    }
  }

  /**
   * Keeps one watch open per Ready cluster: when its apiserver goes away the
   * stream breaks at once and we probe, instead of waiting for the next tick.
   */
  private ensureLiveness(e: Entry) {
    if (e.liveness) return;
    const ac = new AbortController();
    e.liveness = ac;
    const path =
      `/api/v1/namespaces/kube-system/configmaps?watch=1&fieldSelector=metadata.name%3Dkube-root-ca.crt&timeoutSeconds=${240 + Math.floor(Math.random() * 120)}`;
    const t0 = Date.now();
    watchStream(e.conn, path, () => undefined, ac.signal).then(
      () => {
        if (e.liveness === ac) e.liveness = undefined;
        if (e.closed || ac.signal.aborted) return;
        // Ended at its timeout: the server answered all along, so watch again rather than probe.
        // Ended early (a server shutting down drains its watches): probe.
        if (e.health.status === "Ready" && Date.now() - t0 >= 200_000) this.ensureLiveness(e);
        else void this.probe(e);
      },
      () => {
        if (e.liveness === ac) e.liveness = undefined;
        if (!e.closed && !ac.signal.aborted) void this.probe(e);
      },
    );
  }

  private setHealth(e: Entry, h: ClusterHealth) {
    const prev = e.health;
    const changed = h.status !== prev.status;
    if (changed && h.status === "Unreachable") e.conn.abortInFlight(`cluster ${e.name} is unreachable: ${h.lastError ?? ""}`);
    e.health = { ...h, since: changed ? h.checkedAt : (prev.since ?? h.checkedAt) };
    // Listeners (the clusters page's event stream re-sends the whole list) hear of what they would show
    // differently, not of every probe's timestamp: with 1,000 clusters that is dozens a second.
    const seen = (x: ClusterHealth) => [x.status, x.lastError, x.version, x.nodeCount, x.podCount].join("\u0000");
    if (changed || seen(prev) !== seen(h)) this.emit("change", e.name);
  }
}

export function describe(err: unknown): string {
  if (err instanceof ConnectTimeoutError) return err.message;
  if (err instanceof K8sError) return err.message;
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case "ECONNREFUSED":
      return `connection refused (${e.message.replace(/^connect ECONNREFUSED /, "")})`;
    case "ENOTFOUND":
      return `host not found (${e.message.replace(/^getaddrinfo ENOTFOUND /, "")})`;
    case "ECONNRESET":
      return "connection reset by the server";
    case "ETIMEDOUT":
      return "connection timed out";
    default:
      return e?.message ?? String(err);
  }
}

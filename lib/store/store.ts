import "server-only";
import { randomBytes } from "node:crypto";
import { K8sError, apply, k8sJSON } from "@/lib/k8s/api";
import type { Connection } from "@/lib/k8s/connection";
import { Informer } from "@/lib/k8s/informer";
import { type KubeList, type KubeObject, objectKey } from "@/lib/k8s/types";
import { API_VERSION, GROUP, SCHEMA_ANNOTATION, SCHEMA_GENERATION, VERSION, crds } from "./crds";
import type {
  AccessTokenResource,
  ClusterResource,
  PromotionLaneResource,
  ChartRepositoryResource,
  PromotionResource,
  RoleBindingResource,
  RoleResource,
  SecretResource,
  TenantResource,
  UserResource,
} from "./types";

/** How long the host cluster may stay silent (no watch open, no list answered) before the console says it is not ready. */
export const READY_GRACE_MS = 15_000;

export const CREDENTIALS_LABEL = "pilothouse.dev/credentials";
export const CLUSTER_LABEL = "pilothouse.dev/cluster";

/**
 * The console's state in the host cluster. Every read is served from
 * informers (watch-fed memory); every write goes to the API server and comes
 * back through the watch, so all console processes converge on the same view.
 */
export class Store {
  readonly clusters: Informer<ClusterResource>;
  readonly users: Informer<UserResource>;
  readonly tokens: Informer<AccessTokenResource>;
  readonly bindings: Informer<RoleBindingResource>;
  readonly tenants: Informer<TenantResource>;
  readonly roles: Informer<RoleResource>;
  readonly secrets: Informer<SecretResource>;
  readonly lanes: Informer<PromotionLaneResource>;
  readonly promotions: Informer<PromotionResource>;
  readonly chartRepos: Informer<ChartRepositoryResource>;
  private usersByName = new Map<string, UserResource>();
  /** Readiness as last answered, to log its changes once. */
  private wasReady = true;

  constructor(
    readonly host: Connection,
    readonly namespace: string,
  ) {
    this.clusters = new Informer(host, this.crPath("clusters"));
    this.users = new Informer(host, this.crPath("users"));
    this.tokens = new Informer(host, this.crPath("accesstokens"));
    this.bindings = new Informer(host, this.crPath("rolebindings"));
    this.tenants = new Informer(host, this.crPath("tenants"));
    this.roles = new Informer(host, this.crPath("roles"));
    this.secrets = new Informer(host, `/api/v1/namespaces/${namespace}/secrets`, {
      labelSelector: CREDENTIALS_LABEL,
    });
    this.lanes = new Informer(host, this.crPath("promotionlanes"));
    this.promotions = new Informer(host, this.crPath("promotions"));
    this.chartRepos = new Informer(host, this.crPath("chartrepositories"));
    this.users.onEvent((e) => {
      // Index by login name; a rename is a delete + add.
      for (const [k, u] of this.usersByName) if (u.metadata.name === e.object.metadata.name) this.usersByName.delete(k);
      if (e.type !== "DELETED") this.usersByName.set(e.object.spec.username, e.object);
    });
  }

  crPath(plural: string, name?: string) {
    const p = `/apis/${GROUP}/${VERSION}/namespaces/${this.namespace}/${plural}`;
    return name ? `${p}/${encodeURIComponent(name)}` : p;
  }

  secretPath(name?: string) {
    const p = `/api/v1/namespaces/${this.namespace}/secrets`;
    return name ? `${p}/${encodeURIComponent(name)}` : p;
  }

  /**
   * Installs CRDs (idempotent), then loads every collection. Installed by Helm
   * (deploy/helm/pilothouse), the namespace and CRDs already exist and the
   * console has no right to change them: a CRD at this schema generation or
   * newer is left alone, and a namespace it may not create but can read is used.
   */
  async init() {
    await this.ensureNamespace();
    for (const c of crds) {
      const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${c.metadata.name}`;
      const installed = await k8sJSON<KubeObject>(this.host, path).catch((e: unknown) => {
        if (e instanceof K8sError && e.code === 404) return undefined;
        throw e;
      });
      const theirs = Number(installed?.metadata.annotations?.[SCHEMA_ANNOTATION] ?? 0);
      if (theirs > SCHEMA_GENERATION) {
        console.log(JSON.stringify({ level: "info", msg: "a newer console installed this resource definition; keeping it", crd: c.metadata.name, generation: theirs }));
        continue;
      }
      // Applied each start (a schema edited without a new generation still reaches a dev fleet); refused
      // under least privilege, the installed one does when it is this generation.
      await apply(this.host, path, c).catch((e: unknown) => {
        if (e instanceof K8sError && e.code === 403 && theirs === SCHEMA_GENERATION) return;
        if (e instanceof K8sError && e.code === 403) {
          const found = installed ? `has schema generation ${theirs}` : "is not installed";
          throw new Error(
            `the resource definition ${c.metadata.name} ${found} in the host cluster, this console needs ${SCHEMA_GENERATION}, and its identity may not install it ` +
              `(install the chart's CRDs: kubectl apply --server-side -f deploy/helm/pilothouse/crds/): ${e.message}`,
          );
        }
        throw e;
      });
    }
    for (const c of crds) await this.waitEstablished(c.metadata.name);
    for (const inf of this.informers()) inf.start();
    await Promise.all(this.informers().map((i) => i.waitForSync(60_000)));
  }

  private informers() {
    return [this.clusters, this.users, this.tokens, this.bindings, this.tenants, this.roles, this.secrets, this.lanes, this.promotions, this.chartRepos];
  }

  stop() {
    for (const inf of this.informers()) inf.stop();
  }

  /**
   * Readiness: every collection loaded and the host cluster heard from within
   * `graceMs` (an open watch counts as heard). The grace outlasts a watch's
   * ordinary reconnects (backoff up to 5 s), so a blip does not flap it.
   * Reasons name the collection and the silence, not the error (the probe is
   * unauthenticated; errors go to the log).
   */
  ready(graceMs = READY_GRACE_MS, now = Date.now()): { ok: boolean; reasons: string[] } {
    const reasons: string[] = [];
    for (const inf of this.informers()) {
      const c = inf.contact(now);
      if (!c.synced) reasons.push(`${inf.resource}: not loaded from the host cluster yet`);
      else if (c.silentMs > graceMs) reasons.push(`${inf.resource}: no answer from the host cluster for ${Math.round(c.silentMs / 1000)} s`);
    }
    const ok = reasons.length === 0;
    if (ok !== this.wasReady) {
      this.wasReady = ok;
      const errors = [...new Set(this.informers().map((i) => i.lastError).filter(Boolean))];
      console.log(JSON.stringify({ time: new Date().toISOString(), level: ok ? "info" : "warn", msg: ok ? "ready" : "not ready", reasons, errors }));
    }
    return { ok, reasons };
  }

  /** Creates the console's namespace, or finds it made by whoever installed the console (who may not let it create namespaces). */
  private async ensureNamespace() {
    try {
      await k8sJSON(this.host, "/api/v1/namespaces", {
        method: "POST",
        body: { apiVersion: "v1", kind: "Namespace", metadata: { name: this.namespace } },
      });
    } catch (e) {
      if (e instanceof K8sError && e.code === 409) return;
      if (!(e instanceof K8sError && e.code === 403)) throw e;
      const exists = await k8sJSON(this.host, `/api/v1/namespaces/${encodeURIComponent(this.namespace)}`).then(
        () => true,
        (g: unknown) => (g instanceof K8sError && g.code === 404 ? false : Promise.reject(g)),
      );
      if (!exists) throw new Error(`the namespace ${this.namespace} does not exist in the host cluster and the console may not create it: ${e.message}`);
    }
  }

  private async waitEstablished(name: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const c = await k8sJSON<{ status?: { conditions?: { type: string; status: string }[] } }>(
        this.host,
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
      );
      if (c.status?.conditions?.some((x) => x.type === "Established" && x.status === "True")) return;
      if (Date.now() > deadline) throw new Error(`CRD ${name} not established in 30 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * A shared random secret (session signing key, …) created once in the host
   * cluster so every console replica uses the same one.
   */
  async sharedSecret(name: string, key: string): Promise<string> {
    try {
      const s = await k8sJSON<SecretResource>(this.host, this.secretPath(name));
      const v = s.data?.[key];
      if (v) return Buffer.from(v, "base64").toString("utf8");
    } catch (e) {
      if (!(e instanceof K8sError && e.code === 404)) throw e;
    }
    const value = randomBytes(32).toString("base64url");
    try {
      await k8sJSON(this.host, this.secretPath(), {
        method: "POST",
        body: {
          apiVersion: "v1",
          kind: "Secret",
          metadata: { name, namespace: this.namespace, labels: { "app.kubernetes.io/part-of": "pilothouse" } },
          type: "Opaque",
          data: { [key]: Buffer.from(value).toString("base64") },
        },
      });
      return value;
    } catch (e) {
      // Another replica created it first: use theirs.
      if (e instanceof K8sError && e.code === 409) return this.sharedSecret(name, key);
      throw e;
    }
  }

  // ---- users ---------------------------------------------------------------

  userByUsername(username: string): UserResource | undefined {
    return this.usersByName.get(username);
  }

  userByName(name: string): UserResource | undefined {
    return this.users.get(`${this.namespace}/${name}`);
  }

  userBySubject(provider: "oidc", subject: string): UserResource | undefined {
    return this.users.list().find((u) => u.spec.provider === provider && u.spec.subject === subject);
  }

  createUser(name: string, spec: UserResource["spec"]) {
    return this.seen(
      "users",
      k8sJSON<UserResource>(this.host, this.crPath("users"), {
        method: "POST",
        body: { apiVersion: API_VERSION, kind: "User", metadata: { name, namespace: this.namespace }, spec },
      }),
    );
  }

  patchUser(name: string, patch: { spec?: Partial<UserResource["spec"]>; status?: UserResource["status"] }) {
    return this.seen(
      "users",
      k8sJSON<UserResource>(this.host, this.crPath("users", name), {
        method: "PATCH",
        body: patch,
        contentType: "application/merge-patch+json",
      }),
    );
  }

  /**
   * Read-your-writes: the caller's next request is answered from this
   * process's informers, so a write returns once they hold what it wrote
   * (at most 2 s; the write itself has succeeded either way).
   */
  private async seen<T>(plural: string, write: Promise<T>): Promise<T> {
    const obj = await write;
    const inf = this.informerOf(plural);
    const o = obj as unknown as KubeObject;
    if (inf && o?.metadata) await inf.waitForVersion(objectKey(o), o.metadata.resourceVersion);
    return obj;
  }

  private informerOf(plural: string): Pick<Informer<KubeObject>, "waitForVersion"> | undefined {
    const byPlural: Record<string, Pick<Informer<KubeObject>, "waitForVersion">> = {
      users: this.users,
      accesstokens: this.tokens,
      rolebindings: this.bindings,
      tenants: this.tenants,
      roles: this.roles,
      clusters: this.clusters,
      promotionlanes: this.lanes,
      promotions: this.promotions,
      chartrepositories: this.chartRepos,
    };
    return byPlural[plural];
  }

  // ---- tokens --------------------------------------------------------------

  token(id: string): AccessTokenResource | undefined {
    return this.tokens.get(`${this.namespace}/${id}`);
  }

  tokensOf(user: string): AccessTokenResource[] {
    return this.tokens.list().filter((t) => t.spec.user === user);
  }

  createToken(id: string, spec: AccessTokenResource["spec"]) {
    return this.seen(
      "accesstokens",
      k8sJSON<AccessTokenResource>(this.host, this.crPath("accesstokens"), {
        method: "POST",
        body: {
          apiVersion: API_VERSION,
          kind: "AccessToken",
          metadata: { name: id, namespace: this.namespace, labels: { [`${GROUP}/user`]: labelSafe(spec.user) } },
          spec,
        },
      }),
    );
  }

  deleteToken(id: string) {
    return k8sJSON(this.host, this.crPath("accesstokens", id), { method: "DELETE" });
  }

  // ---- tenants, roles, role bindings --------------------------------------

  tenant(name: string): TenantResource | undefined {
    return this.tenants.get(`${this.namespace}/${name}`);
  }

  role(name: string): RoleResource | undefined {
    return this.roles.get(`${this.namespace}/${name}`);
  }

  binding(name: string): RoleBindingResource | undefined {
    return this.bindings.get(`${this.namespace}/${name}`);
  }

  create<T>(plural: string, kind: string, name: string, spec: unknown, labels?: Record<string, string>) {
    return this.seen(
      plural,
      k8sJSON<T>(this.host, this.crPath(plural), {
        method: "POST",
        body: { apiVersion: API_VERSION, kind, metadata: { name, namespace: this.namespace, labels }, spec },
      }),
    );
  }

  /** Creates with a name made by the API server from a prefix. */
  createGenerated<T>(plural: string, kind: string, prefix: string, spec: unknown, labels?: Record<string, string>, status?: unknown) {
    return this.seen(
      plural,
      k8sJSON<T>(this.host, this.crPath(plural), {
        method: "POST",
        body: { apiVersion: API_VERSION, kind, metadata: { generateName: prefix, namespace: this.namespace, labels }, spec, ...(status ? { status } : {}) },
      }),
    );
  }

  patchSpec<T>(plural: string, name: string, spec: unknown) {
    return this.seen(
      plural,
      k8sJSON<T>(this.host, this.crPath(plural, name), {
        method: "PATCH",
        body: { spec },
        contentType: "application/merge-patch+json",
      }),
    );
  }

  replaceSpec<T extends { metadata: { resourceVersion?: string } }>(plural: string, kind: string, current: T, spec: unknown) {
    return this.seen(
      plural,
      k8sJSON<T>(this.host, this.crPath(plural, (current as { metadata: { name?: string } }).metadata.name), {
        method: "PUT",
        body: { ...current, apiVersion: API_VERSION, kind, spec },
      }),
    );
  }

  /** Replaces a whole object (spec and status) if it is still at the version read: a 409 otherwise. */
  replace<T extends KubeObject>(plural: string, obj: T) {
    return this.seen(plural, k8sJSON<T>(this.host, this.crPath(plural, obj.metadata.name), { method: "PUT", body: obj }));
  }

  remove(plural: string, name: string) {
    return k8sJSON(this.host, this.crPath(plural, name), { method: "DELETE" });
  }

  /** Deletes every object of a kind whose labels match (one call). */
  removeAll(plural: string, labelSelector: string) {
    return k8sJSON(this.host, `${this.crPath(plural)}?labelSelector=${encodeURIComponent(labelSelector)}`, { method: "DELETE" });
  }

  createBinding(name: string, spec: RoleBindingResource["spec"]) {
    return this.create<RoleBindingResource>("rolebindings", "RoleBinding", name, spec);
  }

  // ---- clusters ------------------------------------------------------------

  cluster(name: string): ClusterResource | undefined {
    return this.clusters.get(`${this.namespace}/${name}`);
  }

  credentials(secretName: string): SecretResource | undefined {
    return this.secrets.get(`${this.namespace}/${secretName}`);
  }

  async listFresh<T>(plural: string): Promise<T[]> {
    const l = await k8sJSON<KubeList>(this.host, this.crPath(plural));
    return l.items as T[];
  }
}

/** Label values allow [A-Za-z0-9_.-], ≤63 chars. */
export function labelSafe(v: string) {
  const s = v.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 63);
  return s.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "") || "x";
}

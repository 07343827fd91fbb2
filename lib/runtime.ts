import "server-only";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { AuditTrail } from "@/lib/audit/trail";
import { Authenticator } from "@/lib/auth/authenticate";
import { LoginLimiter } from "@/lib/auth/login-limit";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { Authorizer } from "@/lib/authz/enforcer";
import { HostClusterWatcher } from "@/lib/authz/watcher";
import { type Config, loadConfig } from "@/lib/config";
import { K8sError, type KubeObject, k8sJSON } from "@/lib/k8s/api";
import { ClusterManager } from "@/lib/k8s/clusters";
import { Connection } from "@/lib/k8s/connection";
import { hostCredentials } from "@/lib/k8s/host";
import { startEventLoopMonitor } from "@/lib/server/event-loop";
import { RegistrationError, reapPending, registerCluster } from "@/lib/store/cluster-registry";
import { TENANT_LABEL } from "@/lib/k8s/kinds/namespace";
import { Store } from "@/lib/store/store";
import type { Runtime } from "@/lib/server/context";
import { budgetJudge } from "@/lib/tenancy/budget-judge";
import { RunKeeper } from "@/lib/pipelines/keeper";
import { PodSecurityReconciler } from "@/lib/tenancy/pod-security";
import { reapUnfinishedProjects, removeBindingsOfDeletedProject } from "@/lib/tenancy/projects";
import { type ServingCert, ensureServingCert } from "@/lib/tls/serving-cert";

export type { Runtime };

const KEY = Symbol.for("pilothouse.runtime");
type Global = typeof globalThis & { [KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  const g = globalThis as Global;
  g[KEY] ??= createRuntime().catch((e) => {
    delete g[KEY];
    throw e;
  });
  return g[KEY]!;
}

function log(msg: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg, ...extra }));
}

async function createRuntime(): Promise<Runtime> {
  // The liveness probe's figures cover the whole life of the process.
  startEventLoopMonitor();
  const config = loadConfig();
  const creds = await hostCredentials(config.kubeconfig, config.context);
  const host = new Connection("host-store", creds);
  const store = new Store(host, config.namespace);
  await store.init();
  const sessionSecret = process.env.NEXTAUTH_SECRET || (await store.sharedSecret("pilothouse-session", "secret"));
  const clusters = new ClusterManager(store, config.hostClusterName);
  const authz = await wireAuthorizer(store, clusters);
  clusters.start();
  const tls = await servingCert(config, store);
  // Audit rows name the tenant of the project they happened in.
  const audit = new AuditTrail(config.databaseURL, (cluster, namespace) => authz.placeOf(cluster, namespace).tenant, config.auditRetentionDays, config.auditQueueMax, config.namespace);
  await audit.start(3_000);
  const hostUID = await k8sJSON<KubeObject>(host, "/api/v1/namespaces/kube-system")
    .then((n) => n.metadata.uid)
    .catch(() => undefined);
  const rt: Runtime = {
    config,
    host,
    store,
    clusters,
    authz,
    authn: new Authenticator(store, sessionSecret),
    sessionSecret,
    loginLimiter: new LoginLimiter(),
    tls,
    hostUID,
    proxy: { writeJudges: [] },
    audit,
  };
  // Features plug into the proxy here; the proxy knows none of them.
  rt.proxy = { writeJudges: [budgetJudge(rt)] };
  await bootstrap(rt, creds);
  clusters.on("namespace-deleted", (cluster: string, namespace: string) => {
    if (store.bindings.list().some((b) => b.spec.scope.type === "project" && b.spec.scope.cluster === cluster && b.spec.scope.namespace === namespace)) {
      void removeBindingsOfDeletedProject(rt, cluster, namespace);
    }
  });
  const reap = async () => {
    const clustersReaped = await reapPending(store, config.reapGraceMs).catch(() => []);
    const projectsReaped = await reapUnfinishedProjects(rt, config.reapGraceMs).catch(() => []);
    if (clustersReaped.length || projectsReaped.length) log("removed what a crashed process left half-made", { clusters: clustersReaped, projects: projectsReaped });
  };
  const reaper = setInterval(() => void reap(), config.reapIntervalMs);
  reaper.unref();
  // Every project namespace carries its tenant's Pod Security level.
  new PodSecurityReconciler(rt).start();
  // Pipeline runs: finished runs' step logs kept, runs beyond each project's retention pruned.
  new RunKeeper(rt).start();
  log("console runtime ready", { namespace: config.namespace, clusters: clusters.names() });
  return rt;
}

/**
 * The enforcer follows the host cluster: loaded through the Casbin adapter,
 * kept current by the watcher (bindings event by event, custom roles and users'
 * groups on every change); tenants of namespaces come from each cluster's
 * namespace watch. A change on any console process reaches all of them.
 */
async function wireAuthorizer(store: Store, clusters: ClusterManager): Promise<Authorizer> {
  const authz = await Authorizer.create();
  await authz.load(store.roles.list(), store.bindings.list());
  for (const u of store.users.list()) authz.setUserGroups(u.metadata.name!, u.spec.groups ?? []);
  new HostClusterWatcher(store, {
    binding: (type, b) => void authz.applyBinding(type, b),
    roles: (all) => authz.setCustomRoles(all),
    groups: (user, groups) => authz.setUserGroups(user, groups),
  }).start();
  authz.setTenantResolver((cluster, namespace) => {
    const t = clusters.namespace(cluster, namespace)?.metadata.labels?.[TENANT_LABEL];
    // A label alone does not make a project: the tenant must exist and may use this cluster.
    return t && store.tenant(t)?.spec.clusters?.includes(cluster) ? t : undefined;
  });
  return authz;
}

async function servingCert(config: Config, store: Store): Promise<ServingCert> {
  const { certFile, keyFile, caFile, extraNames } = config.tls;
  if (certFile && keyFile) {
    return {
      cert: readFileSync(certFile, "utf8"),
      key: readFileSync(keyFile, "utf8"),
      ca: caFile ? readFileSync(caFile, "utf8") : "",
      selfSigned: false,
    };
  }
  const names = [...extraNames];
  if (config.publicURL) names.push(new URL(config.publicURL).hostname);
  return ensureServingCert(store, names);
}

/** First start on a host: the admin user, its platform-admin binding, the host cluster. */
async function bootstrap(rt: Runtime, hostCreds: Awaited<ReturnType<typeof hostCredentials>>) {
  const { store, config } = rt;
  const admin = store.userByUsername("admin");
  if (!admin) {
    const password = config.adminPassword ?? randomBytes(12).toString("base64url");
    try {
      await store.createUser("admin", {
        username: "admin",
        displayName: "Administrator",
        provider: "local",
        passwordHash: await hashPassword(password),
      });
      if (!config.adminPassword) {
        // Shown once: only its hash is kept.
        console.log(`\n  Pilothouse created the user "admin" with password: ${password}\n  (set PILOTHOUSE_ADMIN_PASSWORD to choose it)\n`);
      }
    } catch (e) {
      if (!(e instanceof K8sError && e.code === 409)) throw e;
    }
  } else if (config.adminPassword && !(await verifyPassword(admin.spec.passwordHash, config.adminPassword))) {
    await store.patchUser(admin.metadata.name!, { spec: { passwordHash: await hashPassword(config.adminPassword) } });
    log("admin password reset from PILOTHOUSE_ADMIN_PASSWORD");
  }
  try {
    await store.createBinding("admin-platform-admin", {
      subject: { kind: "User", name: "admin" },
      role: "platform-admin",
      scope: { type: "platform" },
    });
  } catch (e) {
    if (!(e instanceof K8sError && e.code === 409)) throw e;
  }
  if (config.registerHost && !store.cluster(config.hostClusterName)) {
    try {
      await registerCluster(store, {
        name: config.hostClusterName,
        displayName: "Host cluster",
        labels: { role: "host" },
        prometheusURL: config.hostPrometheusURL,
        credentials: hostCreds,
        allowInsecure: true,
        registeredBy: "system",
      });
      log("registered the host cluster", { name: config.hostClusterName });
    } catch (e) {
      // Another replica registering it at the same moment is fine.
      if (!(e instanceof RegistrationError && e.status === 409)) {
        console.error(JSON.stringify({ level: "error", msg: "could not register the host cluster", err: String(e) }));
      }
    }
  }
}

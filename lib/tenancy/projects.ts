import "server-only";
import { DEFAULT_RETENTION, RETENTION_ANNOTATION, retentionOf } from "@/lib/k8s/kinds/pipeline-run";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import { describe } from "@/lib/k8s/clusters";
import { TENANT_LABEL } from "@/lib/k8s/kinds/namespace";
import { PROJECT_LIMITS, PROJECT_QUOTA, type ResourceQuotaObject, limitRangesPath, quotasPath } from "@/lib/k8s/kinds/resourcequota";
import { parseQuantity } from "@/lib/k8s/quantity";
import { checkQuantities } from "@/lib/k8s/quantity-validate";
import { withLease } from "@/lib/k8s/lease";
import type { KubeList, KubeObject } from "@/lib/k8s/types";
import type { Runtime } from "@/lib/server/context";
import type { LimitDefaults, ResourceList, TenantResource } from "@/lib/store/types";
import type { ClusterResult, Project } from "@/lib/validations/tenancy";
import { failpoint } from "@/lib/failpoints";
import { podSecurityLabels, tenantPodSecurity } from "./pod-security";
import { bindingView, createBinding, mayViewMembers } from "./service";

// Projects: one name in one tenant, as a namespace on one or more clusters,
// with a quota and default limits that fit the tenant's budget.

export const ANNOTATION = {
  displayName: "pilothouse.dev/display-name",
  description: "pilothouse.dev/description",
  requester: "pilothouse.dev/requester",
  /** Set while the console creates the project's objects on a cluster; its value is when that began. */
  provisioning: "pilothouse.dev/provisioning",
  nodeSelector: "scheduler.alpha.kubernetes.io/node-selector",
};

// The shapes of the API's answers, one definition shared with the browser.
export type { ClusterResult, Project, ProjectCluster } from "@/lib/validations/tenancy";

function parseSelector(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (s ?? "").split(",")) {
    const [k, ...v] = part.split("=");
    if (k?.trim()) out[k.trim()] = v.join("=").trim();
  }
  return out;
}

function projectQuota(rt: Runtime, cluster: string, ns: string): ResourceQuotaObject | undefined {
  return rt.clusters.quotasIn(cluster, ns).find((q) => q.metadata.name === PROJECT_QUOTA) ?? rt.clusters.quotasIn(cluster, ns)[0];
}

/** The namespace objects of a tenant's project, per cluster it may use. */
function namespacesOf(rt: Runtime, tenant: TenantResource, name: string): { cluster: string; ns: KubeObject }[] {
  const out: { cluster: string; ns: KubeObject }[] = [];
  for (const cluster of tenant.spec.clusters ?? []) {
    const ns = rt.clusters.namespace(cluster, name);
    if (ns && ns.metadata.labels?.[TENANT_LABEL] === tenant.metadata.name) out.push({ cluster, ns });
  }
  return out;
}

function assemble(rt: Runtime, tenant: string, name: string, parts: { cluster: string; ns: KubeObject }[]): Project {
  const first = parts[0].ns.metadata;
  const a = first.annotations ?? {};
  return {
    name,
    tenant,
    displayName: a[ANNOTATION.displayName] ?? "",
    description: a[ANNOTATION.description] ?? "",
    requester: a[ANNOTATION.requester] ?? "",
    nodeSelector: parseSelector(a[ANNOTATION.nodeSelector]),
    pipelineRunRetention: retentionOf(a),
    clusters: parts
      .map(({ cluster, ns }) => {
        const q = projectQuota(rt, cluster, name);
        return {
          cluster,
          phase: ns.metadata.deletionTimestamp
            ? ("Terminating" as const)
            : ns.metadata.annotations?.[ANNOTATION.provisioning]
              ? ("Provisioning" as const)
              : ("Active" as const),
          quota: q ? { hard: q.status?.hard ?? q.spec?.hard ?? {}, used: q.status?.used ?? {} } : null,
        };
      })
      .sort((x, y) => x.cluster.localeCompare(y.cluster)),
    createdAt: parts.map((p) => p.ns.metadata.creationTimestamp).sort()[0],
  };
}

/** Projects the caller may see, aggregated over clusters (only the clusters where they see it). */
export function listProjects(rt: Runtime, p: Principal, filter: { tenant?: string; cluster?: string } = {}): Project[] {
  const out: Project[] = [];
  for (const t of rt.store.tenants.list()) {
    const tn = t.metadata.name!;
    if (filter.tenant && filter.tenant !== tn) continue;
    const byName = new Map<string, { cluster: string; ns: KubeObject }[]>();
    for (const cluster of t.spec.clusters ?? []) {
      if (filter.cluster && filter.cluster !== cluster) continue;
      for (const ns of rt.clusters.namespacesOf(cluster)) {
        if (ns.metadata.labels?.[TENANT_LABEL] !== tn) continue;
        const name = ns.metadata.name!;
        if (!rt.authz.can(p, "core/namespaces", "get", { tenant: tn, cluster, namespace: name })) continue;
        byName.set(name, [...(byName.get(name) ?? []), { cluster, ns }]);
      }
    }
    for (const [name, parts] of byName) out.push(assemble(rt, tn, name, parts));
  }
  return out.sort((a, b) => a.tenant.localeCompare(b.tenant) || a.name.localeCompare(b.name));
}

export function getProject(rt: Runtime, p: Principal, tenant: string, name: string) {
  const project = listProjects(rt, p, { tenant }).find((x) => x.name === name);
  if (!project) throw new ApiError("not_found", `There is no project "${name}" in tenant ${tenant}, or you may not see it.`);
  const members = rt.store.bindings
    .list()
    .filter((b) => {
      const s = b.spec.scope;
      return (s.type === "project" && s.namespace === name && project.clusters.some((c) => c.cluster === s.cluster)) || (s.type === "tenant" && s.tenant === tenant);
    })
    .filter((b) => mayViewMembers(rt, p, b.spec.scope))
    .map(bindingView);
  return { ...project, members };
}

// ---- budget ---------------------------------------------------------------------

/** In Kubernetes' own quantity syntax, so numbers in messages can be typed back in. */
function fmt(resource: string, n: number): string {
  return fmtQuantity(resource, n);
}

/**
 * Would these project quotas fit the tenant's budget on a cluster? Returns
 * field errors ("quota.<resource>") with the numbers, or none.
 */
export function budgetErrors(
  rt: Runtime,
  tenant: TenantResource,
  cluster: string,
  namespace: string,
  hard: ResourceList,
  quotaName?: string,
  /** The cluster's quotas as read now (default: as last seen by the watch). */
  quotas: ResourceQuotaObject[] = rt.clusters.quotasOf(cluster),
): Record<string, string> {
  const budget = tenant.spec.budget?.[cluster];
  if (!budget) return {};
  const errors: Record<string, string> = {};
  const tn = tenant.metadata.name!;
  const others = quotas
    // Every other quota of the tenant's projects there (the one being written excepted).
    .filter((q) => !(q.metadata.namespace === namespace && (!quotaName || q.metadata.name === quotaName)))
    .filter((q) => rt.clusters.namespace(cluster, q.metadata.namespace!)?.metadata.labels?.[TENANT_LABEL] === tn);
  for (const [r, limit] of Object.entries(budget)) {
    const max = parseQuantity(limit) ?? 0;
    const want = parseQuantity(hard[r]);
    if (want === undefined) {
      errors[`quota.${r}`] = `The tenant's budget on ${cluster} limits ${r} to ${fmt(r, max)}: the project's quota must set it.`;
      continue;
    }
    const allocated = others.reduce((sum, q) => sum + (parseQuantity(q.spec?.hard?.[r]) ?? 0), 0);
    if (allocated + want > max + 1e-9) {
      errors[`quota.${r}`] =
        `${r} ${fmt(r, want)} exceeds the tenant's budget on ${cluster}: ${fmt(r, allocated)} of ${fmt(r, max)} is allocated to other projects, ${fmt(r, Math.max(0, max - allocated))} is left.`;
    }
  }
  return errors;
}

/**
 * Runs `fn` as the only budget-affecting write of this tenant on this cluster,
 * on any console replica (a Lease in the host cluster), with the cluster's
 * quotas as they are now — not as a watch last reported them.
 */
export async function withBudgetLock<T>(rt: Runtime, tenant: string, cluster: string, fn: (quotas: ResourceQuotaObject[]) => Promise<T>): Promise<T> {
  return withLease(rt.host, rt.config.namespace, `budget-${tenant}-${cluster}`, async () => {
    const conn = rt.clusters.connection(cluster);
    if (!conn) throw new Error(`cluster ${cluster} is unreachable`);
    const list = await k8sJSON<KubeList<ResourceQuotaObject>>(conn, "/api/v1/resourcequotas", { timeoutMs: 15_000 });
    return fn(list.items);
  });
}

/**
 * Budget, allocated and used per cluster of a tenant, with each project's share.
 * Projects the caller may not see are summed into one nameless `otherProjects`
 * entry: the budget and totals are the tenant's, shown to its members; the
 * names of projects are not.
 */
export function tenantQuota(rt: Runtime, tenant: TenantResource, maySee: (cluster: string, namespace: string) => boolean) {
  const tn = tenant.metadata.name!;
  return (tenant.spec.clusters ?? []).map((cluster) => {
    const all = rt.clusters
      .quotasOf(cluster)
      .filter((q) => rt.clusters.namespace(cluster, q.metadata.namespace!)?.metadata.labels?.[TENANT_LABEL] === tn)
      .map((q) => ({ namespace: q.metadata.namespace!, name: q.metadata.name!, hard: q.spec?.hard ?? {}, used: q.status?.used ?? {} }));
    const sum = (list: typeof all, pick: (x: (typeof all)[number]) => ResourceList) => {
      const out: Record<string, number> = {};
      for (const pr of list) for (const [k, v] of Object.entries(pick(pr))) out[k] = (out[k] ?? 0) + (parseQuantity(v) ?? 0);
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fmtQuantity(k, v)]));
    };
    const projects = all.filter((p) => maySee(cluster, p.namespace));
    const hidden = all.filter((p) => !maySee(cluster, p.namespace));
    return {
      cluster,
      budget: tenant.spec.budget?.[cluster] ?? {},
      allocated: sum(all, (x) => x.hard),
      used: sum(all, (x) => x.used),
      projects,
      otherProjects: hidden.length ? { hard: sum(hidden, (x) => x.hard), used: sum(hidden, (x) => x.used) } : null,
    };
  });
}

/** A number back into a quantity string Kubernetes would accept. */
export function fmtQuantity(resource: string, n: number): string {
  if (resource.includes("cpu")) return Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
  if (resource.includes("memory") || resource.includes("storage")) {
    if (n % 2 ** 30 === 0) return `${n / 2 ** 30}Gi`;
    if (n % 2 ** 20 === 0) return `${n / 2 ** 20}Mi`;
    return String(Math.round(n));
  }
  return String(Math.round(n));
}

// ---- create / change / delete ------------------------------------------------------

export interface CreateProjectInput {
  tenant: string;
  clusters: string[];
  name: string;
  displayName?: string;
  description?: string;
  nodeSelector?: Record<string, string>;
  quota?: ResourceList;
  limits?: LimitDefaults;
}

function validateQuotaAndLimits(quota: ResourceList, limits: LimitDefaults) {
  const errors: Record<string, string> = {};
  for (const [r, m] of Object.entries(checkQuantities(quota))) errors[`quota.${r}`] = m;
  for (const kind of ["default", "defaultRequest", "max", "min"] as const) {
    for (const [r, m] of Object.entries(checkQuantities(limits[kind] ?? {}))) errors[`limits.${kind}.${r}`] = m;
  }
  if (Object.keys(errors).length) throw new ApiError("validation_failed", "Some quantities are not valid.", errors);
}

function ownProjects(rt: Runtime, tenant: TenantResource, username: string): Set<string> {
  const names = new Set<string>();
  for (const cluster of tenant.spec.clusters ?? []) {
    for (const ns of rt.clusters.namespacesOf(cluster)) {
      if (ns.metadata.labels?.[TENANT_LABEL] === tenant.metadata.name && ns.metadata.annotations?.[ANNOTATION.requester] === username) names.add(ns.metadata.name!);
    }
  }
  return names;
}

async function createOnCluster(
  rt: Runtime,
  p: Principal,
  tenant: TenantResource,
  cluster: string,
  input: { name: string; annotations: Record<string, string>; quota: ResourceList; limits: LimitDefaults },
): Promise<ClusterResult> {
  const conn = rt.clusters.connection(cluster);
  if (!conn || rt.clusters.health(cluster)?.status === "Unreachable") {
    return { cluster, ok: false, error: `cluster ${cluster} is unreachable` };
  }
  const tn = tenant.metadata.name!;
  let created = false;
  try {
    // Marked until quota, limits and binding exist: a crash in between leaves a
    // namespace the reaper recognises (reapUnfinishedProjects), never a project without its quota.
    await k8sJSON(conn, "/api/v1/namespaces", {
      method: "POST",
      body: {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name: input.name,
          // Its Pod Security labels from the start: no pod is admitted before they hold.
          labels: { [TENANT_LABEL]: tn, ...podSecurityLabels(tenantPodSecurity(tenant)) },
          annotations: { ...input.annotations, [ANNOTATION.provisioning]: new Date().toISOString() },
        },
      },
    });
    created = true;
    await failpoint("create-project:after-namespace");
    if (Object.keys(input.quota).length) {
      await k8sJSON(conn, quotasPath(input.name), {
        method: "POST",
        body: { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: PROJECT_QUOTA, namespace: input.name }, spec: { hard: input.quota } },
      });
    }
    const l = input.limits;
    if (l.default || l.defaultRequest || l.max || l.min) {
      await k8sJSON(conn, limitRangesPath(input.name), {
        method: "POST",
        body: {
          apiVersion: "v1",
          kind: "LimitRange",
          metadata: { name: PROJECT_LIMITS, namespace: input.name },
          spec: { limits: [{ type: "Container", ...l }] },
        },
      });
    }
    // The requester runs the project they asked for.
    await createBinding(rt, { subject: { kind: "User", name: p.name }, role: "project-admin", scope: { type: "project", cluster, namespace: input.name } }, tn);
    await k8sJSON(conn, `/api/v1/namespaces/${input.name}`, {
      method: "PATCH",
      contentType: "application/merge-patch+json",
      body: { metadata: { annotations: { [ANNOTATION.provisioning]: null } } },
    });
    return { cluster, ok: true };
  } catch (e) {
    // Leave the cluster clean: the namespace takes its quota and limits with it.
    if (created) await k8sJSON(conn, `/api/v1/namespaces/${input.name}`, { method: "DELETE" }).catch(() => undefined);
    const msg = e instanceof K8sError ? e.message : describe(e);
    return { cluster, ok: false, error: msg };
  }
}

/**
 * createOnCluster, and where the tenant has a budget on the cluster, checked
 * against it again inside the budget lock: the first check (on cached quotas)
 * answers fast with field errors, this one decides.
 */
async function createWithinBudget(
  rt: Runtime,
  p: Principal,
  tenant: TenantResource,
  cluster: string,
  input: Parameters<typeof createOnCluster>[4],
  overBudget: Record<string, string> = {},
): Promise<ClusterResult> {
  if (!tenant.spec.budget?.[cluster]) return createOnCluster(rt, p, tenant, cluster, input);
  try {
    return await withBudgetLock(rt, tenant.metadata.name!, cluster, async (quotas) => {
      const errors = budgetErrors(rt, tenant, cluster, input.name, input.quota, undefined, quotas);
      if (Object.keys(errors).length) {
        Object.assign(overBudget, errors);
        return { cluster, ok: false, error: Object.values(errors).join(" ") };
      }
      return createOnCluster(rt, p, tenant, cluster, input);
    });
  } catch (e) {
    return { cluster, ok: false, error: e instanceof K8sError ? e.message : describe(e) };
  }
}

export async function createProject(rt: Runtime, p: Principal, input: CreateProjectInput) {
  const tenant = rt.store.tenant(input.tenant);
  if (!tenant) throw new ApiError("validation_failed", `There is no tenant "${input.tenant}".`, { tenant: `There is no tenant "${input.tenant}".` });
  if (!rt.authz.can(p, "console/projects", "create", { tenant: input.tenant })) {
    throw new ApiError("forbidden", `You may not create projects in tenant ${input.tenant}.`);
  }
  const allowed = new Set(tenant.spec.clusters ?? []);
  const notAllowed = input.clusters.filter((c) => !allowed.has(c));
  if (notAllowed.length) {
    const msg = `Tenant ${input.tenant} may not use ${notAllowed.join(", ")}; it may use ${[...allowed].join(", ") || "no cluster"}.`;
    throw new ApiError("validation_failed", msg, { clusters: msg });
  }
  for (const v of rt.clusters.views()) {
    const ns = rt.clusters.namespace(v.name, input.name);
    if (ns) {
      const owner = ns.metadata.labels?.[TENANT_LABEL];
      const msg =
        owner === input.tenant
          ? `Project "${input.name}" exists already (on ${v.name}); add a cluster to it instead.`
          : `The name "${input.name}" is taken on ${v.name}.`;
      throw new ApiError("conflict", msg, { name: msg });
    }
  }
  const limit = tenant.spec.projectLimitPerMember;
  if (limit !== undefined && limit !== null && !rt.authz.can(p, "console/tenant", "update", { tenant: input.tenant })) {
    const own = ownProjects(rt, tenant, p.username);
    if (own.size >= limit) {
      throw new ApiError(
        "forbidden",
        `You have created ${own.size} project(s) in tenant ${input.tenant} (${[...own].sort().join(", ")}); its limit is ${limit} per member. Delete one or ask a tenant admin.`,
      );
    }
  }
  const quota = input.quota ?? tenant.spec.defaults?.quota ?? {};
  const limits = input.limits ?? tenant.spec.defaults?.limits ?? {};
  validateQuotaAndLimits(quota, limits);
  const budget: Record<string, string> = {};
  for (const c of input.clusters) Object.assign(budget, budgetErrors(rt, tenant, c, input.name, quota));
  if (Object.keys(budget).length) throw new ApiError("validation_failed", "The quota does not fit the tenant's budget.", budget);
  const annotations: Record<string, string> = { [ANNOTATION.requester]: p.username };
  if (input.displayName) annotations[ANNOTATION.displayName] = input.displayName;
  if (input.description) annotations[ANNOTATION.description] = input.description;
  const selector = Object.entries(input.nodeSelector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  if (selector) annotations[ANNOTATION.nodeSelector] = selector;
  const overBudget: Record<string, string> = {};
  const results = await Promise.all(input.clusters.map((c) => createWithinBudget(rt, p, tenant, c, { name: input.name, annotations, quota, limits }, overBudget)));
  if (!results.some((r) => r.ok) && Object.keys(overBudget).length) {
    // Another change took the budget between the first check and the lock.
    throw new ApiError("validation_failed", "The quota does not fit the tenant's budget.", overBudget);
  }
  if (!results.some((r) => r.ok)) {
    throw new ApiError("unavailable", `The project was created on no cluster: ${results.map((r) => `${r.cluster}: ${r.error}`).join("; ")}`);
  }
  return { results, project: projectAfter(input.tenant, input.name, input, results, quota) };
}

/** The answer right after a write, before the namespace watches report it. */
function projectAfter(tenant: string, name: string, input: { displayName?: string; description?: string; nodeSelector?: Record<string, string> }, results: ClusterResult[], quota: ResourceList): Project {
  return {
    name,
    tenant,
    displayName: input.displayName ?? "",
    description: input.description ?? "",
    requester: "",
    nodeSelector: input.nodeSelector ?? {},
    pipelineRunRetention: DEFAULT_RETENTION,
    clusters: results.filter((r) => r.ok).map((r) => ({ cluster: r.cluster, phase: "Active", quota: Object.keys(quota).length ? { hard: quota, used: {} } : null })),
  };
}

function mayChange(rt: Runtime, p: Principal, tenant: string, project?: Project) {
  if (rt.authz.can(p, "console/projects", "update", { tenant })) return true;
  // The requester may change their own project while they still administer it.
  return !!project && project.requester === p.username && project.clusters.every((c) => rt.authz.can(p, "console/members", "create", { tenant, cluster: c.cluster, namespace: project.name }));
}

export async function changeProject(
  rt: Runtime,
  p: Principal,
  tenantName: string,
  name: string,
  change: { displayName?: string; description?: string; addClusters?: string[]; removeClusters?: string[]; pipelineRunRetention?: number | null },
) {
  const tenant = rt.store.tenant(tenantName);
  const project = listProjects(rt, p, { tenant: tenantName }).find((x) => x.name === name);
  if (!tenant || !project) throw new ApiError("not_found", `There is no project "${name}" in tenant ${tenantName}.`);
  if (!mayChange(rt, p, tenantName, project)) throw new ApiError("forbidden", `You may not change project ${name}.`);
  const results: ClusterResult[] = [];
  const parts = namespacesOf(rt, tenant, name);
  if (change.displayName !== undefined || change.description !== undefined || change.pipelineRunRetention !== undefined) {
    const annotations: Record<string, string | null> = {};
    if (change.displayName !== undefined) annotations[ANNOTATION.displayName] = change.displayName || null;
    if (change.description !== undefined) annotations[ANNOTATION.description] = change.description || null;
    if (change.pipelineRunRetention !== undefined) annotations[RETENTION_ANNOTATION] = change.pipelineRunRetention === null ? null : String(change.pipelineRunRetention);
    for (const { cluster } of parts) {
      const conn = rt.clusters.connection(cluster);
      try {
        if (!conn) throw new Error(`cluster ${cluster} is unreachable`);
        await k8sJSON(conn, `/api/v1/namespaces/${name}`, { method: "PATCH", contentType: "application/merge-patch+json", body: { metadata: { annotations } } });
        results.push({ cluster, ok: true });
      } catch (e) {
        results.push({ cluster, ok: false, error: e instanceof K8sError ? e.message : describe(e) });
      }
    }
  }
  const remove = change.removeClusters ?? [];
  const remaining = parts.filter((x) => !remove.includes(x.cluster)).length + (change.addClusters?.length ?? 0);
  if (remove.length && remaining === 0) {
    throw new ApiError("validation_failed", "A project lives on at least one cluster; delete the project instead.", { removeClusters: "A project lives on at least one cluster; delete the project instead." });
  }
  for (const cluster of change.addClusters ?? []) {
    if (!(tenant.spec.clusters ?? []).includes(cluster)) {
      results.push({ cluster, ok: false, error: `tenant ${tenantName} may not use cluster ${cluster}` });
      continue;
    }
    if (parts.some((x) => x.cluster === cluster)) {
      results.push({ cluster, ok: false, error: `the project is already on ${cluster}` });
      continue;
    }
    // Same quota and limits as where the project already runs.
    const from = parts[0];
    const quota = from ? (projectQuota(rt, from.cluster, name)?.spec?.hard ?? {}) : {};
    const errors = budgetErrors(rt, tenant, cluster, name, quota);
    if (Object.keys(errors).length) {
      results.push({ cluster, ok: false, error: Object.values(errors).join(" ") });
      continue;
    }
    const ann = { ...(from?.ns.metadata.annotations ?? {}) };
    let limits: LimitDefaults = {};
    if (from) {
      const conn = rt.clusters.connection(from.cluster);
      const lr = conn
        ? await k8sJSON<{ spec?: { limits?: (LimitDefaults & { type: string })[] } }>(conn, `${limitRangesPath(name)}/${PROJECT_LIMITS}`).catch(() => undefined)
        : undefined;
      const c = lr?.spec?.limits?.find((x) => x.type === "Container");
      if (c) limits = { default: c.default, defaultRequest: c.defaultRequest, max: c.max, min: c.min };
    }
    results.push(await createWithinBudget(rt, p, tenant, cluster, { name, annotations: ann, quota, limits }));
  }
  for (const cluster of remove) results.push(await deleteOnCluster(rt, cluster, name));
  return { results, project: listProjects(rt, p, { tenant: tenantName }).find((x) => x.name === name) ?? project };
}

async function deleteOnCluster(rt: Runtime, cluster: string, name: string): Promise<ClusterResult> {
  const conn = rt.clusters.connection(cluster);
  if (!conn) return { cluster, ok: false, error: `cluster ${cluster} is unreachable` };
  try {
    // Its role bindings go once the namespace is gone (see removeBindingsOfDeletedProject),
    // so people still see the deletion progress.
    await k8sJSON(conn, `/api/v1/namespaces/${name}`, { method: "DELETE" });
    return { cluster, ok: true };
  } catch (e) {
    if (e instanceof K8sError && e.code === 404) return { cluster, ok: true };
    return { cluster, ok: false, error: e instanceof K8sError ? e.message : describe(e) };
  }
}

export async function deleteProject(rt: Runtime, p: Principal, tenantName: string, name: string) {
  const tenant = rt.store.tenant(tenantName);
  const project = listProjects(rt, p, { tenant: tenantName }).find((x) => x.name === name);
  if (!tenant || !project) throw new ApiError("not_found", `There is no project "${name}" in tenant ${tenantName}.`);
  if (!rt.authz.can(p, "console/projects", "delete", { tenant: tenantName }) && !mayChange(rt, p, tenantName, project)) {
    throw new ApiError("forbidden", `You may not delete project ${name}.`);
  }
  const results = await Promise.all(namespacesOf(rt, tenant, name).map(({ cluster }) => deleteOnCluster(rt, cluster, name)));
  return { results };
}

/** A project's namespace is gone from a cluster: its role bindings there go too. */
export async function removeBindingsOfDeletedProject(rt: Runtime, cluster: string, namespace: string) {
  for (const b of rt.store.bindings.list()) {
    const s = b.spec.scope;
    if (s.type === "project" && s.cluster === cluster && s.namespace === namespace) {
      await rt.store.remove("rolebindings", b.metadata.name!).catch(() => undefined);
    }
  }
}

/**
 * Namespaces a crashed console left half-provisioned (marked longer than
 * `graceMs` ago): deleted, so a project is on a cluster with its quota,
 * limits and admin binding, or not there at all. The binding, if it was made,
 * goes with the namespace (see removeBindingsOfDeletedProject). Any replica may reap.
 */
export async function reapUnfinishedProjects(rt: Runtime, graceMs: number): Promise<string[]> {
  const reaped: string[] = [];
  for (const v of rt.clusters.views()) {
    const conn = rt.clusters.connection(v.name);
    if (!conn || v.health.status !== "Ready") continue;
    for (const ns of rt.clusters.namespacesOf(v.name)) {
      const since = ns.metadata.annotations?.[ANNOTATION.provisioning];
      if (!since || ns.metadata.deletionTimestamp || Date.now() - Date.parse(since) <= graceMs) continue;
      try {
        await k8sJSON(conn, `/api/v1/namespaces/${ns.metadata.name}`, { method: "DELETE" });
        reaped.push(`${v.name}/${ns.metadata.name}`);
      } catch (e) {
        if (!(e instanceof K8sError && e.code === 404)) throw e;
      }
    }
  }
  return reaped;
}

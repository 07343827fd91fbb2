import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import type { RoleDefinition } from "@/lib/authz/match";
import { type Place, type Scope, domainScope, scopeDomain } from "@/lib/authz/scope";
import { K8sError } from "@/lib/k8s/api";
import { TENANT_LABEL } from "@/lib/k8s/kinds/namespace";
import type { Runtime } from "@/lib/server/context";
import { labelSafe } from "@/lib/store/store";
import type { RoleBindingResource, TenantResource, UserResource } from "@/lib/store/types";

// Tenants, members and roles: the rules of who may see and change what,
// shared by the /api routes. Every decision goes through rt.authz.

export const BINDING_TENANT_LABEL = "pilothouse.dev/tenant";
export const BINDING_SUBJECT_LABEL = "pilothouse.dev/subject";

// ---- views (what the browser may see) ------------------------------------------------

export function userView(u: UserResource, full: boolean) {
  const base = { name: u.metadata.name!, username: u.spec.username, displayName: u.spec.displayName ?? "" };
  if (!full) return base;
  return {
    ...base,
    email: u.spec.email ?? "",
    provider: u.spec.provider,
    groups: u.spec.groups ?? [],
    disabled: !!u.spec.disabled,
    lastLoginAt: u.status?.lastLoginAt ?? null,
    createdAt: u.metadata.creationTimestamp,
  };
}

export function roleView(r: RoleDefinition) {
  return {
    name: r.name,
    displayName: r.displayName ?? "",
    description: r.description ?? "",
    scope: r.scope,
    tenant: r.tenant ?? null,
    builtin: !!r.builtin,
    rules: r.rules.map((x) => ({ resources: x.resources, verbs: x.verbs, effect: x.effect ?? "allow" })),
  };
}

export function bindingView(b: RoleBindingResource) {
  return {
    name: b.metadata.name!,
    subject: b.spec.subject,
    role: b.spec.role,
    scope: b.spec.scope,
    createdAt: b.metadata.creationTimestamp,
  };
}

/** The tenant a binding belongs to (tenant scope, or the tenant of its project). */
export function bindingTenant(rt: Runtime, b: RoleBindingResource): string | undefined {
  const s = b.spec.scope;
  if (s.type === "tenant") return s.tenant;
  if (s.type === "project" && s.cluster && s.namespace) return rt.authz.placeOf(s.cluster, s.namespace).tenant;
  return undefined;
}

export function tenantView(rt: Runtime, t: TenantResource) {
  const name = t.metadata.name!;
  const bindings = rt.store.bindings.list().filter((b) => bindingTenant(rt, b) === name);
  return {
    name,
    displayName: t.spec.displayName || name,
    description: t.spec.description ?? "",
    clusters: t.spec.clusters ?? [],
    managers: bindings
      .filter((b) => b.spec.scope.type === "tenant" && b.spec.role === "tenant-admin" && b.spec.subject.kind === "User")
      .map((b) => b.spec.subject.name),
    members: new Set(bindings.map((b) => `${b.spec.subject.kind}:${b.spec.subject.name}`)).size,
    projects: projectsOf(rt, name).length,
    projectLimitPerMember: t.spec.projectLimitPerMember ?? null,
    defaults: { quota: t.spec.defaults?.quota ?? {}, limits: t.spec.defaults?.limits ?? {} },
    budget: t.spec.budget ?? {},
    podSecurity: t.spec.podSecurity ?? "baseline",
    createdAt: t.metadata.creationTimestamp,
  };
}

// ---- projects ---------------------------------------------------------------

import type { ProjectNamespace as ProjectView } from "@/lib/validations/tenancy";
export type { ProjectView };

/** Namespaces that are projects of a tenant: labelled with it, on a cluster it may use. */
export function projectsOf(rt: Runtime, tenant: string): ProjectView[] {
  const out: ProjectView[] = [];
  for (const cluster of rt.store.tenant(tenant)?.spec.clusters ?? []) {
    for (const ns of rt.clusters.namespacesOf(cluster)) {
      if (ns.metadata.labels?.[TENANT_LABEL] === tenant) out.push(projectView(cluster, ns, tenant));
    }
  }
  return out;
}

function projectView(cluster: string, ns: { metadata: { name?: string; annotations?: Record<string, string>; deletionTimestamp?: string } }, tenant: string): ProjectView {
  const a = ns.metadata.annotations ?? {};
  return {
    cluster,
    namespace: ns.metadata.name!,
    tenant,
    displayName: a["pilothouse.dev/display-name"] ?? "",
    description: a["pilothouse.dev/description"] ?? "",
    requester: a["pilothouse.dev/requester"] ?? "",
    phase: ns.metadata.deletionTimestamp ? "Terminating" : "Active",
  };
}

/** Every project the caller may see (get its namespace), on every cluster. */
export function visibleProjects(rt: Runtime, p: Principal, filter: { tenant?: string; cluster?: string } = {}): ProjectView[] {
  const out: ProjectView[] = [];
  for (const t of rt.store.tenants.list()) {
    const name = t.metadata.name!;
    if (filter.tenant && filter.tenant !== name) continue;
    for (const pv of projectsOf(rt, name)) {
      if (filter.cluster && filter.cluster !== pv.cluster) continue;
      if (rt.authz.can(p, "core/namespaces", "get", { tenant: name, cluster: pv.cluster, namespace: pv.namespace })) out.push(pv);
    }
  }
  return out.sort((a, b) => a.tenant.localeCompare(b.tenant) || a.namespace.localeCompare(b.namespace) || a.cluster.localeCompare(b.cluster));
}

// ---- tenants ---------------------------------------------------------------

export function isPlatformViewer(rt: Runtime, p: Principal) {
  return rt.authz.can(p, "console/tenants", "list");
}

/** Tenants the caller sees: all with a platform role, else those where they hold any binding. */
export function visibleTenants(rt: Runtime, p: Principal): TenantResource[] {
  const all = rt.store.tenants.list();
  if (isPlatformViewer(rt, p)) return all;
  const mine = new Set<string>();
  for (const d of rt.authz.domainsOf(p.name)) {
    const s = domainScope(d);
    const t = s.type === "tenant" || s.type === "project" ? scopePlace(rt, s).tenant : undefined;
    if (t) mine.add(t);
  }
  return all.filter((t) => mine.has(t.metadata.name!));
}

export function requireVisibleTenant(rt: Runtime, p: Principal, name: string): TenantResource {
  const t = visibleTenants(rt, p).find((x) => x.metadata.name === name);
  if (!t) throw new ApiError("not_found", `Tenant "${name}" does not exist or you are not a member.`);
  return t;
}

export function checkClustersExist(rt: Runtime, clusters: string[], field = "clusters") {
  const known = new Set(rt.clusters.views().map((c) => c.name));
  const missing = clusters.filter((c) => !known.has(c));
  if (missing.length) {
    throw new ApiError("validation_failed", `Unknown cluster(s): ${missing.join(", ")}.`, { [field]: `Unknown cluster(s): ${missing.join(", ")}.` });
  }
}

/**
 * Giving a tenant the host cluster takes an explicit acknowledgement: the
 * console's own state and every cluster's credentials live there.
 */
export function checkHostClusterAcknowledged(rt: Runtime, clusters: string[], before: string[], acknowledged: boolean | undefined) {
  const host = rt.clusters.views().find((c) => c.isHost)?.name;
  if (!host || !clusters.includes(host) || before.includes(host) || acknowledged === true) return;
  const msg =
    `${host} is the host cluster: the console's own state and the credentials of every cluster live there. ` +
    "The tenant's users are confined to their projects, but they share the cluster with the console. " +
    "Acknowledge this to give it to the tenant (acknowledgeHostCluster: true).";
  throw new ApiError("validation_failed", msg, { clusters: msg });
}

// ---- bindings ---------------------------------------------------------------

/** Where a binding at this scope takes effect, for the "may manage members here" check. */
export function scopePlace(rt: Runtime, s: Scope): Place {
  switch (s.type) {
    case "platform":
      return {};
    case "cluster":
      return { cluster: s.cluster };
    case "tenant":
      return { tenant: s.tenant };
    case "project":
      return rt.authz.placeOf(s.cluster!, s.namespace!);
  }
}

/** May the caller create or remove bindings at this scope? Tenant and project scopes need console/members there. */
export function mayManageMembers(rt: Runtime, p: Principal, s: Scope): boolean {
  if (s.type === "platform" || s.type === "cluster") return rt.authz.can(p, "console/members", "create");
  return rt.authz.can(p, "console/members", "create", scopePlace(rt, s));
}

/**
 * May the caller pick users and groups (GET /api/users, /api/groups)? Those who
 * list users on the platform, and those who may add members somewhere they hold
 * a role (tenant and project admins) — not viewers.
 */
export function mayPickMembers(rt: Runtime, p: Principal): boolean {
  if (rt.authz.can(p, "console/users", "list")) return true;
  return rt.authz.domainsOf(p.name).some((d) => rt.authz.can(p, "console/members", "create", scopePlace(rt, domainScope(d))));
}

export function mayViewMembers(rt: Runtime, p: Principal, s: Scope): boolean {
  if (s.type === "platform" || s.type === "cluster") return rt.authz.can(p, "console/members", "list");
  return rt.authz.can(p, "console/members", "list", scopePlace(rt, s));
}

/**
 * Validates a new binding: first whether the caller may manage members at
 * that scope at all (the same 403 whether the tenant, project, role or user
 * exists or not: no existence oracle), then — for callers who may — the role
 * exists and fits the scope, the scope exists, and the caller may grant it
 * there without gaining more than they manage (only tenant admins and
 * platform admins bind custom roles).
 */
export function validateBinding(rt: Runtime, p: Principal, spec: RoleBindingResource["spec"]) {
  const s = spec.scope;
  if (!scopeDomain(s)) throw new ApiError("validation_failed", "The scope is incomplete.", { scope: "The scope is incomplete." });
  if (!mayManageMembers(rt, p, s)) {
    throw new ApiError("forbidden", `You may not manage members of this ${s.type}.`);
  }
  const found = rt.authz.role(spec.role);
  // Custom roles of tenants the caller is not in are not theirs to know of.
  const role = found && roleVisible(rt, p, found) ? found : undefined;
  if (!role) throw new ApiError("validation_failed", `There is no role "${spec.role}".`, { role: `There is no role "${spec.role}".` });
  if (role.scope !== s.type) {
    const msg = `The role "${spec.role}" is bound at ${role.scope} scope, not at ${s.type} scope.`;
    throw new ApiError("validation_failed", msg, { role: msg });
  }
  if (s.type === "tenant" && !rt.store.tenant(s.tenant!)) {
    throw new ApiError("validation_failed", `There is no tenant "${s.tenant}".`, { "scope.tenant": `There is no tenant "${s.tenant}".` });
  }
  if ((s.type === "cluster" || s.type === "project") && !rt.store.cluster(s.cluster!)) {
    throw new ApiError("validation_failed", `There is no cluster "${s.cluster}".`, { "scope.cluster": `There is no cluster "${s.cluster}".` });
  }
  if (s.type === "project") {
    const place = rt.authz.placeOf(s.cluster!, s.namespace!);
    const platform = rt.authz.can(p, "console/members", "create");
    if (!place.tenant && !platform) {
      const msg = `"${s.namespace}" on ${s.cluster} is not a project of any tenant.`;
      throw new ApiError("validation_failed", msg, { "scope.namespace": msg });
    }
  }
  if (role.tenant) {
    const tenantOfScope = s.type === "tenant" ? s.tenant : s.type === "project" ? rt.authz.placeOf(s.cluster!, s.namespace!).tenant : undefined;
    if (tenantOfScope !== role.tenant) {
      const msg = `The role "${spec.role}" belongs to tenant ${role.tenant} and cannot be used here.`;
      throw new ApiError("validation_failed", msg, { role: msg });
    }
  }
  if (spec.subject.kind === "User" && !rt.store.userByName(spec.subject.name)) {
    const msg = `There is no user "${spec.subject.name}".`;
    throw new ApiError("validation_failed", msg, { "subject.name": msg });
  }
  if (!role.builtin && !rt.authz.can(p, "console/roles", "create", scopePlace(rt, s.type === "project" ? { type: "tenant", tenant: role.tenant } : s))) {
    throw new ApiError("forbidden", "Only tenant admins may give custom roles.");
  }
}

export async function createBinding(rt: Runtime, spec: RoleBindingResource["spec"], tenant?: string) {
  const labels: Record<string, string> = { [BINDING_SUBJECT_LABEL]: labelSafe(spec.subject.name) };
  if (tenant) labels[BINDING_TENANT_LABEL] = tenant;
  return rt.store.createGenerated<RoleBindingResource>("rolebindings", "RoleBinding", "rb-", spec, labels);
}

export async function ignoreNotFound(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof K8sError && e.code === 404)) throw e;
  }
}

/** Custom roles of a tenant and the ones the caller may see. */
export function visibleRoles(rt: Runtime, p: Principal, tenant?: string): RoleDefinition[] {
  const tenants = new Set(visibleTenants(rt, p).map((t) => t.metadata.name!));
  return rt.authz.roles().filter((r) => r.builtin || (r.tenant ? tenants.has(r.tenant) && (!tenant || r.tenant === tenant) : isPlatformViewer(rt, p)));
}

/** Whether the caller may know of a role (what GET /api/roles shows them). */
function roleVisible(rt: Runtime, p: Principal, r: RoleDefinition): boolean {
  if (r.builtin) return true;
  if (!r.tenant) return isPlatformViewer(rt, p);
  return visibleTenants(rt, p).some((t) => t.metadata.name === r.tenant);
}

/** Rules may name resource sets of the vocabulary ("@readable"); unknown ones are field errors. */
export function checkRuleSets(rt: Runtime, rules: { resources: string[] }[]) {
  const fields: Record<string, string> = {};
  rules.forEach((r, i) =>
    r.resources.forEach((res, j) => {
      if (res.startsWith("@") && !rt.authz.vocabulary.sets[res.slice(1)]) fields[`rules.${i}.resources.${j}`] = `There is no resource set ${res}.`;
    }),
  );
  if (Object.keys(fields).length) throw new ApiError("validation_failed", "Some fields are not valid.", fields);
}

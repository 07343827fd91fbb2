import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type * as tenancy from "@/lib/validations/tenancy";

// Browser side of the access API (docs/api.md: tenants, users and groups,
// roles, role bindings, permissions, projects). Bodies and answers are the
// types beside the schemas the routes validate with (lib/validations/tenancy.ts).

export type {
  Binding,
  BindingVia,
  CanICheck,
  CreateBindingBody,
  CreateRoleBody,
  CreateTenantBody,
  CreateUserBody,
  EffectiveBinding,
  Effect,
  Group,
  PermissionsResponse,
  ProjectNamespace,
  Role,
  RoleRule,
  RolesResponse,
  Scope,
  ScopeType,
  Subject,
  SubjectKind,
  Tenant,
  UpdateRoleBody,
  UpdateTenantBody,
  UpdateUserBody,
  User,
  UserSummary,
  Vocabulary,
  WhoCanResponse,
} from "@/lib/validations/tenancy";

// ---- query keys ----

/** Everything access-related: one prefix, so a change of bindings or roles refreshes every view of them. */
export const accessKey = ["console", "access"] as const;
export const tenantsKey = [...accessKey, "tenants"] as const;
export const usersKey = [...accessKey, "users"] as const;
export const groupsKey = [...accessKey, "groups"] as const;
export const rolesKey = [...accessKey, "roles"] as const;
export const bindingsKey = [...accessKey, "rolebindings"] as const;
export const permissionsKey = [...accessKey, "permissions"] as const;
export const canIKey = [...accessKey, "can-i"] as const;
export const whoCanKey = [...accessKey, "who-can"] as const;
export const projectsKey = ["console", "projects"] as const;

const enc = encodeURIComponent;

/** "?a=1&b=2" of the non-empty params, or "". */
export function query(params: Record<string, string | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : "";
}

// ---- tenants ----

export function tenantsQuery() {
  return queryOptions({
    queryKey: tenantsKey,
    queryFn: ({ signal }) => apiFetch<{ items: tenancy.Tenant[] }>("/api/tenants", { signal }),
  });
}

export function tenantQuery(name: string) {
  return queryOptions({
    queryKey: [...tenantsKey, name],
    queryFn: ({ signal }) => apiFetch<tenancy.Tenant>(`/api/tenants/${enc(name)}`, { signal }),
  });
}

export function createTenant(body: tenancy.CreateTenantBody) {
  return apiFetch<tenancy.Tenant>("/api/tenants", { method: "POST", body });
}

export function updateTenant(name: string, body: tenancy.UpdateTenantBody) {
  return apiFetch<tenancy.Tenant>(`/api/tenants/${enc(name)}`, { method: "PATCH", body });
}

export function deleteTenant(name: string) {
  return apiFetch<void>(`/api/tenants/${enc(name)}`, { method: "DELETE" });
}

// ---- users and groups ----

export function usersQuery(q = "") {
  return queryOptions({
    queryKey: [...usersKey, q],
    queryFn: ({ signal }) => apiFetch<{ items: tenancy.UserSummary[] }>(`/api/users${query({ q })}`, { signal }),
  });
}

export function createUser(body: tenancy.CreateUserBody) {
  return apiFetch<tenancy.User>("/api/users", { method: "POST", body });
}

export function updateUser(name: string, body: tenancy.UpdateUserBody) {
  return apiFetch<tenancy.User>(`/api/users/${enc(name)}`, { method: "PATCH", body });
}

export function deleteUser(name: string) {
  return apiFetch<void>(`/api/users/${enc(name)}`, { method: "DELETE" });
}

export function groupsQuery() {
  return queryOptions({
    queryKey: groupsKey,
    queryFn: ({ signal }) => apiFetch<{ items: tenancy.Group[] }>("/api/groups", { signal }),
  });
}

// ---- roles ----

export function rolesQuery(params: tenancy.ListRolesQuery = {}) {
  return queryOptions({
    queryKey: [...rolesKey, params.tenant ?? "", params.scope ?? ""],
    queryFn: ({ signal }) => apiFetch<tenancy.RolesResponse>(`/api/roles${query(params)}`, { signal }),
    // Built-in roles and the vocabulary change only with a release.
    staleTime: 60_000,
  });
}

export function createRole(body: tenancy.CreateRoleBody) {
  return apiFetch<tenancy.Role>("/api/roles", { method: "POST", body });
}

export function updateRole(name: string, body: tenancy.UpdateRoleBody) {
  return apiFetch<tenancy.Role>(`/api/roles/${enc(name)}`, { method: "PATCH", body });
}

export function deleteRole(name: string) {
  return apiFetch<void>(`/api/roles/${enc(name)}`, { method: "DELETE" });
}

// ---- role bindings ----

export type BindingFilter = tenancy.ListBindingsQuery;

export function roleBindingsQuery(filter: BindingFilter = {}) {
  return queryOptions({
    queryKey: [...bindingsKey, filter.tenant ?? "", filter.cluster ?? "", filter.namespace ?? "", filter.subject ?? ""],
    queryFn: ({ signal }) => apiFetch<{ items: tenancy.Binding[] }>(`/api/rolebindings${query({ ...filter })}`, { signal }),
  });
}

export function createRoleBinding(body: tenancy.CreateBindingBody) {
  return apiFetch<tenancy.Binding>("/api/rolebindings", { method: "POST", body });
}

export function deleteRoleBinding(name: string) {
  return apiFetch<void>(`/api/rolebindings/${enc(name)}`, { method: "DELETE" });
}

// ---- permissions ----

/** Maximum checks per POST /api/can-i. */
export const CAN_I_MAX = 200;

export function canI(checks: tenancy.CanICheck[]) {
  return apiFetch<tenancy.CanIResponse>("/api/can-i", { method: "POST", body: { checks } });
}

/** The same check without empty fields, so equal checks have equal JSON. */
export function normalizeCheck(c: tenancy.CanICheck): tenancy.CanICheck {
  const out: tenancy.CanICheck = { verb: c.verb.trim(), resource: c.resource.trim() };
  if (c.cluster?.trim()) out.cluster = c.cluster.trim();
  if (c.namespace?.trim()) out.namespace = c.namespace.trim();
  if (c.tenant?.trim()) out.tenant = c.tenant.trim();
  return out;
}

export function whoCanQuery(check: tenancy.CanICheck) {
  const c = normalizeCheck(check);
  return queryOptions({
    queryKey: [...whoCanKey, JSON.stringify(c)],
    queryFn: ({ signal }) => apiFetch<tenancy.WhoCanResponse>(`/api/who-can${query({ ...c })}`, { signal }),
  });
}

/** Effective permissions of `user`, or of the caller when it is omitted. */
export function permissionsQuery(user?: string) {
  return queryOptions({
    queryKey: [...permissionsKey, user ?? ""],
    queryFn: ({ signal }) => apiFetch<tenancy.PermissionsResponse>(`/api/permissions${query({ user })}`, { signal }),
  });
}

// ---- projects ----

/** Projects as one entry per namespace on a cluster (what member scopes refer to). */
export function projectsQuery(filter: tenancy.ListProjectsQuery = {}) {
  return queryOptions({
    queryKey: [...projectsKey, "per-cluster", filter.tenant ?? "", filter.cluster ?? ""],
    queryFn: async ({ signal }) => {
      const r = await apiFetch<{ items: tenancy.Project[] }>(`/api/projects${query(filter)}`, { signal });
      return {
        items: r.items.flatMap((p): tenancy.ProjectNamespace[] =>
          p.clusters.map((c) => ({
            cluster: c.cluster,
            namespace: p.name,
            tenant: p.tenant,
            displayName: p.displayName,
            description: p.description,
            requester: p.requester,
            phase: c.phase,
          })),
        ),
      };
    },
  });
}

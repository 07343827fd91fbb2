import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { PodSecurityLevel } from "@/lib/validations/tenancy";

// Browser side of the access API (docs/api.md: tenants, users and groups,
// roles, role bindings, permissions, projects). Shapes are the documented ones.

// ---- shapes ----

export type ScopeType = "platform" | "tenant" | "cluster" | "project";

export type Scope =
  | { type: "platform" }
  | { type: "tenant"; tenant: string }
  | { type: "cluster"; cluster: string }
  | { type: "project"; cluster: string; namespace: string };

export type SubjectKind = "User" | "Group";

export interface Subject {
  kind: SubjectKind;
  name: string;
}

export interface Tenant {
  name: string;
  displayName: string;
  description: string;
  clusters: string[];
  /** User names holding tenant-admin. */
  managers: string[];
  /** The Pod Security Admission level its projects enforce. */
  podSecurity: PodSecurityLevel;
  createdAt: string;
  projects: number;
  members: number;
}

export interface User {
  name: string;
  username: string;
  displayName: string;
  email: string;
  provider: "local" | "oidc";
  groups: string[];
  disabled: boolean;
  lastLoginAt?: string | null;
  createdAt: string;
}

/** What tenant and project managers get from GET /api/users: enough to pick a member. */
export type UserSummary = Pick<User, "name" | "username" | "displayName"> & Partial<Omit<User, "name" | "username" | "displayName">>;

export interface Group {
  name: string;
  members: number;
}

export type Effect = "allow" | "deny";

export interface RoleRule {
  resources: string[];
  verbs: string[];
  effect?: Effect;
}

export interface Role {
  name: string;
  displayName: string;
  description: string;
  scope: ScopeType;
  /** The tenant of a custom role; none for built-in roles. */
  tenant?: string | null;
  builtin: boolean;
  rules: RoleRule[];
}

export interface Vocabulary {
  verbs: string[];
  matrix: { id: string; resources: string[] }[];
}

export interface RolesResponse {
  items: Role[];
  vocabulary: Vocabulary;
}

export interface Binding {
  name: string;
  subject: Subject;
  role: string;
  scope: Scope;
  createdAt: string;
}

/** "user" (bound directly) or "group:<group>". */
export type BindingVia = "user" | `group:${string}`;

export interface EffectiveBinding {
  binding: Binding;
  via: BindingVia;
  /** Null when the bound role no longer exists. */
  role: Role | null;
}

export interface PermissionsResponse {
  user: { name: string; username: string; displayName: string; groups: string[] };
  bindings: EffectiveBinding[];
}

export interface CanICheck {
  verb: string;
  resource: string;
  cluster?: string;
  namespace?: string;
  tenant?: string;
}

export interface WhoCanResponse {
  users: { name: string; username: string }[];
  groups: string[];
}

export type ProjectPhase = "Active" | "Terminating" | (string & {});

export interface Project {
  cluster: string;
  namespace: string;
  tenant: string;
  displayName: string;
  description: string;
  requester: string;
  phase: ProjectPhase;
}

// ---- request bodies ----

export interface CreateTenantBody {
  name: string;
  displayName?: string;
  description?: string;
  clusters: string[];
  managers?: string[];
  podSecurity?: PodSecurityLevel;
  acknowledgeHostCluster?: boolean;
}

export interface UpdateTenantBody {
  displayName?: string;
  description?: string;
  clusters?: string[];
  podSecurity?: PodSecurityLevel;
  acknowledgeHostCluster?: boolean;
}

export interface CreateUserBody {
  username: string;
  displayName?: string;
  email?: string;
  password: string;
  groups?: string[];
}

export interface UpdateUserBody {
  displayName?: string;
  email?: string;
  groups?: string[];
  disabled?: boolean;
  password?: string;
}

export interface CreateRoleBody {
  name: string;
  displayName?: string;
  description?: string;
  scope: "tenant" | "project";
  tenant: string;
  rules: RoleRule[];
}

export interface UpdateRoleBody {
  displayName?: string;
  description?: string;
  rules?: RoleRule[];
}

export interface CreateBindingBody {
  subject: Subject;
  role: string;
  scope: Scope;
}

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
function query(params: Record<string, string | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : "";
}

// ---- tenants ----

export function tenantsQuery() {
  return queryOptions({
    queryKey: tenantsKey,
    queryFn: ({ signal }) => apiFetch<{ items: Tenant[] }>("/api/tenants", { signal }),
  });
}

export function tenantQuery(name: string) {
  return queryOptions({
    queryKey: [...tenantsKey, name],
    queryFn: ({ signal }) => apiFetch<Tenant>(`/api/tenants/${enc(name)}`, { signal }),
  });
}

export function createTenant(body: CreateTenantBody) {
  return apiFetch<Tenant>("/api/tenants", { method: "POST", body });
}

export function updateTenant(name: string, body: UpdateTenantBody) {
  return apiFetch<Tenant>(`/api/tenants/${enc(name)}`, { method: "PATCH", body });
}

export function deleteTenant(name: string) {
  return apiFetch<void>(`/api/tenants/${enc(name)}`, { method: "DELETE" });
}

// ---- users and groups ----

export function usersQuery(q = "") {
  return queryOptions({
    queryKey: [...usersKey, q],
    queryFn: ({ signal }) => apiFetch<{ items: UserSummary[] }>(`/api/users${query({ q })}`, { signal }),
  });
}

export function createUser(body: CreateUserBody) {
  return apiFetch<User>("/api/users", { method: "POST", body });
}

export function updateUser(name: string, body: UpdateUserBody) {
  return apiFetch<User>(`/api/users/${enc(name)}`, { method: "PATCH", body });
}

export function deleteUser(name: string) {
  return apiFetch<void>(`/api/users/${enc(name)}`, { method: "DELETE" });
}

export function groupsQuery() {
  return queryOptions({
    queryKey: groupsKey,
    queryFn: ({ signal }) => apiFetch<{ items: Group[] }>("/api/groups", { signal }),
  });
}

// ---- roles ----

export function rolesQuery(params: { tenant?: string; scope?: ScopeType } = {}) {
  return queryOptions({
    queryKey: [...rolesKey, params.tenant ?? "", params.scope ?? ""],
    queryFn: ({ signal }) => apiFetch<RolesResponse>(`/api/roles${query(params)}`, { signal }),
    // Built-in roles and the vocabulary change only with a release.
    staleTime: 60_000,
  });
}

export function createRole(body: CreateRoleBody) {
  return apiFetch<Role>("/api/roles", { method: "POST", body });
}

export function updateRole(name: string, body: UpdateRoleBody) {
  return apiFetch<Role>(`/api/roles/${enc(name)}`, { method: "PATCH", body });
}

export function deleteRole(name: string) {
  return apiFetch<void>(`/api/roles/${enc(name)}`, { method: "DELETE" });
}

// ---- role bindings ----

export interface BindingFilter {
  tenant?: string;
  cluster?: string;
  namespace?: string;
  subject?: string;
}

export function roleBindingsQuery(filter: BindingFilter = {}) {
  return queryOptions({
    queryKey: [...bindingsKey, filter.tenant ?? "", filter.cluster ?? "", filter.namespace ?? "", filter.subject ?? ""],
    queryFn: ({ signal }) => apiFetch<{ items: Binding[] }>(`/api/rolebindings${query({ ...filter })}`, { signal }),
  });
}

export function createRoleBinding(body: CreateBindingBody) {
  return apiFetch<Binding>("/api/rolebindings", { method: "POST", body });
}

export function deleteRoleBinding(name: string) {
  return apiFetch<void>(`/api/rolebindings/${enc(name)}`, { method: "DELETE" });
}

// ---- permissions ----

/** Maximum checks per POST /api/can-i. */
export const CAN_I_MAX = 200;

export function canI(checks: CanICheck[]) {
  return apiFetch<{ results: { allowed: boolean }[] }>("/api/can-i", { method: "POST", body: { checks } });
}

/** The same check without empty fields, so equal checks have equal JSON. */
export function normalizeCheck(c: CanICheck): CanICheck {
  const out: CanICheck = { verb: c.verb.trim(), resource: c.resource.trim() };
  if (c.cluster?.trim()) out.cluster = c.cluster.trim();
  if (c.namespace?.trim()) out.namespace = c.namespace.trim();
  if (c.tenant?.trim()) out.tenant = c.tenant.trim();
  return out;
}

export function whoCanQuery(check: CanICheck) {
  const c = normalizeCheck(check);
  return queryOptions({
    queryKey: [...whoCanKey, JSON.stringify(c)],
    queryFn: ({ signal }) => apiFetch<WhoCanResponse>(`/api/who-can${query({ ...c })}`, { signal }),
  });
}

/** Effective permissions of `user`, or of the caller when it is omitted. */
export function permissionsQuery(user?: string) {
  return queryOptions({
    queryKey: [...permissionsKey, user ?? ""],
    queryFn: ({ signal }) => apiFetch<PermissionsResponse>(`/api/permissions${query({ user })}`, { signal }),
  });
}

// ---- projects ----

interface ProjectAcrossClusters {
  name: string;
  tenant: string;
  displayName: string;
  description: string;
  requester: string;
  clusters: { cluster: string; phase: ProjectPhase }[];
}

/** Projects as one entry per namespace on a cluster (what member scopes refer to). */
export function projectsQuery(filter: { tenant?: string; cluster?: string } = {}) {
  return queryOptions({
    queryKey: [...projectsKey, "per-cluster", filter.tenant ?? "", filter.cluster ?? ""],
    queryFn: async ({ signal }) => {
      const r = await apiFetch<{ items: ProjectAcrossClusters[] }>(`/api/projects${query(filter)}`, { signal });
      return {
        items: r.items.flatMap((p): Project[] =>
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

import { queryOptions } from "@tanstack/react-query";
import { projectsKey, query, tenantsKey } from "@/lib/access/queries";
import { apiFetch } from "@/lib/client/api";
import type {
  ClusterResult,
  CreateProjectBody,
  ListProjectsQuery,
  Project,
  ProjectChange,
  ProjectDetail,
  Tenant,
  TenantQuota,
  UpdateProjectBody,
  UpdateTenantBody,
} from "@/lib/validations/tenancy";

// Browser side of the projects and tenant-budget API (docs/api.md: "Tenant
// settings (projects and budgets)", "Projects"). Bodies and answers are the
// types beside the schemas the routes validate with (lib/validations/tenancy.ts).

export type {
  ClusterResult,
  CreateProjectBody,
  LimitDefaults,
  Project,
  ProjectChange,
  ProjectCluster,
  ProjectDetail,
  ResourceList,
  TenantDefaults,
  TenantQuota,
  TenantQuotaCluster,
  TenantQuotaProject,
  UpdateProjectBody,
} from "@/lib/validations/tenancy";

/** What the tenant settings (project limit, defaults, budget) of PATCH /api/tenants/{name} take. */
export type UpdateTenantSettingsBody = Pick<UpdateTenantBody, "projectLimitPerMember" | "defaults" | "budget">;

// ---- query keys ----
// Under projectsKey, so whatever invalidates the projects (member and tenant
// dialogs of the access area) refreshes these views too.

export const projectListKey = [...projectsKey, "list"] as const;
export const projectDetailKey = (tenant: string, name: string) => [...projectsKey, "detail", tenant, name] as const;
export const tenantQuotaKey = (tenant: string) => [...projectsKey, "tenant-quota", tenant] as const;

const enc = encodeURIComponent;

export function projectListQuery(filter: ListProjectsQuery = {}) {
  return queryOptions({
    queryKey: [...projectListKey, filter.tenant ?? "", filter.cluster ?? ""],
    queryFn: ({ signal }) => apiFetch<{ items: Project[] }>(`/api/projects${query(filter)}`, { signal }),
  });
}

export const projectPath = (tenant: string, name: string) => `/api/projects/${enc(tenant)}/${enc(name)}`;

export function projectQuery(tenant: string, name: string) {
  return queryOptions({
    queryKey: projectDetailKey(tenant, name),
    queryFn: ({ signal }) => apiFetch<ProjectDetail>(projectPath(tenant, name), { signal }),
  });
}

/** The same key (and request) as tenantQuery in lib/access: one cache entry per tenant. */
export function tenantSettingsQuery(name: string) {
  return queryOptions({
    queryKey: [...tenantsKey, name],
    queryFn: ({ signal }) => apiFetch<Tenant>(`/api/tenants/${enc(name)}`, { signal }),
  });
}

export function tenantQuotaQuery(name: string) {
  return queryOptions({
    queryKey: tenantQuotaKey(name),
    queryFn: ({ signal }) => apiFetch<TenantQuota>(`/api/tenants/${enc(name)}/quota`, { signal }),
  });
}

export function createProject(body: CreateProjectBody) {
  return apiFetch<ProjectChange>("/api/projects", { method: "POST", body });
}

export function updateProject(tenant: string, name: string, body: UpdateProjectBody) {
  return apiFetch<ProjectChange>(projectPath(tenant, name), { method: "PATCH", body });
}

export function deleteProject(tenant: string, name: string) {
  return apiFetch<{ results: ClusterResult[] }>(projectPath(tenant, name), { method: "DELETE" });
}

export function updateTenantSettings(name: string, body: UpdateTenantSettingsBody) {
  return apiFetch<Tenant>(`/api/tenants/${enc(name)}`, { method: "PATCH", body });
}

// ---- addresses in the console ----

export const projectHref = (tenant: string, name: string) => `/projects/${enc(tenant)}/${enc(name)}`;
export const tenantHref = (tenant: string) => `/access/tenants/${enc(tenant)}`;
export const tenantQuotaHref = (tenant: string) => `/access/tenants/${enc(tenant)}?tab=quota`;
export const workloadsHref = (cluster: string, namespace: string) => `/c/${enc(cluster)}/ns/${enc(namespace)}`;

import { queryOptions } from "@tanstack/react-query";
import { type Binding, type Tenant, projectsKey, tenantsKey } from "@/lib/access/queries";
import { apiFetch } from "@/lib/client/api";

// Browser side of the projects and tenant-budget API (docs/api.md: "Tenant
// settings (projects and budgets)", "Projects"). Shapes are the documented ones.

export type ResourceList = Record<string, string>;

export type ClusterPhase = "Active" | "Provisioning" | "Terminating" | "Missing";

export interface ProjectCluster {
  cluster: string;
  phase: ClusterPhase | (string & {});
  quota: { hard: ResourceList; used: ResourceList } | null;
}

export interface Project {
  name: string;
  tenant: string;
  displayName: string;
  description: string;
  requester: string;
  nodeSelector: Record<string, string>;
  clusters: ProjectCluster[];
  createdAt?: string;
}

export interface ProjectDetail extends Project {
  members?: Binding[];
}

export interface LimitDefaults {
  default?: ResourceList;
  defaultRequest?: ResourceList;
  max?: ResourceList;
  min?: ResourceList;
}

export interface TenantDefaults {
  quota?: ResourceList;
  limits?: LimitDefaults;
}

/** A tenant with its project settings and budget (absent on servers that predate them). */
export interface TenantWithSettings extends Tenant {
  projectLimitPerMember?: number | null;
  defaults?: TenantDefaults;
  budget?: Record<string, ResourceList>;
}

export interface ClusterResult {
  cluster: string;
  ok: boolean;
  error?: string;
}

export interface TenantQuotaProject {
  namespace: string;
  hard: ResourceList;
  used: ResourceList;
}

export interface TenantQuotaCluster {
  cluster: string;
  budget: ResourceList;
  allocated: ResourceList;
  used: ResourceList;
  /** Projects the caller may see. */
  projects: TenantQuotaProject[];
  /** The tenant's other projects here, summed without their names; null when the caller sees them all. */
  otherProjects: { hard: ResourceList; used: ResourceList } | null;
}

export interface TenantQuota {
  clusters: TenantQuotaCluster[];
}

export interface CreateProjectBody {
  tenant: string;
  clusters: string[];
  name: string;
  displayName?: string;
  description?: string;
  nodeSelector?: Record<string, string>;
  quota?: ResourceList;
  limits?: LimitDefaults;
}

export interface UpdateProjectBody {
  displayName?: string;
  description?: string;
  addClusters?: string[];
  removeClusters?: string[];
}

export interface UpdateTenantSettingsBody {
  projectLimitPerMember?: number | null;
  defaults?: TenantDefaults;
  budget?: Record<string, ResourceList>;
}

// ---- query keys ----
// Under projectsKey, so whatever invalidates the projects (member and tenant
// dialogs of the access area) refreshes these views too.

export const projectListKey = [...projectsKey, "list"] as const;
export const projectDetailKey = (tenant: string, name: string) => [...projectsKey, "detail", tenant, name] as const;
export const tenantQuotaKey = (tenant: string) => [...projectsKey, "tenant-quota", tenant] as const;

const enc = encodeURIComponent;

export function projectListQuery(filter: { tenant?: string; cluster?: string } = {}) {
  const sp = new URLSearchParams();
  if (filter.tenant) sp.set("tenant", filter.tenant);
  if (filter.cluster) sp.set("cluster", filter.cluster);
  const qs = sp.toString();
  return queryOptions({
    queryKey: [...projectListKey, filter.tenant ?? "", filter.cluster ?? ""],
    queryFn: ({ signal }) => apiFetch<{ items: Project[] }>(`/api/projects${qs ? `?${qs}` : ""}`, { signal }),
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
    queryFn: ({ signal }) => apiFetch<TenantWithSettings>(`/api/tenants/${enc(name)}`, { signal }),
  });
}

export function tenantQuotaQuery(name: string) {
  return queryOptions({
    queryKey: tenantQuotaKey(name),
    queryFn: ({ signal }) => apiFetch<TenantQuota>(`/api/tenants/${enc(name)}/quota`, { signal }),
  });
}

export function createProject(body: CreateProjectBody) {
  return apiFetch<{ project: Project; results: ClusterResult[] }>("/api/projects", { method: "POST", body });
}

export function updateProject(tenant: string, name: string, body: UpdateProjectBody) {
  return apiFetch<{ project: Project; results: ClusterResult[] }>(projectPath(tenant, name), { method: "PATCH", body });
}

export function deleteProject(tenant: string, name: string) {
  return apiFetch<{ results: ClusterResult[] }>(projectPath(tenant, name), { method: "DELETE" });
}

export function updateTenantSettings(name: string, body: UpdateTenantSettingsBody) {
  return apiFetch<TenantWithSettings>(`/api/tenants/${enc(name)}`, { method: "PATCH", body });
}

// ---- addresses in the console ----

export const projectHref = (tenant: string, name: string) => `/projects/${enc(tenant)}/${enc(name)}`;
export const tenantHref = (tenant: string) => `/access/tenants/${enc(tenant)}`;
export const tenantQuotaHref = (tenant: string) => `/access/tenants/${enc(tenant)}/quota`;
export const workloadsHref = (cluster: string, namespace: string) => `/c/${enc(cluster)}/ns/${enc(namespace)}`;

import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { checkQuantities } from "@/lib/k8s/quantity-validate";
import type { TenantResource } from "@/lib/store/types";
import { BINDING_TENANT_LABEL, checkClustersExist, checkHostClusterAcknowledged, projectsOf, requireVisibleTenant, tenantView } from "@/lib/tenancy/service";
import { type Tenant, updateTenantBodySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

export const GET = withApi({ params: ["name"] }, async ({ rt, principal, params }): Promise<Tenant> =>
  tenantView(rt, requireVisibleTenant(rt, principal, params.name)),
);

export const PATCH = withApi({ params: ["name"], body: updateTenantBodySchema }, async ({ rt, principal, params, body }): Promise<Tenant> => {
  const current = requireVisibleTenant(rt, principal, params.name);
  if (!rt.authz.can(principal, "console/tenant", "update", { tenant: params.name })) {
    throw new ApiError("forbidden", "Only the tenant's admins may change it.");
  }
  const platform = rt.authz.can(principal, "console/tenants", "update");
  if (body.clusters !== undefined) {
    if (!platform) {
      throw new ApiError("forbidden", "Only platform admins choose the clusters a tenant may use.", { clusters: "Only platform admins choose the clusters a tenant may use." });
    }
    checkClustersExist(rt, body.clusters);
    checkHostClusterAcknowledged(rt, body.clusters, current.spec.clusters ?? [], body.acknowledgeHostCluster);
  }
  if (body.podSecurity !== undefined && !platform) {
    // Tenants may not lower the guard their own pods run under.
    const msg = "Only platform admins choose a tenant's Pod Security level.";
    throw new ApiError("forbidden", msg, { podSecurity: msg });
  }
  const fields: Record<string, string> = {};
  if (body.budget !== undefined) {
    if (!platform) throw new ApiError("forbidden", "Only platform admins set a tenant's budget.", { budget: "Only platform admins set a tenant's budget." });
    const usable = body.clusters ?? current.spec.clusters ?? [];
    for (const [cluster, list] of Object.entries(body.budget)) {
      if (!usable.includes(cluster)) fields[`budget.${cluster}`] = `Tenant ${params.name} may not use cluster ${cluster}; a budget there would bind nothing.`;
      for (const [r, m] of Object.entries(checkQuantities(list))) fields[`budget.${cluster}.${r}`] = m;
    }
  }
  for (const [r, m] of Object.entries(checkQuantities(body.defaults?.quota ?? {}))) fields[`defaults.quota.${r}`] = m;
  for (const kind of ["default", "defaultRequest", "max", "min"] as const) {
    for (const [r, m] of Object.entries(checkQuantities(body.defaults?.limits?.[kind] ?? {}))) fields[`defaults.limits.${kind}.${r}`] = m;
  }
  if (Object.keys(fields).length) throw new ApiError("validation_failed", "Some quantities are not valid.", fields);
  const t = await rt.store.patchSpec<TenantResource>("tenants", params.name, {
    displayName: body.displayName,
    description: body.description,
    clusters: body.clusters,
    // null clears the limit (merge patch).
    projectLimitPerMember: body.projectLimitPerMember,
    podSecurity: body.podSecurity,
    // Maps are replaced whole: set them to null first so removed keys go.
    ...(body.defaults !== undefined ? { defaults: null } : {}),
    ...(body.budget !== undefined ? { budget: null } : {}),
  });
  const after =
    body.defaults !== undefined || body.budget !== undefined
      ? await rt.store.patchSpec<TenantResource>("tenants", params.name, { defaults: body.defaults, budget: body.budget })
      : t;
  return tenantView(rt, after);
});

/** Deletes an empty tenant with its role bindings, custom roles, promotion lanes and their history. */
export const DELETE = withApi({ action: { area: "console/tenants", verb: "delete" }, params: ["name"] }, async ({ rt, params }) => {
  if (!rt.store.tenant(params.name)) throw new ApiError("not_found", `Tenant "${params.name}" does not exist.`);
  const projects = projectsOf(rt, params.name);
  if (projects.length) {
    throw new ApiError(
      "conflict",
      `Tenant "${params.name}" still has ${projects.length} project(s): ${projects.map((p) => `${p.namespace} on ${p.cluster}`).join(", ")}. Delete them first.`,
    );
  }
  await rt.store.remove("tenants", params.name);
  await rt.store.removeAll("rolebindings", `${BINDING_TENANT_LABEL}=${params.name}`);
  for (const r of rt.store.roles.list().filter((x) => x.spec.tenant === params.name)) {
    await rt.store.remove("roles", r.metadata.name!).catch(() => undefined);
  }
  await rt.store.removeAll("promotionlanes", `${BINDING_TENANT_LABEL}=${params.name}`).catch(() => undefined);
  await rt.store.removeAll("promotions", `${BINDING_TENANT_LABEL}=${params.name}`).catch(() => undefined);
  return null;
});

import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { K8sError } from "@/lib/k8s/api";
import type { TenantResource } from "@/lib/store/types";
import { BINDING_TENANT_LABEL, checkClustersExist, checkHostClusterAcknowledged, createBinding, tenantView, visibleTenants } from "@/lib/tenancy/service";
import { type Tenant, createTenantBodySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

export const GET = withApi({}, async ({ rt, principal }): Promise<{ items: Tenant[] }> => ({
  items: visibleTenants(rt, principal)
    .map((t) => tenantView(rt, t))
    .sort((a, b) => a.name.localeCompare(b.name)),
}));

/** Creates a tenant and makes its managers tenant-admins; all or nothing. */
export const POST = withApi(
  { action: { area: "console/tenants", verb: "create" }, body: createTenantBodySchema },
  async ({ rt, principal, body }) => {
    if (body.podSecurity !== undefined && !rt.authz.can(principal, "console/tenants", "update")) {
      const msg = "Only platform admins choose a tenant's Pod Security level.";
      throw new ApiError("forbidden", msg, { podSecurity: msg });
    }
    if (rt.store.tenant(body.name)) throw new ApiError("conflict", `A tenant named "${body.name}" exists.`, { name: `A tenant named "${body.name}" exists.` });
    checkClustersExist(rt, body.clusters);
    checkHostClusterAcknowledged(rt, body.clusters, [], body.acknowledgeHostCluster);
    const unknown = body.managers.filter((m) => !rt.store.userByName(m));
    if (unknown.length) {
      const msg = `Unknown user(s): ${unknown.join(", ")}.`;
      throw new ApiError("validation_failed", msg, { managers: msg });
    }
    let created: TenantResource;
    try {
      created = await rt.store.create<TenantResource>("tenants", "Tenant", body.name, {
        displayName: body.displayName || body.name,
        description: body.description ?? "",
        clusters: body.clusters,
        podSecurity: body.podSecurity,
      });
    } catch (e) {
      if (e instanceof K8sError && e.code === 409) throw new ApiError("conflict", `A tenant named "${body.name}" exists.`, { name: `A tenant named "${body.name}" exists.` });
      throw e;
    }
    try {
      for (const m of [...new Set(body.managers)]) {
        await createBinding(rt, { subject: { kind: "User", name: m }, role: "tenant-admin", scope: { type: "tenant", tenant: body.name } }, body.name);
      }
    } catch (e) {
      await rt.store.removeAll("rolebindings", `${BINDING_TENANT_LABEL}=${body.name}`).catch(() => undefined);
      await rt.store.remove("tenants", body.name).catch(() => undefined);
      throw e;
    }
    // The store sees the new bindings a moment later; answer with what was just made.
    return Response.json({ ...tenantView(rt, created), managers: [...new Set(body.managers)] } satisfies Tenant, { status: 201 });
  },
);

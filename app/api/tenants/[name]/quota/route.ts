import { withApi } from "@/lib/api/handler";
import { tenantQuota } from "@/lib/tenancy/projects";
import { requireVisibleTenant } from "@/lib/tenancy/service";
import type { TenantQuota } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

/**
 * Budget, allocated (sum of project quotas) and used, per cluster, with the
 * share of each project the caller may see; the others as one nameless sum.
 */
export const GET = withApi({ params: ["name"] }, async ({ rt, principal, params }): Promise<TenantQuota> => {
  const t = requireVisibleTenant(rt, principal, params.name);
  const tenant = t.metadata.name!;
  return { clusters: tenantQuota(rt, t, (cluster, namespace) => rt.authz.can(principal, "core/namespaces", "get", { tenant, cluster, namespace })) };
});

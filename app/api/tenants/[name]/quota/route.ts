import { withApi } from "@/lib/api/handler";
import { tenantQuota } from "@/lib/tenancy/projects";
import { requireVisibleTenant } from "@/lib/tenancy/service";

export const dynamic = "force-dynamic";

/** Budget, allocated (sum of project quotas) and used, per cluster, with each project's share. */
export const GET = withApi<undefined, undefined, { name: string }>({}, async ({ rt, principal, params }) => {
  const t = requireVisibleTenant(rt, principal, params.name);
  return { clusters: tenantQuota(rt, t) };
});

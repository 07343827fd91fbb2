import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { K8sError } from "@/lib/k8s/api";
import type { RoleResource } from "@/lib/store/types";
import { checkRuleSets, requireVisibleTenant, roleView, visibleRoles } from "@/lib/tenancy/service";
import { type Role, type RolesResponse, createRoleBodySchema, listRolesQuerySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

export const GET = withApi({ query: listRolesQuerySchema }, async ({ rt, principal, query: q }): Promise<RolesResponse> => ({
  items: visibleRoles(rt, principal, q.tenant)
    .filter((r) => !q.scope || r.scope === q.scope)
    .map(roleView),
  vocabulary: { verbs: rt.authz.vocabulary.verbs, matrix: rt.authz.vocabulary.matrix, sets: rt.authz.vocabulary.sets },
}));

/** A custom role of one tenant, built from the permission vocabulary. */
export const POST = withApi({ body: createRoleBodySchema }, async ({ rt, principal, body }) => {
  requireVisibleTenant(rt, principal, body.tenant);
  if (!rt.authz.can(principal, "console/roles", "create", { tenant: body.tenant })) {
    throw new ApiError("forbidden", `Only admins of tenant ${body.tenant} may create its roles.`);
  }
  checkRuleSets(rt, body.rules);
  if (rt.authz.role(body.name)) throw new ApiError("conflict", `A role named "${body.name}" exists.`, { name: `A role named "${body.name}" exists.` });
  try {
    const r = await rt.store.create<RoleResource>(
      "roles",
      "Role",
      body.name,
      { displayName: body.displayName || body.name, description: body.description ?? "", scope: body.scope, tenant: body.tenant, rules: body.rules },
      { "pilothouse.dev/tenant": body.tenant },
    );
    return Response.json(
      roleView({ name: r.metadata.name!, scope: r.spec.scope, tenant: r.spec.tenant, rules: r.spec.rules, displayName: r.spec.displayName, description: r.spec.description }) satisfies Role,
      { status: 201 },
    );
  } catch (e) {
    if (e instanceof K8sError && e.code === 409) throw new ApiError("conflict", `A role named "${body.name}" exists.`, { name: `A role named "${body.name}" exists.` });
    throw e;
  }
});

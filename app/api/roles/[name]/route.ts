import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import type { Runtime } from "@/lib/runtime";
import type { Principal } from "@/lib/auth/principal";
import type { RoleResource } from "@/lib/store/types";
import { checkRuleSets, roleView, visibleRoles } from "@/lib/tenancy/service";
import { type Role, updateRoleBodySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

function editable(rt: Runtime, p: Principal, name: string) {
  const role = visibleRoles(rt, p).find((r) => r.name === name);
  if (!role) throw new ApiError("not_found", `There is no role "${name}".`);
  if (role.builtin) throw new ApiError("conflict", `"${name}" is a built-in role and cannot be changed.`);
  if (!rt.authz.can(p, "console/roles", "update", { tenant: role.tenant })) {
    throw new ApiError("forbidden", `Only admins of tenant ${role.tenant} may change its roles.`);
  }
  return role;
}

export const GET = withApi({ params: ["name"] }, async ({ rt, principal, params }): Promise<Role> => {
  const role = visibleRoles(rt, principal).find((r) => r.name === params.name);
  if (!role) throw new ApiError("not_found", `There is no role "${params.name}".`);
  return roleView(role);
});

export const PATCH = withApi({ params: ["name"], body: updateRoleBodySchema }, async ({ rt, principal, params, body }): Promise<Role> => {
  editable(rt, principal, params.name);
  if (body.rules) checkRuleSets(rt, body.rules);
  const r = await rt.store.patchSpec<RoleResource>("roles", params.name, {
    displayName: body.displayName,
    description: body.description,
    rules: body.rules,
  });
  return roleView({ name: r.metadata.name!, scope: r.spec.scope, tenant: r.spec.tenant, rules: r.spec.rules, displayName: r.spec.displayName, description: r.spec.description });
});

export const DELETE = withApi({ params: ["name"] }, async ({ rt, principal, params }) => {
  editable(rt, principal, params.name);
  const used = rt.store.bindings.list().filter((b) => b.spec.role === params.name);
  if (used.length) {
    throw new ApiError("conflict", `The role "${params.name}" is still given to ${used.length} member(s); remove those bindings first.`);
  }
  await rt.store.remove("roles", params.name);
  return null;
});

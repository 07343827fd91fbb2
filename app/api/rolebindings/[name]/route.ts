import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { mayManageMembers, mayViewMembers } from "@/lib/tenancy/service";

export const dynamic = "force-dynamic";

/** Takes a role away; every console process stops granting it within a second (watch). */
export const DELETE = withApi({ params: ["name"] }, async ({ rt, principal, params }) => {
  const b = rt.store.binding(params.name);
  if (!b || !mayViewMembers(rt, principal, b.spec.scope)) throw new ApiError("not_found", `There is no role binding "${params.name}".`);
  if (!mayManageMembers(rt, principal, b.spec.scope)) throw new ApiError("forbidden", `You may not manage members of this ${b.spec.scope.type}.`);
  const role = rt.authz.role(b.spec.role);
  if (role && !role.builtin && !rt.authz.can(principal, "console/roles", "delete", { tenant: role.tenant })) {
    throw new ApiError("forbidden", "Only tenant admins may take custom roles away.");
  }
  await rt.store.remove("rolebindings", params.name);
  return null;
});

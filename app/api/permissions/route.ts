import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { bindingView, mayViewMembers, roleView } from "@/lib/tenancy/service";
import { permissionsQuerySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

/**
 * Effective permissions of a user: every binding that applies to them,
 * directly or through a group, with its role's rules. Of oneself, or of a
 * member for those who may see the members where the binding holds.
 */
export const GET = withApi({ query: permissionsQuerySchema }, async ({ rt, principal, query }) => {
  const name = query.user || principal.name;
  const self = name === principal.name;
  const lister = rt.authz.can(principal, "console/users", "list");
  // The same answer for a user who does not exist and one the caller manages nothing of.
  // Not even the name is echoed: the answer is byte for byte the same.
  const notAmongYours = new ApiError("not_found", "There is no such user among the members you manage.");
  const user = rt.store.userByName(name);
  if (!user) throw lister ? new ApiError("not_found", `There is no user "${name}".`) : notAmongYours;
  const groups = user.spec.groups ?? [];
  const bindings = rt.store.bindings
    .list()
    .flatMap((b) => {
      const s = b.spec.subject;
      const via = s.kind === "User" && s.name === name ? "user" : s.kind === "Group" && groups.includes(s.name) ? `group:${s.name}` : undefined;
      return via ? [{ b, via }] : [];
    })
    .filter(({ b }) => self || mayViewMembers(rt, principal, b.spec.scope));
  if (!self && bindings.length === 0 && !lister) throw notAmongYours;
  return {
    user: { name, username: user.spec.username, displayName: user.spec.displayName ?? "", groups },
    bindings: bindings.map(({ b, via }) => {
      const role = rt.authz.role(b.spec.role);
      return { binding: bindingView(b), via, role: role ? roleView(role) : null };
    }),
  };
});

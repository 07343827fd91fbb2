import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import type { RoleBindingResource } from "@/lib/store/types";
import { bindingTenant, bindingView, createBinding, mayViewMembers, validateBinding } from "@/lib/tenancy/service";
import { createBindingBodySchema, listBindingsQuerySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

/** Bindings the caller may see, narrowed by tenant / cluster / namespace / subject. */
export const GET = withApi({ query: listBindingsQuerySchema }, async ({ rt, principal, query }) => {
  const items = rt.store.bindings
    .list()
    .filter((b) => {
      const s = b.spec.scope;
      if (query.tenant && bindingTenant(rt, b) !== query.tenant) return false;
      if (query.cluster && s.cluster !== query.cluster) return false;
      if (query.namespace && s.namespace !== query.namespace) return false;
      if (query.subject && b.spec.subject.name !== query.subject) return false;
      return mayViewMembers(rt, principal, s) || (b.spec.subject.kind === "User" && b.spec.subject.name === principal.name);
    })
    .map(bindingView)
    .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
  return { items };
});

export const POST = withApi({ body: createBindingBodySchema }, async ({ rt, principal, body }) => {
  const spec: RoleBindingResource["spec"] = { subject: body.subject, role: body.role, scope: body.scope };
  validateBinding(rt, principal, spec);
  const dup = rt.store.bindings
    .list()
    .find(
      (b) =>
        b.spec.role === spec.role &&
        b.spec.subject.kind === spec.subject.kind &&
        b.spec.subject.name === spec.subject.name &&
        JSON.stringify(b.spec.scope) === JSON.stringify(spec.scope),
    );
  if (dup) throw new ApiError("conflict", `${spec.subject.name} already has ${spec.role} here.`);
  const tenant = spec.scope.type === "tenant" ? spec.scope.tenant : spec.scope.type === "project" ? rt.authz.placeOf(spec.scope.cluster!, spec.scope.namespace!).tenant : undefined;
  const b = await createBinding(rt, spec, tenant);
  return Response.json(bindingView(b), { status: 201 });
});

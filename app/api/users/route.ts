import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { hashPassword } from "@/lib/auth/passwords";
import { K8sError } from "@/lib/k8s/api";
import { mayPickMembers, userView } from "@/lib/tenancy/service";
import { type UserSummary, createUserBodySchema, listUsersQuerySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

/**
 * Platform roles see every user in full; people who may add members somewhere
 * (tenant and project admins, not viewers) see names to pick from, nothing more.
 */
export const GET = withApi({ query: listUsersQuerySchema }, async ({ rt, principal, query }): Promise<{ items: UserSummary[] }> => {
  const full = rt.authz.can(principal, "console/users", "list");
  if (!full && !mayPickMembers(rt, principal)) throw new ApiError("forbidden", "You may not list users.");
  const q = query.q?.toLowerCase();
  const items = rt.store.users
    .list()
    .filter((u) => !q || u.spec.username.toLowerCase().includes(q) || (u.spec.displayName ?? "").toLowerCase().includes(q) || (full && (u.spec.email ?? "").toLowerCase().includes(q)))
    .filter((u) => full || !u.spec.disabled)
    .sort((a, b) => a.spec.username.localeCompare(b.spec.username))
    .slice(0, full ? 10_000 : 50)
    .map((u) => userView(u, full));
  return { items };
});

export const POST = withApi({ action: { area: "console/users", verb: "create" }, body: createUserBodySchema }, async ({ rt, body }) => {
  if (rt.store.userByUsername(body.username) || rt.store.userByName(body.username)) {
    throw new ApiError("conflict", `The user name "${body.username}" is taken.`, { username: `The user name "${body.username}" is taken.` });
  }
  try {
    const u = await rt.store.createUser(body.username, {
      username: body.username,
      displayName: body.displayName || undefined,
      email: body.email || undefined,
      provider: "local",
      passwordHash: await hashPassword(body.password),
      groups: body.groups,
    });
    return Response.json(userView(u, true), { status: 201 });
  } catch (e) {
    if (e instanceof K8sError && e.code === 409) throw new ApiError("conflict", `The user name "${body.username}" is taken.`, { username: `The user name "${body.username}" is taken.` });
    throw e;
  }
});

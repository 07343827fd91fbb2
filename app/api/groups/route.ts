import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

/** Groups as seen on users (local groups and those from single sign-on claims). */
export const GET = withApi({}, async ({ rt, principal }) => {
  const full = rt.authz.can(principal, "console/users", "list");
  if (!full && !rt.authz.domainsOf(principal.name).some((d) => d.startsWith("tenant:") || d.startsWith("project:"))) {
    throw new ApiError("forbidden", "You may not list groups.");
  }
  const count = new Map<string, number>();
  for (const u of rt.store.users.list()) for (const g of u.spec.groups ?? []) count.set(g, (count.get(g) ?? 0) + 1);
  return { items: [...count].map(([name, members]) => ({ name, members })).sort((a, b) => a.name.localeCompare(b.name)) };
});

import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { mayPickMembers } from "@/lib/tenancy/service";

export const dynamic = "force-dynamic";

/**
 * Groups as seen on users (local groups and those from single sign-on claims),
 * for those who list users or may add members somewhere.
 */
export const GET = withApi({}, async ({ rt, principal }) => {
  if (!mayPickMembers(rt, principal)) throw new ApiError("forbidden", "You may not list groups.");
  const count = new Map<string, number>();
  for (const u of rt.store.users.list()) for (const g of u.spec.groups ?? []) count.set(g, (count.get(g) ?? 0) + 1);
  return { items: [...count].map(([name, members]) => ({ name, members })).sort((a, b) => a.name.localeCompare(b.name)) };
});

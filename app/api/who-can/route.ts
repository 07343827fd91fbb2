import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { placeFor } from "@/lib/tenancy/place";
import { type WhoCanResponse, whoCanQuerySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

/** Like `oc policy who-can`: users and groups whose roles allow a verb on a resource at a place. */
export const GET = withApi({ query: whoCanQuerySchema }, async ({ rt, principal, query }): Promise<WhoCanResponse> => {
  const place = placeFor(rt, query);
  if (!rt.authz.can(principal, "console/members", "list", place)) {
    throw new ApiError("forbidden", "You may only ask who can act where you see the members.");
  }
  const users = new Map<string, { name: string; username: string }>();
  const groups = new Set<string>();
  for (const subject of rt.authz.candidateSubjects(place)) {
    if (subject.startsWith("group:")) {
      const g = subject.slice("group:".length);
      if (rt.authz.decide(subject, placeDomainOf(place), query.resource, query.verb)) groups.add(g);
      // Members of the group are answered for below, as users.
      for (const u of rt.store.users.list()) if (u.spec.groups?.includes(g)) users.set(u.metadata.name!, { name: u.metadata.name!, username: u.spec.username });
    } else {
      const name = subject.slice("user:".length);
      users.set(name, { name, username: rt.store.userByName(name)?.spec.username ?? name });
    }
  }
  const allowed = [...users.values()].filter((u) => rt.authz.can(u.name, query.resource, query.verb, place) && !rt.store.userByName(u.name)?.spec.disabled);
  return { users: allowed.sort((a, b) => a.username.localeCompare(b.username)), groups: [...groups].sort() };
});

function placeDomainOf(p: { tenant?: string; cluster?: string; namespace?: string }) {
  return `${p.tenant || "-"}/${p.cluster || "-"}/${p.namespace || "-"}`;
}

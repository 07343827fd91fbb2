import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { visibleProjects } from "@/lib/tenancy/service";

export const dynamic = "force-dynamic";

const query = z.object({ tenant: z.string().max(63).optional(), cluster: z.string().max(63).optional() });

/** Projects (namespaces of a tenant) the caller may see, on every cluster. */
export const GET = withApi<undefined, z.infer<typeof query>>({ query }, async ({ rt, principal, query: q }) => ({
  items: visibleProjects(rt, principal, q),
}));

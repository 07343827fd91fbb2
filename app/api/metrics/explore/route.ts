import { withApi } from "@/lib/api/handler";
import { explore } from "@/lib/monitoring/service";
import { exploreQuerySchema } from "@/lib/validations/monitoring";

export const dynamic = "force-dynamic";

/** Free-form PromQL for platform and cluster admins. */
export const GET = withApi({ query: exploreQuerySchema }, async ({ rt, principal, query, req }) =>
  explore(rt, principal, query, req.signal),
);

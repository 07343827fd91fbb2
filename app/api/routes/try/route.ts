import { withApi } from "@/lib/api/handler";
import { tryRoute } from "@/lib/routes/try";
import { type TryRouteAnswer, tryRouteBodySchema } from "@/lib/validations/route";

export const dynamic = "force-dynamic";

/** Sends test requests for a route through its cluster's gateway and answers which pods took them. */
export const POST = withApi({ body: tryRouteBodySchema }, async ({ rt, principal, body, req }): Promise<TryRouteAnswer> => tryRoute(rt, principal, body, req.signal));

import { withApi } from "@/lib/api/handler";
import { placeFor } from "@/lib/tenancy/place";
import { type CanIResponse, canIBodySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

/** Batch "can I …?" with the same enforcer the proxy uses; for buttons and menus. */
export const POST = withApi({ body: canIBodySchema, readOnly: true }, async ({ rt, principal, body }): Promise<CanIResponse> => ({
  results: body.checks.map((c) => ({ allowed: rt.authz.can(principal, c.resource, c.verb, placeFor(rt, c)) })),
}));

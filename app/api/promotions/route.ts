import { withApi } from "@/lib/api/handler";
import { promote } from "@/lib/promotion/service";
import { createPromotionBodySchema } from "@/lib/validations/promotion";

export const dynamic = "force-dynamic";

/** Promotes the image of one stage of a lane to the next, as the caller (held for approval where the target asks). */
export const POST = withApi({ body: createPromotionBodySchema }, async ({ rt, principal, body, req }) =>
  Response.json(await promote(rt, principal, body, req.signal), { status: 201 }),
);

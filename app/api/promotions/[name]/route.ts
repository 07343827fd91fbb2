import { withApi } from "@/lib/api/handler";
import { actOn } from "@/lib/promotion/service";
import { type Promotion, promotionActionBodySchema } from "@/lib/validations/promotion";

export const dynamic = "force-dynamic";

/** Approves or rejects a promotion waiting for approval, or rolls back one that took place. */
export const POST = withApi({ params: ["name"], body: promotionActionBodySchema }, async ({ rt, principal, params, body, req }): Promise<Promotion> =>
  actOn(rt, principal, params.name, body.action, req.signal),
);

import { withApi } from "@/lib/api/handler";
import { deleteLane, laneState, updateLane } from "@/lib/promotion/service";
import { type Lane, type LaneState, updateLaneBodySchema } from "@/lib/validations/promotion";

export const dynamic = "force-dynamic";

/** The lane with what each stage runs now (read as the caller) and its promotions. */
export const GET = withApi({ params: ["name"] }, async ({ rt, principal, params, req }): Promise<LaneState> => laneState(rt, principal, params.name, req.signal));

export const PUT = withApi({ params: ["name"], body: updateLaneBodySchema }, async ({ rt, principal, params, body }): Promise<Lane> => updateLane(rt, principal, params.name, body));

export const DELETE = withApi({ params: ["name"] }, async ({ rt, principal, params }) => {
  await deleteLane(rt, principal, params.name);
  return null;
});

import { withApi } from "@/lib/api/handler";
import { createLane, lanesFor } from "@/lib/promotion/service";
import { type LanesAnswer, createLaneBodySchema, listLanesQuerySchema } from "@/lib/validations/promotion";

export const dynamic = "force-dynamic";

/** Promotion lanes of the tenants the caller sees. */
export const GET = withApi({ query: listLanesQuerySchema }, async ({ rt, principal, query }): Promise<LanesAnswer> => lanesFor(rt, principal, query.tenant));

/** Defines a lane (tenant admins). */
export const POST = withApi({ body: createLaneBodySchema }, async ({ rt, principal, body }) => Response.json(await createLane(rt, principal, body), { status: 201 }));

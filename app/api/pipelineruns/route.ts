import { withApi } from "@/lib/api/handler";
import { startRun } from "@/lib/pipelines/start";
import { type StartRunAnswer, startRunBodySchema } from "@/lib/validations/pipeline";

export const dynamic = "force-dynamic";

/** Starts a run of a pipeline, or starts a run again (with other params), as the caller. */
export const POST = withApi({ body: startRunBodySchema }, async ({ rt, principal, body, req }): Promise<Response> => {
  const answer: StartRunAnswer = await startRun(rt, principal, body, req.signal);
  return Response.json(answer, { status: 201 });
});

import { withApi } from "@/lib/api/handler";
import { rollbackRelease } from "@/lib/apps/releases";
import { releaseParamsSchema, rollbackBodySchema } from "@/lib/validations/apps";
import { parseParams } from "@/lib/validations/params";

export const dynamic = "force-dynamic";

/** Rolls the release back to one of its revisions (a new revision with that one's chart and values). */
export const POST = withApi({ params: ["cluster", "namespace", "name"], body: rollbackBodySchema }, async ({ rt, principal, params, body }) => {
  const r = parseParams(releaseParamsSchema, params);
  await rollbackRelease(rt, principal, r.cluster, r.namespace, r.name, body.revision);
  return null;
});

import { withApi } from "@/lib/api/handler";
import { revisionValues } from "@/lib/apps/releases";
import { revisionParamsSchema } from "@/lib/validations/apps";
import { parseParams } from "@/lib/validations/params";

export const dynamic = "force-dynamic";

/** The values one revision of the release was made with, as YAML. */
export const GET = withApi({ params: ["cluster", "namespace", "name", "revision"] }, async ({ rt, principal, params }) => {
  const r = parseParams(revisionParamsSchema, params);
  return { revision: r.revision, values: await revisionValues(rt, principal, r.cluster, r.namespace, r.name, r.revision) };
});

import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { keptRun } from "@/lib/pipelines/keeper";
import { asCaller } from "@/lib/proxy/on-behalf";
import { type KeptRun, keptLogsQuerySchema } from "@/lib/validations/pipeline";

export const dynamic = "force-dynamic";

/**
 * The step logs the console kept of a finished run (they outlive the run and
 * its pods). Readable by those who may read the run's pods' logs — the
 * proxy's own decision on `pods/log` in that namespace.
 */
export const GET = withApi({ query: keptLogsQuerySchema }, async ({ rt, principal, query }): Promise<KeptRun> => {
  const where = `in namespace "${query.namespace}" on cluster "${query.cluster}"`;
  const kept = await keptRun(rt, query.cluster, query.namespace, query.run);
  const pod = kept?.steps.find((s) => s.pod)?.pod ?? query.run;
  // Asked even when nothing was kept: whether a run existed is not told to those who may not read it.
  await asCaller(rt, principal, "GET", query.cluster, `/api/v1/namespaces/${query.namespace}/pods/${pod}/log`, `get pods/log ${where}`);
  if (!kept) throw new ApiError("not_found", `The console kept no logs of run "${query.run}" ${where}.`);
  return kept;
});

import { withApi } from "@/lib/api/handler";
import { catalogOf } from "@/lib/apps/catalog";
import { type ChartDetail, chartParamsSchema, chartQuerySchema } from "@/lib/validations/apps";
import { parseParams } from "@/lib/validations/params";

export const dynamic = "force-dynamic";

/** One chart at one version (the newest without one): versions, README, default values, values schema. */
export const GET = withApi({ params: ["repo", "chart"], query: chartQuerySchema }, async ({ rt, principal, params, query }): Promise<ChartDetail> => {
  const { repo, chart } = parseParams(chartParamsSchema, params);
  return catalogOf(rt).detail(principal, repo, chart, query.version);
});

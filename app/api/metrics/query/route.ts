import { withApi } from "@/lib/api/handler";
import { runPanels } from "@/lib/monitoring/service";
import { metricsQuerySchema } from "@/lib/validations/monitoring";

export const dynamic = "force-dynamic";

/** One chart's data: named templates × clusters over a time range, scoped to what the caller may see. */
export const GET = withApi({ query: metricsQuerySchema }, async ({ rt, principal, query, req }) =>
  runPanels(
    rt,
    principal,
    {
      templates: query.templates,
      clusters: query.clusters,
      params: { namespace: query.namespace, node: query.node, workload: query.workload, kind: query.kind },
      range: query.range,
      end: query.end,
    },
    req.signal,
  ),
);

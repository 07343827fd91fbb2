import { withApi } from "@/lib/api/handler";
import { visibleAlerts } from "@/lib/monitoring/service";
import { alertsQuerySchema } from "@/lib/validations/monitoring";

export const dynamic = "force-dynamic";

/** Firing and pending alerts of every cluster the caller may use, filtered to what they may see. */
export const GET = withApi({ query: alertsQuerySchema }, async ({ rt, principal, query, req }) =>
  visibleAlerts(rt, principal, query.clusters, req.signal),
);

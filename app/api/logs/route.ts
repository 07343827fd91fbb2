import { withApi } from "@/lib/api/handler";
import { openLogs } from "@/lib/logs/fan-in";
import { streamLogsQuerySchema } from "@/lib/validations/logs";

export const dynamic = "force-dynamic";

/**
 * A workload's pods' logs as one stream of events (application/x-ndjson, see
 * lib/logs/events.ts): the browser holds one connection however many pods
 * there are. Decided as the caller, the way the proxy decides: get on the
 * workload, list and watch pods, get pods/log.
 */
export const GET = withApi({ query: streamLogsQuerySchema }, async ({ req, rt, principal, query }) => {
  const body = await openLogs(rt, principal, query, req.signal);
  return new Response(body, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
  });
});

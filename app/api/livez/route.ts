import { eventLoopHealth } from "@/lib/server/event-loop";

export const dynamic = "force-dynamic";

/**
 * Liveness probe: answers at once (no cluster, no session) with the event
 * loop's recent delay; 503 when the loop has been late for a whole interval.
 */
export function GET() {
  const { ok, delay } = eventLoopHealth();
  return Response.json({ status: ok ? "ok" : "stalled", eventLoopDelay: delay }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

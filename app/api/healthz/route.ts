import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** How long a probe waits for a runtime that is still starting before it answers "starting". */
const START_WAIT_MS = 2_000;

/**
 * Readiness probe: 200 when the console can serve — the host cluster's state
 * loaded and its watches in contact — 503 with the reasons otherwise. Never
 * waits long: a runtime still starting (or failed) is a 503, not a hang.
 */
export async function GET() {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const starting = new Promise<"starting">((resolve) => {
    timer = setTimeout(() => resolve("starting"), START_WAIT_MS);
  });
  const rt = await Promise.race([getRuntime(), starting]).catch(() => "failed" as const).finally(() => clearTimeout(timer));
  if (rt === "starting") return unavailable("starting", ["the console is still starting"]);
  // The error itself is in the log of the start that failed.
  if (rt === "failed") return unavailable("failed", ["the console could not start"]);
  const r = rt.store.ready();
  if (!r.ok) return unavailable("unavailable", r.reasons);
  // Ready whatever the audit database does (the console serves without it), but saying so when it lags.
  const audit = rt.audit.health();
  const body = audit.enabled ? { status: "ok", audit: { ready: audit.ready, failing: audit.failing, queued: audit.queued, dropped: audit.dropped, lastError: audit.failing ? audit.lastError : undefined } } : { status: "ok" };
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}

function unavailable(status: string, reasons: string[]) {
  return Response.json({ status, reasons }, { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } });
}

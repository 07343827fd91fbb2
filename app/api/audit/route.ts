import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { auditScope } from "@/lib/audit/scope";
import { csvHeader, csvLine } from "@/lib/audit/query";
import { type AuditPage, auditQuerySchema } from "@/lib/validations/audit";

export const dynamic = "force-dynamic";

/** Most rows one export holds. */
const MAX_EXPORT = 100_000;

/**
 * The audit trail, newest first, filtered and paged by cursor; `format=csv|jsonl` exports every matching row the
 * caller may see (up to 100,000). Platform admins see everything, tenant managers their tenants', everyone their own.
 */
export const GET = withApi({ query: auditQuerySchema }, async ({ rt, principal, query }): Promise<AuditPage | Response> => {
  if (!rt.audit.enabled) {
    throw new ApiError("unavailable", "The audit trail is off: the console has no database. Set PILOTHOUSE_DATABASE_URL to a PostgreSQL URL and restart it.");
  }
  const scope = auditScope(rt, principal);
  if (query.format === "json") return rt.audit.page(query, scope);
  const csv = query.format === "csv";
  const encoder = new TextEncoder();
  let cursor = query.cursor;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      if (csv) c.enqueue(encoder.encode(csvHeader()));
    },
    async pull(c) {
      const page = await rt.audit.page({ ...query, limit: 500, cursor }, scope);
      const text = page.items.map((e) => (csv ? csvLine(e) : `${JSON.stringify(e)}\n`)).join("");
      if (text) c.enqueue(encoder.encode(text));
      sent += page.items.length;
      cursor = page.next ?? undefined;
      if (!page.next || sent >= MAX_EXPORT) c.close();
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(body, {
    headers: {
      "content-type": csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="pilothouse-audit-${stamp}.${csv ? "csv" : "jsonl"}"`,
      "cache-control": "no-store",
    },
  });
});

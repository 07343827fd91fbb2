import { z } from "@/lib/validations/zod";

// The audit trail's query: filters, free text on object names, keyset paging
// (newest first), and the export formats.

export const AUDIT_RESULTS = ["allowed", "refused", "failed"] as const;
export const MAX_AUDIT_PAGE = 500;

const term = (what: string) => z.string().trim().min(1, `Enter a ${what}.`).max(253, "At most 253 characters.").optional();
const instant = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), `${what} is a date or time in ISO 8601, e.g. 2026-12-07T10:00:00Z.`)
    .transform((v) => new Date(v).toISOString())
    .optional();

export const auditQuerySchema = z
  .object({
    user: term("user name"),
    tenant: term("tenant"),
    cluster: term("cluster"),
    namespace: term("namespace"),
    verb: term("verb"),
    resource: term("resource"),
    result: z.enum(AUDIT_RESULTS, { error: "result is allowed, refused or failed." }).optional(),
    since: instant("since"),
    until: instant("until"),
    /** Free text in object names. */
    // Fewer than 3 characters have no trigrams: the name index cannot serve them (a whole-table scan).
    q: z.string().trim().min(3, "At least 3 characters.").max(253, "At most 253 characters.").optional(),
    /** Where the previous page ended (its `next`). */
    cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, "Not a cursor from this API.").optional(),
    limit: z.coerce.number({ error: "limit is a whole number." }).int("limit is a whole number.").min(1, "At least 1.").max(MAX_AUDIT_PAGE, `At most ${MAX_AUDIT_PAGE}.`).default(50),
    format: z.enum(["json", "csv", "jsonl"], { error: "format is json, csv or jsonl." }).default("json"),
  })
  .strict()
  .refine((q) => !q.since || !q.until || q.since <= q.until, { message: "since is after until.", path: ["since"] });
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  time: z.string(),
  requestId: z.string().nullable(),
  event: z.string(),
  user: z.string(),
  groups: z.array(z.string()),
  via: z.string().nullable(),
  source: z.string().nullable(),
  tenant: z.string().nullable(),
  cluster: z.string().nullable(),
  namespace: z.string().nullable(),
  verb: z.string().nullable(),
  apiGroup: z.string().nullable(),
  resource: z.string().nullable(),
  name: z.string().nullable(),
  status: z.number().nullable(),
  result: z.enum(AUDIT_RESULTS),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({ items: z.array(auditEventSchema), next: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;

import type { AuditEvent, AuditQuery } from "@/lib/validations/audit";

// The audit trail's reads as SQL: every value a parameter, never text of the
// query; newest first by (time, id); a page ends with a cursor for the next.
// Pure: the SQL and its values, and the rows back as events.

/** Whose rows a caller may read: all of them, or their own and their tenants'. */
export type AuditScope = { all: true } | { all: false; user: string; tenants: string[] };

export interface Statement {
  text: string;
  values: unknown[];
}

const COLUMNS =
  "id, time, request_id, event, username, groups, via, source, tenant, cluster, namespace, verb, api_group, resource, name, status, result, reason, details";

/** "<time ISO>|<id>" as base64url: where a page ended. */
export function encodeCursor(time: string, id: string): string {
  return Buffer.from(`${time}|${id}`).toString("base64url");
}

export function decodeCursor(c: string): { time: string; id: string } | undefined {
  const [time, id] = Buffer.from(c, "base64url").toString("utf8").split("|");
  if (!time || !id || !/^\d+$/.test(id) || Number.isNaN(Date.parse(time))) return undefined;
  return { time: new Date(time).toISOString(), id };
}

/** `text` as a LIKE pattern that matches it anywhere, its own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page of the trail of one console installation: the filters, the caller's scope, `limit + 1` rows to know whether there is a next page. */
export function pageStatement(q: AuditQuery, scope: AuditScope, console = ""): Statement {
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = [`console = ${param(console)}`];
  const eq: [keyof AuditQuery, string][] = [
    ["user", "username"],
    ["tenant", "tenant"],
    ["cluster", "cluster"],
    ["namespace", "namespace"],
    ["verb", "verb"],
    ["resource", "resource"],
    ["result", "result"],
  ];
  for (const [key, column] of eq) {
    const v = q[key];
    if (v !== undefined) where.push(`${column} = ${param(v)}`);
  }
  if (q.since) where.push(`time >= ${param(q.since)}`);
  if (q.until) where.push(`time <= ${param(q.until)}`);
  if (q.q) where.push(`name ILIKE ${param(containsPattern(q.q))}`);
  if (!scope.all) where.push(`(username = ${param(scope.user)} OR tenant = ANY(${param(scope.tenants)}::text[]))`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (c) where.push(`(time, id) < (${param(c.time)}::timestamptz, ${param(c.id)}::bigint)`);
  }
  const text = `SELECT ${COLUMNS} FROM audit_events WHERE ${where.join(" AND ")} ORDER BY time DESC, id DESC LIMIT ${param(q.limit + 1)}`;
  return { text, values };
}

export interface DbRow {
  id: string | number;
  time: Date | string;
  request_id: string | null;
  event: string;
  username: string;
  groups: string[] | null;
  via: string | null;
  source: string | null;
  tenant: string | null;
  cluster: string | null;
  namespace: string | null;
  verb: string | null;
  api_group: string | null;
  resource: string | null;
  name: string | null;
  status: number | null;
  result: AuditEvent["result"];
  reason: string | null;
  details: Record<string, unknown> | null;
}

export function eventOf(r: DbRow): AuditEvent {
  return {
    id: String(r.id),
    time: r.time instanceof Date ? r.time.toISOString() : new Date(r.time).toISOString(),
    requestId: r.request_id,
    event: r.event,
    user: r.username,
    groups: r.groups ?? [],
    via: r.via,
    source: r.source,
    tenant: r.tenant,
    cluster: r.cluster,
    namespace: r.namespace,
    verb: r.verb,
    apiGroup: r.api_group,
    resource: r.resource,
    name: r.name,
    status: r.status,
    result: r.result,
    reason: r.reason,
    details: r.details,
  };
}

/** The page's events and the cursor of the next page (null on the last). */
export function pageOf(rows: DbRow[], limit: number): { items: AuditEvent[]; next: string | null } {
  const items = rows.slice(0, limit).map(eventOf);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? encodeCursor(last.time, last.id) : null };
}

const CSV_FIELDS: (keyof AuditEvent)[] = ["time", "event", "user", "via", "source", "tenant", "cluster", "namespace", "verb", "apiGroup", "resource", "name", "status", "result", "reason", "requestId"];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ defused for spreadsheets. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_FIELDS.join(",")}\r\n`;
}

export function csvLine(e: AuditEvent): string {
  return `${CSV_FIELDS.map((f) => csvField(e[f])).join(",")}\r\n`;
}

// An audit line (lib/audit/log) as a row of the trail's table. Pure.

export type AuditResult = "allowed" | "refused" | "failed";

export interface AuditRow {
  time: string;
  requestId: string | null;
  event: string;
  username: string;
  groups: string[];
  via: string | null;
  source: string | null;
  tenant: string | null;
  cluster: string | null;
  namespace: string | null;
  verb: string | null;
  apiGroup: string | null;
  resource: string | null;
  name: string | null;
  status: number | null;
  result: AuditResult;
  reason: string | null;
  /** What else the line said (token ids, the API path, fields touched), capped. */
  details: Record<string, unknown> | null;
}

/** Which tenant a place belongs to (undefined: none, or not a project). */
export type TenantOf = (cluster: string, namespace: string) => string | undefined;

const MAX_DETAILS = 4096;
const MAX_TEXT = 1024;

/** The row's own columns, taken from the line; the rest goes to details. */
const COLUMNS = new Set(["time", "audit", "requestId", "event", "user", "groups", "via", "ip", "source", "tenant", "cluster", "namespace", "verb", "apiGroup", "resource", "name", "code", "decision", "reason"]);

const HTTP_VERBS: Record<string, string> = { POST: "create", PUT: "update", PATCH: "patch", DELETE: "delete", GET: "get" };

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v.slice(0, MAX_TEXT) : null);

export function resultOf(decision: unknown, status: number | null): AuditResult {
  if (decision === "deny" || status === 401 || status === 403) return "refused";
  if (status !== null && status >= 400) return "failed";
  return "allowed";
}

/** The row for one audit line; `tenantOf` fills the tenant of a project the line names. */
export function auditRow(line: Record<string, unknown>, tenantOf?: TenantOf): AuditRow {
  const status = typeof line.code === "number" ? line.code : null;
  const cluster = text(line.cluster);
  const namespace = text(line.namespace);
  const api = text(line.api);
  const method = text(line.method);
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(line)) if (!COLUMNS.has(k) && v !== undefined && v !== null) details[k] = v;
  let json = Object.keys(details).length ? JSON.stringify(details) : null;
  if (json && json.length > MAX_DETAILS) json = JSON.stringify({ truncated: true, keys: Object.keys(details).slice(0, 50) });
  return {
    time: typeof line.time === "string" ? line.time : new Date().toISOString(),
    requestId: text(line.requestId),
    event: text(line.event) ?? "request",
    username: text(line.user) ?? "",
    groups: Array.isArray(line.groups) ? line.groups.filter((g): g is string => typeof g === "string").slice(0, 100) : [],
    // kubectl through a kubeconfig from the console is a token caller; its user agent says which client it was.
    via: typeof line.userAgent === "string" && /^kubectl\//.test(line.userAgent) ? "kubectl" : typeof line.userAgent === "string" && /^Helm\//.test(line.userAgent) ? "helm" : text(line.via),
    source: text(line.ip) ?? text(line.source),
    tenant: text(line.tenant) ?? (cluster && namespace ? (tenantOf?.(cluster, namespace) ?? null) : null),
    cluster,
    namespace,
    // A console API call is named by its method and path; a cluster call by verb and resource.
    verb: text(line.verb) ?? (method ? (HTTP_VERBS[method] ?? method.toLowerCase()) : null),
    apiGroup: text(line.apiGroup),
    resource: text(line.resource) ?? api,
    name: text(line.name),
    status,
    result: resultOf(line.decision, status),
    reason: text(line.reason),
    details: json ? (JSON.parse(json) as Record<string, unknown>) : null,
  };
}

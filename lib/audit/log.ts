import { requestContext } from "./context";

// One shape for audit lines, wherever they are written (API wrapper, sign-in,
// tokens, the proxy): a single JSON line on stdout with "audit": true, with
// the request's id, address and user agent when written while serving one.

/** Field names that would hold a credential: such fields are never written. */
const SECRET_FIELD = /pass(word)?|secret|hash|^token$|authorization|cookie/i;
/** A personal access token pasted where a name belongs (e.g. the sign-in user name). */
const TOKEN_TEXT = /ph_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/g;

export type AuditFields = Record<string, string | number | boolean | null | undefined | string[]>;

/** The audit line for these fields (undefined fields are left out). */
export function auditRecord(fields: AuditFields, now = new Date()): Record<string, unknown> {
  const out: Record<string, unknown> = { time: now.toISOString(), audit: true };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || SECRET_FIELD.test(k) || k === "time" || k === "audit") continue;
    out[k] = typeof v === "string" ? v.replace(TOKEN_TEXT, "ph_[redacted]") : Array.isArray(v) ? v.map((x) => x.replace(TOKEN_TEXT, "ph_[redacted]")) : v;
  }
  return out;
}

type Sink = (record: Record<string, unknown>) => void;
const SINKS = Symbol.for("pilothouse.audit-sinks");
type Global = typeof globalThis & { [SINKS]?: Sink[] };

/** Where audit lines go besides stdout (the trail's database); the runtime wires it. One list per process: Next's bundles share it. */
export function onAuditLine(sink: Sink): () => void {
  const g = globalThis as Global;
  g[SINKS] ??= [];
  g[SINKS].push(sink);
  return () => {
    g[SINKS] = g[SINKS]?.filter((s) => s !== sink);
  };
}

/** Prints one audit line. Give ids (user, token id), never passwords, tokens or hashes. */
export function auditLine(fields: AuditFields): void {
  const ctx = requestContext();
  const record = auditRecord(ctx ? { requestId: ctx.requestId, ip: ctx.ip, userAgent: ctx.userAgent, ...fields } : fields);
  console.log(JSON.stringify(record));
  for (const sink of (globalThis as Global)[SINKS] ?? []) {
    try {
      sink(record);
    } catch {
      /* a sink never fails the request */
    }
  }
}

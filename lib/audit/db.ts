import "server-only";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { AuditQuery } from "@/lib/validations/audit";
import { type AuditScope, type DbRow, pageOf, pageStatement } from "./query";
import type { AuditRow } from "./row";
import type { AuditSink } from "./writer";

// The trail's PostgreSQL: a small pool, the schema from versioned SQL files
// (lib/audit/migrations, applied in order under an advisory lock so replicas
// starting together migrate once), batched inserts and keyset pages.

const MIGRATIONS_LOCK = 7_220_431_001; // any constant: one lock for every replica of every console
const COLUMNS = ["console", "time", "request_id", "event", "username", "groups", "via", "source", "tenant", "cluster", "namespace", "verb", "api_group", "resource", "name", "status", "result", "reason", "details"] as const;

const migrationsDir = () => path.join(process.cwd(), "lib", "audit", "migrations");

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The SQL files "NNNN_name.sql" in version order. */
export function migrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .map((f) => /^(\d+)_([\w-]+)\.sql$/.exec(f))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ version: Number(m[1]), name: m[2], sql: readFileSync(path.join(dir, m[0]), "utf8") }))
    .sort((a, b) => a.version - b.version);
}

export class AuditDatabase implements AuditSink {
  private readonly pool: pg.Pool;

  /** `console`: the installation's name (its namespace): its rows are its own. */
  constructor(
    url: string,
    private readonly console = "",
  ) {
    // Bounded: connecting and every statement give up rather than hold a request or the writer.
    this.pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 3_000, statement_timeout: 10_000, query_timeout: 12_000, idleTimeoutMillis: 30_000 });
    // An idle client's error (the server went away) must not crash the process; the next query reconnects.
    this.pool.on("error", () => undefined);
  }

  /** Applies the migrations not yet applied; the versions applied now. */
  async migrate(list = migrations()): Promise<number[]> {
    const c = await this.pool.connect();
    const applied: number[] = [];
    try {
      await c.query("SELECT pg_advisory_lock($1)", [MIGRATIONS_LOCK]);
      await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
      const done = new Set((await c.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
      for (const m of list) {
        if (done.has(m.version)) continue;
        await c.query("BEGIN");
        try {
          await c.query(m.sql);
          await c.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
          await c.query("COMMIT");
          applied.push(m.version);
        } catch (e) {
          await c.query("ROLLBACK");
          throw new Error(`audit migration ${m.version}_${m.name} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [MIGRATIONS_LOCK]).catch(() => undefined);
      c.release();
    }
    return applied;
  }

  async insert(rows: AuditRow[]): Promise<void> {
    if (!rows.length) return;
    const values: unknown[] = [];
    const tuples = rows.map((r) => {
      const row = [this.console, r.time, r.requestId, r.event, r.username, r.groups, r.via, r.source, r.tenant, r.cluster, r.namespace, r.verb, r.apiGroup, r.resource, r.name, r.status, r.result, r.reason, r.details];
      const start = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(", ")})`;
    });
    await this.pool.query(`INSERT INTO audit_events (${COLUMNS.join(", ")}) VALUES ${tuples.join(", ")}`, values);
  }

  async page(q: AuditQuery, scope: AuditScope) {
    const s = pageStatement(q, scope, this.console);
    const res = await this.pool.query<DbRow>(s.text, s.values);
    return pageOf(res.rows, q.limit);
  }

  /** Deletes rows older than `days` days; how many. */
  async prune(days: number): Promise<number> {
    const res = await this.pool.query("DELETE FROM audit_events WHERE console = $1 AND time < now() - make_interval(days => $2)", [this.console, days]);
    return res.rowCount ?? 0;
  }

  close() {
    return this.pool.end();
  }
}

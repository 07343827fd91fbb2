import "server-only";
import type { AuditQuery } from "@/lib/validations/audit";
import { AuditDatabase } from "./db";
import { onAuditLine } from "./log";
import type { AuditScope } from "./query";
import { type TenantOf, auditRow } from "./row";
import { AuditWriter, type WriterHealth } from "./writer";

// The audit trail as the runtime holds it: off without a database; with one,
// every audit line also goes to PostgreSQL through the writer. A database
// that is down at start or later never stops the console: the schema is
// migrated as soon as it answers, rows wait (bounded) meanwhile.

export interface TrailHealth extends Partial<WriterHealth> {
  enabled: boolean;
  /** The schema is in place: rows can be written and read. */
  ready: boolean;
  /** Rows are not reaching the database (it refused the last write, or the schema is not there yet). */
  failing: boolean;
}

const RETRY_MIGRATION_MS = 5_000;
const PRUNE_EVERY_MS = 3_600_000;

export class AuditTrail {
  private readonly db?: AuditDatabase;
  private readonly writer?: AuditWriter;
  private ready = false;
  private migrationError?: string;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;

  constructor(
    url: string | undefined,
    tenantOf: TenantOf,
    private readonly retentionDays = 90,
    maxQueue = 50_000,
    console = "",
  ) {
    if (!url) return;
    this.db = new AuditDatabase(url, console);
    const db = this.db;
    // Rows wait until the schema is there: a write before it would fail and count as a failure for nothing.
    this.writer = new AuditWriter(
      { insert: (rows) => (this.ready ? db.insert(rows) : Promise.reject(new Error(this.migrationError ?? "the audit schema is not ready yet"))) },
      { maxQueue },
    );
    this.unsubscribe = onAuditLine((line) => this.writer!.push(auditRow(line, tenantOf)));
  }

  get enabled() {
    return !!this.db;
  }

  /** Migrates (retrying until the database answers) and starts pruning; resolves once migrated or after `waitMs`. */
  async start(waitMs = 10_000): Promise<void> {
    if (!this.db) return;
    const migrated = new Promise<void>((resolve) => {
      const attempt = async () => {
        try {
          const applied = await this.db!.migrate();
          this.ready = true;
          this.migrationError = undefined;
          if (applied.length) log("audit trail: schema migrated", { versions: applied });
          resolve();
        } catch (e) {
          this.migrationError = `audit database: ${e instanceof Error ? e.message : String(e)}`;
          const t = setTimeout(() => void attempt(), RETRY_MIGRATION_MS);
          t.unref();
          this.timers.push(t);
        }
      };
      void attempt();
    });
    const prune = setInterval(() => {
      if (this.ready) this.db!.prune(this.retentionDays).catch(() => undefined);
    }, PRUNE_EVERY_MS);
    prune.unref();
    this.timers.push(prune);
    await Promise.race([migrated, new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  health(): TrailHealth {
    if (!this.writer) return { enabled: false, ready: false, failing: false };
    const w = this.writer.health();
    return { enabled: true, ready: this.ready, failing: !this.ready || w.failures > 0, ...w, lastError: w.lastError ?? this.migrationError };
  }

  page(q: AuditQuery, scope: AuditScope) {
    if (!this.db) throw new Error("the audit trail is off");
    return this.db.page(q, scope);
  }

  /** Deletes rows beyond the retention now (the hourly sweep does it anyway). */
  prune() {
    return this.db?.prune(this.retentionDays) ?? Promise.resolve(0);
  }

  async stop() {
    for (const t of this.timers) clearTimeout(t);
    this.unsubscribe?.();
    await this.writer?.stop();
    await this.db?.close();
  }
}

function log(msg: string, extra: Record<string, unknown>) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg, ...extra }));
}

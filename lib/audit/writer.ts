import type { AuditRow } from "./row";

// Writing the trail off the request path: rows wait in a bounded queue and go
// to the database in batches. When the database is slow or down, requests do
// not wait: rows stay queued (oldest first) and the write is retried with
// backoff; past the bound new rows are counted as dropped, so memory stays
// bounded. health() says all of it.

export interface AuditSink {
  /** Writes the rows in one statement (all or none). */
  insert(rows: AuditRow[]): Promise<void>;
}

export interface WriterOptions {
  /** Rows held at most; more are dropped (and counted). */
  maxQueue?: number;
  /** Rows per INSERT. */
  batch?: number;
  /** How long a row may wait for others to share its batch. */
  flushMs?: number;
  /** Backoff after a failed write: first wait, then doubling up to the max. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface WriterHealth {
  queued: number;
  written: number;
  dropped: number;
  /** Consecutive failed writes (0: the last one worked). */
  failures: number;
  lastError?: string;
  lastErrorAt?: string;
  lastWriteAt?: string;
}

export class AuditWriter {
  private queue: AuditRow[] = [];
  private written = 0;
  private dropped = 0;
  private failures = 0;
  private lastError?: string;
  private lastErrorAt?: string;
  private lastWriteAt?: string;
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private stopped = false;
  private readonly o: Required<WriterOptions>;

  constructor(
    private readonly sink: AuditSink,
    options: WriterOptions = {},
  ) {
    this.o = { maxQueue: 50_000, batch: 500, flushMs: 200, retryMs: 500, maxRetryMs: 10_000, ...options };
  }

  /** Queues a row; never waits, never throws. */
  push(row: AuditRow): void {
    if (this.stopped) return;
    if (this.queue.length >= this.o.maxQueue) {
      this.dropped++;
      return;
    }
    this.queue.push(row);
    if (this.queue.length >= this.o.batch) this.schedule(0);
    else this.schedule(this.o.flushMs);
  }

  health(): WriterHealth {
    return {
      queued: this.queue.length,
      written: this.written,
      dropped: this.dropped,
      failures: this.failures,
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt,
      lastWriteAt: this.lastWriteAt,
    };
  }

  /** Writes what is queued (one attempt per batch, within `timeoutMs`), then stops. */
  async stop(timeoutMs = 2_000): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = Date.now() + timeoutMs;
    await this.writing;
    while (this.queue.length && Date.now() < deadline && (await this.writeOnce())) {
      /* next batch */
    }
    this.stopped = true;
  }

  private schedule(ms: number) {
    if (this.writing || this.stopped) return;
    if (this.timer && ms > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.drain().finally(() => {
        this.writing = undefined;
        if (this.queue.length && !this.stopped) this.schedule(this.failures ? this.backoff() : 0);
      });
    }, ms);
    this.timer.unref?.();
  }

  private backoff(): number {
    return Math.min(this.o.maxRetryMs, this.o.retryMs * 2 ** Math.min(this.failures - 1, 10));
  }

  /** Batches until the queue is empty or a write fails. */
  private async drain() {
    while (this.queue.length && (await this.writeOnce())) {
      /* next batch */
    }
  }

  private async writeOnce(): Promise<boolean> {
    const rows = this.queue.slice(0, this.o.batch);
    try {
      await this.sink.insert(rows);
      this.queue.splice(0, rows.length);
      this.written += rows.length;
      this.failures = 0;
      this.lastWriteAt = new Date().toISOString();
      return true;
    } catch (e) {
      this.failures++;
      this.lastError = e instanceof Error ? e.message : String(e);
      this.lastErrorAt = new Date().toISOString();
      return false;
    }
  }
}

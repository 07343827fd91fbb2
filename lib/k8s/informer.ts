import "server-only";
import { K8sError, k8sJSON, watchStream } from "./api";
import type { Connection } from "./connection";
import { type KubeList, type KubeObject, objectKey } from "./types";

export type InformerEvent<T> = { type: "ADDED" | "MODIFIED" | "DELETED"; object: T };

/**
 * List + watch of one collection, kept in memory: what every console process
 * uses to follow its state in the host cluster. Re-lists on 410 Gone, retries
 * with backoff, and never gives up while started.
 */
export class Informer<T extends KubeObject> {
  private items = new Map<string, T>();
  private listeners = new Set<(e: InformerEvent<T>) => void>();
  private abort?: AbortController;
  private resourceVersion = "";
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  private versionWaiters = new Set<{ key: string; rv: string; done: () => void }>();
  lastError?: string;
  /** A watch is open (the server answered it and has not ended it). */
  private watching = false;
  /** Last moment the server was known to answer: a list, a watch opening, an event, a watch ending. */
  private lastContact = 0;

  constructor(
    private conn: Connection,
    /** Collection path without query, e.g. /apis/pilothouse.dev/v1alpha1/namespaces/x/clusters */
    private path: string,
    private opts: { labelSelector?: string; fieldSelector?: string; metadataOnly?: boolean } = {},
  ) {}

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  get hasSynced() {
    return this.synced;
  }

  /** How this informer's contact with its server goes, for readiness: how long since it last heard from it (0 while a watch is open). */
  contact(now = Date.now()): { synced: boolean; watching: boolean; silentMs: number; lastError?: string } {
    const silentMs = this.watching ? 0 : this.lastContact ? now - this.lastContact : Infinity;
    return { synced: this.synced, watching: this.watching, silentMs, lastError: this.lastError };
  }

  /** The collection it follows, for messages. */
  get resource() {
    return this.path.split("/").at(-1) ?? this.path;
  }

  onEvent(fn: (e: InformerEvent<T>) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Resolves once the first list has been loaded. */
  waitForSync(timeoutMs = 30_000): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`informer ${this.path} not synced in ${timeoutMs} ms: ${this.lastError ?? ""}`)),
        timeoutMs,
      );
      this.syncWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /**
   * Read-your-writes for this process: resolves once the cache holds `key` at
   * resourceVersion `rv` (the version a write of ours returned) or anything
   * after it. Never rejects; gives up quietly after `timeoutMs`, since the
   * write itself succeeded and the watch will catch up.
   */
  waitForVersion(key: string, rv: string | undefined, timeoutMs = 2_000): Promise<void> {
    if (!rv || this.items.get(key)?.metadata.resourceVersion === rv) return Promise.resolve();
    return new Promise((resolve) => {
      const w = {
        key,
        rv,
        done: () => {
          clearTimeout(t);
          this.versionWaiters.delete(w);
          resolve();
        },
      };
      const t = setTimeout(w.done, timeoutMs);
      this.versionWaiters.add(w);
    });
  }

  start() {
    if (this.abort) return;
    this.abort = new AbortController();
    void this.loop(this.abort.signal);
  }

  stop() {
    this.abort?.abort();
    this.abort = undefined;
  }

  private query(extra: Record<string, string>) {
    const q = new URLSearchParams();
    if (this.opts.labelSelector) q.set("labelSelector", this.opts.labelSelector);
    if (this.opts.fieldSelector) q.set("fieldSelector", this.opts.fieldSelector);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${this.path}?${q}`;
  }

  private emit(e: InformerEvent<T>) {
    if (this.versionWaiters.size) {
      const key = objectKey(e.object);
      const rv = e.object.metadata.resourceVersion ?? "";
      for (const w of this.versionWaiters) if (w.key === key && atOrAfter(rv, w.rv)) w.done();
    }
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        console.error(JSON.stringify({ level: "error", msg: "informer listener failed", path: this.path, err: String(err) }));
      }
    }
  }

  private async relist(signal: AbortSignal) {
    const list = await k8sJSON<KubeList<T>>(this.conn, this.query({}), {
      signal,
      timeoutMs: 30_000,
      accept: this.opts.metadataOnly ? "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json" : undefined,
    });
    const fresh = new Map<string, T>();
    for (const it of list.items) fresh.set(objectKey(it), it);
    for (const [k, old] of this.items) if (!fresh.has(k)) this.emit({ type: "DELETED", object: old });
    for (const [k, it] of fresh) {
      const old = this.items.get(k);
      if (!old) this.emit({ type: "ADDED", object: it });
      else if (old.metadata.resourceVersion !== it.metadata.resourceVersion) this.emit({ type: "MODIFIED", object: it });
    }
    this.items = fresh;
    this.resourceVersion = list.metadata.resourceVersion ?? "";
    this.lastContact = Date.now();
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  private async loop(signal: AbortSignal) {
    let backoff = 200;
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) {
          await this.relist(signal);
          needList = false;
        }
        await watchStream(
          this.conn,
          this.query({
            watch: "1",
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: "true",
            timeoutSeconds: String(240 + Math.floor(Math.random() * 120)),
          }),
          (ev) => {
            this.lastContact = Date.now();
            if (ev.type === "ERROR") {
              throw new K8sError(ev.object, this.conn.name);
            }
            const rv = ev.object.metadata?.resourceVersion;
            if (rv) this.resourceVersion = rv;
            if (ev.type === "BOOKMARK") return;
            const key = objectKey(ev.object);
            if (ev.type === "DELETED") this.items.delete(key);
            else this.items.set(key, ev.object as T);
            this.emit({ type: ev.type, object: ev.object as T });
          },
          signal,
          this.opts.metadataOnly ? "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json" : undefined,
          () => {
            this.watching = true;
            this.lastContact = Date.now();
          },
        ).finally(() => {
          // It answered until now.
          if (this.watching) this.lastContact = Date.now();
          this.watching = false;
        });
        backoff = 200;
        this.lastError = undefined;
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof K8sError && e.code === 410) {
          needList = true;
          continue;
        }
        this.lastError = e instanceof Error ? e.message : String(e);
        if (e instanceof K8sError && e.code >= 400) needList = true;
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 5_000);
        // After a connection failure the watch may have missed events: re-list.
        needList = true;
      }
    }
  }
}

/**
 * Resource versions are opaque, but etcd-backed ones are integers; compare them
 * as such, and fall back to equality for anything else.
 */
function atOrAfter(rv: string, target: string) {
  if (rv === target) return true;
  return /^\d+$/.test(rv) && /^\d+$/.test(target) && (rv.length !== target.length ? rv.length > target.length : rv > target);
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

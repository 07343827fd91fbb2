import "server-only";
import type { ClientRequest, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { type Connection, startRequest } from "@/lib/k8s/connection";
import { SECURITY_HEADERS, downstreamResponseHeaders } from "./headers";
import { LineSplitter, ReplayBuffer, type ShareableWatch } from "./watch-share";

// Shared watches. Every console user's watch of the same collection from a
// recent revision would otherwise be its own stream from the cluster — the
// same bytes read, decrypted and parsed once per watcher (a dashboard open in
// 500 tabs is 500 streams). The console's credentials are the same for all of
// them, so it runs one upstream stream per distinct watch and writes each
// event to every watcher that asked for it; authorization stays per request,
// before a watcher joins. A watcher joining a running stream gets the buffered
// events after its revision first, then the live ones.

const CRLF = Buffer.from("\r\n", "latin1");

/** A slow watcher may fall this far behind before it is cut off (it re-watches). */
const MAX_BEHIND_BYTES = 16 << 20;
/** A stream with no watchers left stays open this long for quick re-joins. */
const LINGER_MS = 5_000;

interface Watcher {
  res: ServerResponse;
  after: number;
  timer?: NodeJS.Timeout;
}

class SharedStream {
  private watchers = new Set<Watcher>();
  private pending = new Set<Watcher>();
  private headers?: OutgoingHttpHeaders;
  private upstream: ClientRequest;
  private lines = new LineSplitter();
  private buffer: ReplayBuffer;
  private linger?: NodeJS.Timeout;
  private ended = false;

  constructor(
    private conn: Connection,
    private spec: ShareableWatch,
    private onEnd: () => void,
    private onUnreachable: (err: Error) => void,
  ) {
    this.buffer = new ReplayBuffer(spec.after);
    this.upstream = startRequest(conn, {
      method: "GET",
      path: `${spec.upstreamPath}&resourceVersion=${spec.after}`,
      headers: { accept: "application/json" },
      connectTimeoutMs: 3_000,
    });
    this.upstream.on("response", (ures) => this.onResponse(ures));
    this.upstream.on("error", (err) => {
      if (!this.headers) this.onUnreachable(err);
      this.end();
    });
    this.upstream.end();
  }

  /** Adds a watcher if the stream can still serve its revision; false to watch on its own. */
  join(res: ServerResponse, after: number, timeoutSeconds: number | undefined): boolean {
    if (this.ended || !this.buffer.covers(after)) return false;
    const w: Watcher = { res, after };
    if (timeoutSeconds) w.timer = setTimeout(() => res.end(), timeoutSeconds * 1000);
    res.on("close", () => this.leave(w));
    if (this.linger) {
      clearTimeout(this.linger);
      this.linger = undefined;
    }
    if (this.headers) this.start(w);
    else this.pending.add(w);
    return true;
  }

  private start(w: Watcher) {
    w.res.writeHead(200, this.headers);
    w.res.flushHeaders();
    for (const e of this.buffer.since(w.after)) this.write(w, e.bytes);
    this.watchers.add(w);
  }

  /** An event as one HTTP/1.1 chunk, framed once for every watcher. */
  private static frame(line: Buffer): Buffer {
    return Buffer.concat([Buffer.from(`${line.length.toString(16)}\r\n`, "latin1"), line, CRLF]);
  }

  private onResponse(ures: IncomingMessage) {
    const code = ures.statusCode ?? 502;
    if (code !== 200) {
      // Refused (gone, forbidden, bad selector …): every waiting watcher gets the same answer.
      const chunks: Buffer[] = [];
      ures.on("data", (c: Buffer) => chunks.push(c));
      ures.on("end", () => {
        const body = Buffer.concat(chunks);
        const headers = { ...downstreamResponseHeaders(ures.headers), "content-length": body.length };
        for (const w of this.pending) if (!w.res.headersSent) w.res.writeHead(code, headers).end(body);
        this.pending.clear();
        this.end();
      });
      return;
    }
    const headers = downstreamResponseHeaders(ures.headers);
    delete headers["content-length"];
    this.headers = headers;
    for (const w of this.pending) this.start(w);
    this.pending.clear();
    ures.on("data", (chunk: Buffer) => {
      for (const line of this.lines.push(chunk)) this.onEvent(line);
    });
    ures.on("end", () => this.end());
    ures.on("error", () => this.end());
  }

  private onEvent(line: Buffer) {
    let type: string | undefined;
    let rv = NaN;
    try {
      const e = JSON.parse(line.toString("utf8")) as { type?: string; object?: { metadata?: { resourceVersion?: string } } };
      type = e.type;
      rv = Number(e.object?.metadata?.resourceVersion);
    } catch {
      // A line that is not an event: the stream is broken; watchers re-watch.
      return this.end();
    }
    if (type === "ERROR" || !Number.isFinite(rv)) {
      // "Too old" and friends: tell everyone, then end, as the cluster would.
      for (const w of this.watchers) this.write(w, line);
      return this.end();
    }
    if (type !== "BOOKMARK") this.buffer.push({ rv, bytes: line });
    let framed: Buffer | undefined;
    for (const w of this.watchers) {
      if (rv > w.after) {
        w.after = rv;
        this.write(w, line, (framed ??= SharedStream.frame(line)));
      }
    }
  }

  /**
   * Fan-out is most of a shared stream's cost: a chunked response gets the
   * event pre-framed straight on its socket (one write, no per-watcher
   * framing); anything else (HTTP/1.0) through the response.
   */
  private write(w: Watcher, line: Buffer, framed?: Buffer) {
    const socket = w.res.socket;
    const direct = framed && socket && w.res.headersSent && (w.res as ServerResponse & { chunkedEncoding?: boolean }).chunkedEncoding === true;
    const ok = direct ? socket.write(framed) : w.res.write(line);
    const behind = direct ? socket.writableLength : w.res.writableLength;
    if (!ok && behind > MAX_BEHIND_BYTES) w.res.destroy();
  }

  private leave(w: Watcher) {
    clearTimeout(w.timer);
    this.watchers.delete(w);
    this.pending.delete(w);
    if (!this.ended && this.watchers.size === 0 && this.pending.size === 0 && !this.linger) {
      this.linger = setTimeout(() => this.end(), LINGER_MS);
      this.linger.unref();
    }
  }

  end() {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.linger);
    this.onEnd();
    this.upstream.destroy();
    for (const w of [...this.watchers, ...this.pending]) {
      clearTimeout(w.timer);
      if (w.res.headersSent) w.res.end();
      else {
        const body = JSON.stringify({
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Failure",
          message: `cluster ${this.conn.name} is unreachable`,
          reason: "ServiceUnavailable",
          details: { name: this.conn.name, group: "pilothouse.dev", kind: "clusters", retryAfterSeconds: 5 },
          code: 503,
        });
        w.res.writeHead(503, { ...SECURITY_HEADERS, "content-type": "application/json", "content-length": Buffer.byteLength(body), "retry-after": "5" }).end(body);
      }
    }
    this.watchers.clear();
    this.pending.clear();
  }
}

/** The shared streams of one cluster connection. */
export class WatchHub {
  private streams = new Map<string, SharedStream>();

  constructor(private conn: Connection) {}

  /**
   * Serves the watch from a shared stream — joining a running one or starting
   * it. False when it must be proxied on its own (its revision is older than
   * the running stream's buffer reaches).
   */
  join(spec: ShareableWatch, res: ServerResponse, onUnreachable: (err: Error) => void): boolean {
    let s = this.streams.get(spec.key);
    if (!s) {
      const created: SharedStream = new SharedStream(
        this.conn,
        spec,
        () => {
          if (this.streams.get(spec.key) === created) this.streams.delete(spec.key);
        },
        onUnreachable,
      );
      s = created;
      this.streams.set(spec.key, s);
    }
    return s.join(res, spec.after, spec.timeoutSeconds);
  }

  /** Streams running now (for tests and diagnostics). */
  get size() {
    return this.streams.size;
  }
}

const hubs = new WeakMap<Connection, WatchHub>();

export function watchHub(conn: Connection): WatchHub {
  let h = hubs.get(conn);
  if (!h) {
    h = new WatchHub(conn);
    hubs.set(conn, h);
  }
  return h;
}

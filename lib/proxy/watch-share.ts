// Pure parts of shared watches (see watch-hub.ts): which watch requests may
// share one upstream stream, and the replay buffer that lets a watcher join a
// stream already running. Kept free of I/O so the rules are tested directly.

/** Query parameters that belong to one watcher, not to the stream. */
const PER_WATCHER = new Set(["resourceVersion", "timeoutSeconds", "watch"]);

/** Etcd revisions: integers; anything else is treated as opaque and never shared. */
const NUMERIC_RV = /^[1-9]\d{0,15}$/;

export interface ShareableWatch {
  /** Same key = same stream: cluster, path and every stream-shaping parameter. */
  key: string;
  /** The watcher wants events after this revision. */
  after: number;
  /** The watcher's own timeoutSeconds, honoured by the console. */
  timeoutSeconds?: number;
  /** The upstream path + query, minus the per-watcher parameters. */
  upstreamPath: string;
}

/**
 * Whether a watch may join a shared stream. Only plain JSON watches from a
 * given revision: "0"/absent (which start with a synthetic list of what
 * exists), sendInitialEvents and protobuf or Table streams are per watcher.
 */
export function shareableWatch(cluster: string, rawPath: string, query: string, accept: string | undefined): ShareableWatch | undefined {
  if (accept && !accept.split(",").every((a) => isPlainJSON(a.trim()))) return undefined;
  const q = new URLSearchParams(query);
  const rv = q.get("resourceVersion") ?? "";
  if (!NUMERIC_RV.test(rv)) return undefined;
  if (q.has("sendInitialEvents") || q.has("resourceVersionMatch")) return undefined;
  const kept = [...q].filter(([k]) => !PER_WATCHER.has(k)).sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  const params = new URLSearchParams(kept).toString();
  let timeoutSeconds: number | undefined;
  const ts = q.get("timeoutSeconds");
  if (ts !== null && /^\d+$/.test(ts) && Number(ts) > 0) timeoutSeconds = Number(ts);
  return {
    key: `${cluster}\n${rawPath}\n${params}`,
    after: Number(rv),
    timeoutSeconds,
    upstreamPath: `${rawPath}?${params ? `${params}&` : ""}watch=1`,
  };
}

function isPlainJSON(mediaRange: string): boolean {
  if (mediaRange === "" || mediaRange.startsWith("*/*")) return true;
  const [type, ...params] = mediaRange.split(";").map((s) => s.trim());
  // "as=Table" and friends change the stream's shape; q-values do not.
  return type === "application/json" && params.every((p) => p.startsWith("q="));
}

export interface BufferedEvent {
  rv: number;
  bytes: Buffer;
}

/**
 * The recent events of one stream, in revision order, bounded in count and
 * bytes. `floor` is the revision after which every event is still here, so a
 * watcher asking for events after `r >= floor` can be served from the buffer.
 */
export class ReplayBuffer {
  private events: BufferedEvent[] = [];
  private bytes = 0;

  constructor(
    public floor: number,
    private maxEvents = 2_000,
    private maxBytes = 8 << 20,
  ) {}

  push(e: BufferedEvent) {
    this.events.push(e);
    this.bytes += e.bytes.length;
    while (this.events.length > this.maxEvents || (this.bytes > this.maxBytes && this.events.length > 1)) {
      const old = this.events.shift()!;
      this.bytes -= old.bytes.length;
      this.floor = old.rv;
    }
  }

  /** Whether a watcher wanting events after `after` can be served. */
  covers(after: number): boolean {
    return after >= this.floor;
  }

  /** Buffered events after the revision, oldest first. */
  since(after: number): BufferedEvent[] {
    let i = this.events.length;
    while (i > 0 && this.events[i - 1].rv > after) i--;
    return this.events.slice(i);
  }

  get size() {
    return this.events.length;
  }
}

/**
 * Splits a watch stream's bytes into event lines (newline-delimited JSON).
 * Returns the complete lines, each with its newline; keeps the rest.
 */
export class LineSplitter {
  private rest: Buffer | undefined;

  push(chunk: Buffer): Buffer[] {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    const out: Buffer[] = [];
    let start = 0;
    let nl: number;
    while ((nl = data.indexOf(10, start)) >= 0) {
      if (nl > start) out.push(data.subarray(start, nl + 1));
      start = nl + 1;
    }
    this.rest = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
    return out;
  }
}

import { Transform } from "node:stream";

// Filters namespace lists and watches to what the caller may see, for callers
// without cluster-wide read (like OpenShift's project list). The JSON forms
// the API server returns — NamespaceList, PartialObjectMetadataList and Table
// (kubectl's default) — and their watch events. Pure apart from the stream.

type Visible = (name: string) => boolean;

interface Named {
  metadata?: { name?: string };
}
interface TableRow {
  cells?: unknown[];
  object?: Named;
}

function rowName(r: TableRow): string | undefined {
  return r.object?.metadata?.name ?? (typeof r.cells?.[0] === "string" ? (r.cells[0] as string) : undefined);
}

/** Filters one list (or Table) document; anything else passes unchanged. */
export function filterListDocument(doc: unknown, visible: Visible): unknown {
  const d = doc as { kind?: string; items?: Named[]; rows?: TableRow[]; metadata?: Record<string, unknown> };
  if (!d || typeof d !== "object") return doc;
  if (d.kind === "Table" && Array.isArray(d.rows)) {
    return { ...d, metadata: listMeta(d.metadata), rows: d.rows.filter((r) => visible(rowName(r) ?? "")) };
  }
  if (Array.isArray(d.items)) {
    return { ...d, metadata: listMeta(d.metadata), items: d.items.filter((i) => visible(i.metadata?.name ?? "")) };
  }
  return doc;
}

/**
 * List metadata of a filtered list: nothing derived from what was left out.
 * A continue token encodes the next (maybe hidden) name and a count tells how
 * many exist; filtered lists are therefore asked for whole (see the proxy).
 */
function listMeta(m: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = { ...(m ?? {}) };
  delete out.continue;
  delete out.remainingItemCount;
  return out;
}

/** Keeps a watch event? Bookmarks and errors always pass. */
export function keepWatchEvent(ev: { type?: string; object?: unknown }, visible: Visible): unknown | undefined {
  if (ev.type === "BOOKMARK" || ev.type === "ERROR") return ev;
  const o = ev.object as { kind?: string; rows?: TableRow[] } & Named;
  if (o?.kind === "Table" && Array.isArray(o.rows)) {
    const rows = o.rows.filter((r) => visible(rowName(r) ?? ""));
    return rows.length ? { ...ev, object: { ...o, rows } } : undefined;
  }
  return visible(o?.metadata?.name ?? "") ? ev : undefined;
}

/** Longest watch event line kept while waiting for its end (the API server's objects are far smaller). */
const MAX_EVENT_BYTES = 16 << 20;

/**
 * A line-by-line transform of a watch stream that drops hidden namespaces.
 * Linear: each byte is scanned for a newline once, and a line is cut out once.
 */
export function watchFilter(visible: Visible, maxLine = MAX_EVENT_BYTES): Transform {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      let out = "";
      let start = 0;
      let nl: number;
      while ((nl = chunk.indexOf(0x0a, start)) >= 0) {
        let line = chunk.subarray(start, nl);
        if (pendingBytes) {
          line = Buffer.concat([...pending, line]);
          pending = [];
          pendingBytes = 0;
        }
        start = nl + 1;
        out += filterLine(line, visible);
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > maxLine) return cb(new Error(`a watch event longer than ${maxLine} bytes`));
      }
      cb(null, out);
    },
  });
}

function filterLine(line: Buffer, visible: Visible): string {
  const text = line.toString("utf8");
  if (!text.trim()) return "";
  try {
    const kept = keepWatchEvent(JSON.parse(text), visible);
    return kept ? JSON.stringify(kept) + "\n" : "";
  } catch {
    // Not JSON: never pass through what cannot be checked.
    return "";
  }
}

/** JSON-only Accept header for a filtered request (protobuf cannot be filtered here). */
export function jsonAccept(accept: string | undefined): string {
  const wanted = (accept ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.startsWith("application/json"));
  return wanted.length ? wanted.join(",") : "application/json";
}

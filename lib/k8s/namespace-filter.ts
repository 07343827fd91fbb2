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
    return { ...d, rows: d.rows.filter((r) => visible(rowName(r) ?? "")) };
  }
  if (Array.isArray(d.items)) {
    const items = d.items.filter((i) => visible(i.metadata?.name ?? ""));
    // Counts of what was left out would tell how many hidden namespaces exist.
    const metadata = { ...(d.metadata ?? {}) };
    delete metadata.remainingItemCount;
    return { ...d, metadata, items };
  }
  return doc;
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

/** A line-by-line transform of a watch stream that drops hidden namespaces. */
export function watchFilter(visible: Visible): Transform {
  let buf = "";
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      buf += chunk.toString("utf8");
      let out = "";
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (!line.trim()) continue;
        try {
          const kept = keepWatchEvent(JSON.parse(line), visible);
          if (kept) out += JSON.stringify(kept) + "\n";
        } catch {
          // Not JSON: never pass through what cannot be checked.
        }
      }
      cb(null, out);
    },
  });
}

/** JSON-only Accept header for a filtered request (protobuf cannot be filtered here). */
export function jsonAccept(accept: string | undefined): string {
  const wanted = (accept ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.startsWith("application/json"));
  return wanted.length ? wanted.join(",") : "application/json";
}

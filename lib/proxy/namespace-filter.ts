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

// ---- protobuf lists ---------------------------------------------------------
// A NamespaceList or PartialObjectMetadataList in Kubernetes' protobuf envelope
// (runtime.Unknown: typeMeta 1, raw 2, contentEncoding 3, contentType 4). Both
// lists are {metadata: ListMeta = 1, items = 2}, each item's ObjectMeta is its
// field 1 and the name is ObjectMeta's field 1. One pass; bytes of kept fields
// are copied, not re-encoded.

const PB_MAGIC = Buffer.from("k8s\0", "latin1");

interface PbField {
  field: number;
  /** The whole field, key included. */
  whole: Buffer;
  /** The value of a length-delimited field. */
  value?: Buffer;
}

function pbFields(buf: Buffer): PbField[] {
  const out: PbField[] = [];
  let i = 0;
  const varint = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      if (i >= buf.length || shift > 63) throw new Error("malformed protobuf varint");
      const b = buf[i++];
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return v;
    }
  };
  while (i < buf.length) {
    const start = i;
    const key = varint();
    const wire = key % 8;
    let value: Buffer | undefined;
    if (wire === 2) {
      const len = varint();
      if (len > buf.length - i) throw new Error("truncated protobuf field");
      value = buf.subarray(i, i + len);
      i += len;
    } else if (wire === 0) varint();
    else if (wire === 1 || wire === 5) i += wire === 1 ? 8 : 4;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
    if (i > buf.length) throw new Error("truncated protobuf field");
    out.push({ field: Math.floor(key / 8), whole: buf.subarray(start, i), value });
  }
  return out;
}

function pbVarint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

const pbBytesField = (field: number, value: Buffer) => Buffer.concat([pbVarint(field * 8 + 2), pbVarint(value.length), value]);

/** Filters a protobuf-encoded namespace list; throws on bytes it cannot read (the caller answers 502). */
export function filterProtobufList(body: Buffer, visible: Visible): Buffer {
  if (body.length < 4 || !body.subarray(0, 4).equals(PB_MAGIC)) throw new Error("not a Kubernetes protobuf document");
  const envelope = pbFields(body.subarray(4));
  if (envelope.some((f) => f.field === 3 && f.value?.length)) throw new Error("encoded protobuf content");
  const parts: Buffer[] = [PB_MAGIC];
  for (const f of envelope) {
    if (f.field !== 2 || !f.value) {
      parts.push(f.whole);
      continue;
    }
    const list: Buffer[] = [];
    for (const lf of pbFields(f.value)) {
      if (lf.field === 1 && lf.value) {
        // ListMeta without continue (3) and remainingItemCount (4): see listMeta above.
        list.push(pbBytesField(1, Buffer.concat(pbFields(lf.value).filter((m) => m.field !== 3 && m.field !== 4).map((m) => m.whole))));
      } else if (lf.field === 2 && lf.value) {
        const meta = pbFields(lf.value).find((x) => x.field === 1)?.value;
        const name = meta ? pbFields(meta).find((x) => x.field === 1)?.value?.toString("utf8") : undefined;
        if (visible(name ?? "")) list.push(lf.whole);
      } else list.push(lf.whole);
    }
    parts.push(pbBytesField(2, Buffer.concat(list)));
  }
  return Buffer.concat(parts);
}

import { gunzipSync } from "node:zlib";

// Reads a chart archive (.tgz) in memory: only the files asked for, each
// bounded; the whole unpacked archive is capped too (a gzip bomb stops at the cap).

export class ArchiveError extends Error {}

const BLOCK = 512;

function field(h: Buffer, start: number, len: number): string {
  const raw = h.subarray(start, start + len);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? len : end).toString("utf8");
}

/**
 * The files of a gzipped tar whose paths `want` accepts, as path → bytes.
 * Regular files only; PAX/GNU long names are honoured.
 */
export function readTgz(tgz: Buffer, want: (path: string) => boolean, maxUnpacked = 16 << 20): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = gunzipSync(tgz, { maxOutputLength: maxUnpacked });
  } catch (e) {
    throw new ArchiveError(e instanceof RangeError ? `the archive unpacks to more than ${maxUnpacked >> 20} MiB` : "the archive is not gzip");
  }
  const out = new Map<string, Buffer>();
  let longName: string | undefined;
  for (let off = 0; off + BLOCK <= tar.length; ) {
    const h = tar.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = parseInt(field(h, 124, 12).trim() || "0", 8);
    if (!Number.isFinite(size) || size < 0) throw new ArchiveError("the archive is not a tar file");
    const type = String.fromCharCode(h[156] || 48);
    const prefix = field(h, 345, 155);
    let name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    longName = undefined;
    const data = tar.subarray(off + BLOCK, off + BLOCK + size);
    if (data.length < size) throw new ArchiveError("the archive is truncated");
    off += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = data.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    if (type === "x") {
      const m = /\d+ path=([^\n]*)\n/.exec(data.toString("utf8"));
      if (m) longName = m[1];
      continue;
    }
    if (type !== "0" && type !== "\0") continue;
    name = name.replace(/^\.\//, "");
    if (want(name)) out.set(name, Buffer.from(data));
  }
  return out;
}

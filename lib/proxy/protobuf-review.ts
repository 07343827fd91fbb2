// Just enough of Kubernetes' protobuf wire format to read the review requests
// kubectl sends (it prefers protobuf for built-in types): the "k8s\0" envelope
// (runtime.Unknown) and the few fields of SelfSubjectAccessReview and
// SelfSubjectRulesReview. Pure.
//
// Untrusted bytes on the request path: one pass over each message, nothing
// kept but the few fields read, a fixed nesting depth (the shapes below) and a
// cap on fields per message. A field of the shapes below given twice is
// refused: protobuf would take the last string and merge messages, a reader
// that took the first would decide about something else.

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"
const MAX_FIELDS = 4096;

export class ProtobufError extends Error {}

/** The length-delimited fields `wanted` of one message (others skipped); each at most once. */
function readFields(buf: Buffer, wanted: readonly number[]): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  let i = 0;
  let fields = 0;
  const varint = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (i >= buf.length) throw new ProtobufError("truncated varint");
      const b = buf[i++];
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return v;
      shift += 7;
      if (shift > 63) throw new ProtobufError("varint too long");
    }
  };
  while (i < buf.length) {
    if (++fields > MAX_FIELDS) throw new ProtobufError(`more than ${MAX_FIELDS} fields in one message`);
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 2) {
      const len = varint();
      if (len > buf.length - i) throw new ProtobufError("truncated field");
      if (wanted.includes(field)) {
        if (out.has(field)) throw new ProtobufError(`field ${field} is given more than once`);
        out.set(field, buf.subarray(i, i + len));
      }
      i += len;
    } else if (wire === 0) {
      if (wanted.includes(field)) throw new ProtobufError(`field ${field} has the wrong wire type`);
      varint();
    } else if (wire === 1 || wire === 5) {
      if (wanted.includes(field)) throw new ProtobufError(`field ${field} has the wrong wire type`);
      i += wire === 1 ? 8 : 4;
      if (i > buf.length) throw new ProtobufError("truncated field");
    } else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
  return out;
}

const str = (f: Map<number, Buffer>, n: number) => f.get(n)?.toString("utf8");

export function isProtobuf(body: Buffer): boolean {
  return body.length >= 4 && body.subarray(0, 4).equals(MAGIC);
}

/** Decodes a SelfSubjectAccessReview ("access") or SelfSubjectRulesReview ("rules") into its JSON shape. */
export function decodeReview(body: Buffer, kind: "access" | "rules"): { spec: Record<string, unknown> } {
  // runtime.Unknown: typeMeta = 1, raw = 2, contentEncoding = 3, contentType = 4.
  const raw = readFields(body.subarray(4), [1, 2]).get(2);
  if (!raw) throw new ProtobufError("empty protobuf envelope");
  // The review: metadata = 1, spec = 2, status = 3.
  const specBytes = readFields(raw, [2]).get(2);
  if (!specBytes) return { spec: {} };
  if (kind === "rules") {
    // SelfSubjectRulesReviewSpec: namespace = 1.
    return { spec: { namespace: str(readFields(specBytes, [1]), 1) ?? "" } };
  }
  // SelfSubjectAccessReviewSpec: resourceAttributes = 1, nonResourceAttributes = 2.
  const spec = readFields(specBytes, [1, 2]);
  const raBytes = spec.get(1);
  const nraBytes = spec.get(2);
  if (raBytes) {
    // ResourceAttributes: namespace, verb, group, version, resource, subresource, name = 1…7.
    const ra = readFields(raBytes, [1, 2, 3, 4, 5, 6, 7]);
    return {
      spec: {
        resourceAttributes: {
          namespace: str(ra, 1),
          verb: str(ra, 2),
          group: str(ra, 3),
          version: str(ra, 4),
          resource: str(ra, 5),
          subresource: str(ra, 6),
          name: str(ra, 7),
        },
      },
    };
  }
  if (nraBytes) {
    const nra = readFields(nraBytes, [1, 2]);
    return { spec: { nonResourceAttributes: { path: str(nra, 1), verb: str(nra, 2) } } };
  }
  return { spec: {} };
}

// Just enough of Kubernetes' protobuf wire format to read the review requests
// kubectl sends (it prefers protobuf for built-in types): the "k8s\0" envelope
// (runtime.Unknown) and the few fields of SelfSubjectAccessReview and
// SelfSubjectRulesReview. Pure.

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

type Fields = Map<number, Buffer[]>;

/** Length-delimited and varint fields of one message (other wire types skipped). */
function readFields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let i = 0;
  const varint = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (i >= buf.length) throw new Error("truncated varint");
      const b = buf[i++];
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return v;
      shift += 7;
      if (shift > 63) throw new Error("varint too long");
    }
  };
  while (i < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 2) {
      const len = varint();
      if (i + len > buf.length) throw new Error("truncated field");
      const v = buf.subarray(i, i + len);
      i += len;
      out.set(field, [...(out.get(field) ?? []), v]);
    } else if (wire === 0) varint();
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const str = (f: Fields, n: number) => f.get(n)?.[0]?.toString("utf8");
const msg = (f: Fields, n: number) => {
  const b = f.get(n)?.[0];
  return b ? readFields(b) : undefined;
};

export function isProtobuf(body: Buffer): boolean {
  return body.length >= 4 && body.subarray(0, 4).equals(MAGIC);
}

/** Decodes a SelfSubjectAccessReview ("access") or SelfSubjectRulesReview ("rules") into its JSON shape. */
export function decodeReview(body: Buffer, kind: "access" | "rules"): { spec: Record<string, unknown> } {
  const unknown = readFields(body.subarray(4));
  const raw = unknown.get(2)?.[0];
  if (!raw) throw new Error("empty protobuf envelope");
  const review = readFields(raw);
  const spec = msg(review, 2);
  if (!spec) return { spec: {} };
  // SelfSubjectRulesReviewSpec: namespace = 1.
  if (kind === "rules") return { spec: { namespace: str(spec, 1) ?? "" } };
  const ra = msg(spec, 1);
  const nra = msg(spec, 2);
  if (ra) {
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
  if (nra) return { spec: { nonResourceAttributes: { path: str(nra, 1), verb: str(nra, 2) } } };
  return { spec: {} };
}

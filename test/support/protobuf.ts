// A minimal protobuf writer for fixtures of Kubernetes' wire format (tests and benchmarks).

export function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

/** A length-delimited field. */
export function field(n: number, v: Buffer | string): Buffer {
  const b = typeof v === "string" ? Buffer.from(v) : v;
  return Buffer.concat([varint(n * 8 + 2), varint(b.length), b]);
}

/** A self-review in the "k8s\0" envelope, its spec's resourceAttributes given as bytes. */
export function reviewWithAttributes(resourceAttributes: Buffer): Buffer {
  return Buffer.concat([Buffer.from("k8s\0"), field(2, field(2, field(1, resourceAttributes)))]);
}

import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { field, varint } from "../../test/support/protobuf";
import { filterListDocument, filterProtobufList, watchFilter } from "./namespace-filter";

const visible = (ns: string) => ns.startsWith("shop");
const ns = (name: string) => ({ metadata: { name } });

describe("filterListDocument", () => {
  it("keeps visible items and nothing derived from hidden ones", () => {
    const out = filterListDocument(
      { kind: "NamespaceList", metadata: { resourceVersion: "9", continue: "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJzdGFydCI6Imh1cmQifQ", remainingItemCount: 3 }, items: [ns("shop"), ns("hr"), ns("shop-b")] },
      visible,
    );
    expect(out).toEqual({ kind: "NamespaceList", metadata: { resourceVersion: "9" }, items: [ns("shop"), ns("shop-b")] });
  });

  it("does the same for Tables", () => {
    const out = filterListDocument(
      { kind: "Table", metadata: { continue: "x", remainingItemCount: 1 }, rows: [{ cells: ["hr"] }, { cells: ["shop"], object: ns("shop") }] },
      visible,
    ) as { metadata: object; rows: unknown[] };
    expect(out.metadata).toEqual({});
    expect(out.rows).toEqual([{ cells: ["shop"], object: ns("shop") }]);
  });
});

async function run(chunks: Buffer[], maxLine?: number): Promise<string> {
  let out = "";
  const f = watchFilter(visible, maxLine);
  await new Promise<void>((resolve, reject) => {
    Readable.from(chunks).pipe(f).on("data", (d) => (out += String(d))).on("end", resolve).on("error", reject);
  });
  return out;
}

describe("watchFilter", () => {
  const ev = (type: string, name: string) => JSON.stringify({ type, object: ns(name) }) + "\n";

  it("drops hidden namespaces, keeps bookmarks, across chunk borders", async () => {
    const stream = ev("ADDED", "shop") + ev("ADDED", "hr") + ev("BOOKMARK", "") + ev("MODIFIED", "shop-b");
    const bytes = Buffer.from(stream);
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 50), bytes.subarray(50)];
    expect(await run(chunks)).toBe(ev("ADDED", "shop") + ev("BOOKMARK", "") + ev("MODIFIED", "shop-b"));
  });

  it("drops lines that are not JSON", async () => {
    expect(await run([Buffer.from("not json\n" + ev("ADDED", "shop"))])).toBe(ev("ADDED", "shop"));
  });

  it("ends the stream on a line longer than the bound instead of growing", async () => {
    await expect(run([Buffer.from('{"type":"ADDED",'), Buffer.alloc(2048, 0x20)], 1024)).rejects.toThrow(/longer than 1024/);
  });

  it("reads a long event in many small chunks in one pass", async () => {
    const big = JSON.stringify({ type: "ADDED", object: { metadata: { name: "shop", annotations: { a: "x".repeat(4 << 20) } } } }) + "\n";
    const bytes = Buffer.from(big);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 1024) chunks.push(bytes.subarray(i, i + 1024));
    expect((await run(chunks)).length).toBe(big.length);
  });
});

describe("filterProtobufList", () => {
  // NamespaceList in the "k8s\0" envelope: typeMeta 1, raw 2; raw = {ListMeta 1, items 2}; item = {ObjectMeta 1 = {name 1, uid 5}, spec 2}.
  const typeMeta = field(1, Buffer.concat([field(1, "v1"), field(2, "NamespaceList")]));
  const item = (name: string) => field(2, Buffer.concat([field(1, Buffer.concat([field(1, name), field(5, `uid-${name}`)])), field(2, field(1, "kubernetes"))]));
  const listMeta = (withHints: boolean) =>
    field(1, Buffer.concat([field(2, "42"), ...(withHints ? [field(3, "eyJzdGFydCI6Imhy"), Buffer.concat([varint(4 * 8), varint(7)])] : [])]));
  const envelope = (raw: Buffer) => Buffer.concat([Buffer.from("k8s\0"), typeMeta, field(2, raw), field(4, "application/vnd.kubernetes.protobuf")]);

  it("keeps visible items byte for byte, and nothing derived from hidden ones", () => {
    const got = filterProtobufList(envelope(Buffer.concat([listMeta(true), item("shop"), item("hr"), item("shop-b")])), visible);
    expect(got.equals(envelope(Buffer.concat([listMeta(false), item("shop"), item("shop-b")])))).toBe(true);
  });

  it("refuses what it cannot read rather than pass it on", () => {
    expect(() => filterProtobufList(Buffer.from('{"kind":"NamespaceList"}'), visible)).toThrow(/not a Kubernetes protobuf/);
    expect(() => filterProtobufList(Buffer.concat([Buffer.from("k8s\0"), typeMeta, field(2, Buffer.from([0x12, 0x7f, 0x01]))]), visible)).toThrow(/truncated/);
    expect(() => filterProtobufList(Buffer.concat([Buffer.from("k8s\0"), field(3, "gzip"), field(2, item("shop"))]), visible)).toThrow(/encoded/);
  });
});

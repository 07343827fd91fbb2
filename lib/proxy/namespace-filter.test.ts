import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { filterListDocument, watchFilter } from "./namespace-filter";

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

import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ArchiveError, readTgz } from "./tgz";

function tarEntry(name: string, body: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, "utf8");
  h.write("0000644\0", 100);
  h.write(Buffer.byteLength(body).toString(8).padStart(11, "0") + "\0", 124);
  h.write("0", 156);
  h.write("ustar\0", 257);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
  data.write(body);
  return Buffer.concat([h, data]);
}

describe("readTgz", () => {
  const tgz = gzipSync(Buffer.concat([tarEntry("echo/Chart.yaml", "name: echo\n"), tarEntry("echo/README.md", "# Echo\n"), Buffer.alloc(1024)]));

  it("returns the files asked for", () => {
    const files = readTgz(tgz, (p) => p.endsWith("README.md"));
    expect([...files.keys()]).toEqual(["echo/README.md"]);
    expect(files.get("echo/README.md")!.toString()).toBe("# Echo\n");
  });

  it("stops at the unpacked-size cap and refuses what is not gzip", () => {
    const bomb = gzipSync(Buffer.alloc(4 << 20));
    expect(() => readTgz(bomb, () => true, 1 << 20)).toThrow(ArchiveError);
    expect(() => readTgz(Buffer.from("not gzip"), () => true)).toThrow(/not gzip/);
  });
});

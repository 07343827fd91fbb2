import { describe, expect, it } from "vitest";
import { base64Length, configMapKeys, configMapSize } from "./configmap";

describe("configmap", () => {
  it("lists keys and sizes", () => {
    const c = { metadata: { name: "c" }, data: { b: "héllo", a: "x" }, binaryData: { bin: Buffer.from([1, 2, 3, 4]).toString("base64") } };
    expect(configMapKeys(c)).toEqual(["a", "b", "bin"]);
    expect(configMapSize(c)).toBe(1 + 6 + 4);
    expect(base64Length("AAA=")).toBe(2);
    expect(base64Length("")).toBe(0);
  });
});

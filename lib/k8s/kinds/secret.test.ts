import { describe, expect, it } from "vitest";
import { decodeSecretValue, secretKeys, secretType, secretValueSize, secretsPath } from "./secret";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("secret", () => {
  const s = { metadata: { name: "db" }, type: "kubernetes.io/basic-auth", data: { username: b64("admin"), password: b64("s3cr€t"), cert: Buffer.from([0, 159, 146, 150]).toString("base64") } };
  it("lists type and keys", () => {
    expect(secretType(s)).toBe("kubernetes.io/basic-auth");
    expect(secretType({ metadata: {} })).toBe("Opaque");
    expect(secretKeys(s)).toEqual(["cert", "password", "username"]);
    expect(secretValueSize(s, "username")).toBe(5);
    expect(secretsPath("shop")).toBe("/api/v1/namespaces/shop/secrets");
  });
  it("decodes UTF-8 text and recognises binary data", () => {
    expect(decodeSecretValue(s.data.username)).toEqual({ kind: "text", text: "admin" });
    expect(decodeSecretValue(s.data.password)).toEqual({ kind: "text", text: "s3cr€t" });
    expect(decodeSecretValue(b64("line1\nline2\t"))).toEqual({ kind: "text", text: "line1\nline2\t" });
    expect(decodeSecretValue(s.data.cert)).toEqual({ kind: "binary", bytes: 4 });
    expect(decodeSecretValue(Buffer.from([0x41, 0x01]).toString("base64"))).toEqual({ kind: "binary", bytes: 2 });
    expect(decodeSecretValue("%%%")).toEqual({ kind: "invalid" });
  });
});

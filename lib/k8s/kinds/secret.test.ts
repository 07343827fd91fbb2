import { describe, expect, it } from "vitest";
import {
  LAST_APPLIED,
  decodeSecretValue,
  listWithoutSecretValues,
  objectWithoutSecretValues,
  secretKeys,
  secretType,
  secretValueSize,
  withoutSecretValues,
} from "./secret";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("secret", () => {
  const s = { metadata: { name: "db" }, type: "kubernetes.io/basic-auth", data: { username: b64("admin"), password: b64("s3cr€t"), cert: Buffer.from([0, 159, 146, 150]).toString("base64") } };
  it("lists type and keys", () => {
    expect(secretType(s)).toBe("kubernetes.io/basic-auth");
    expect(secretType({ metadata: {} })).toBe("Opaque");
    expect(secretKeys(s)).toEqual(["cert", "password", "username"]);
    expect(secretValueSize(s, "username")).toBe(5);
  });
  it("decodes UTF-8 text and recognises binary data", () => {
    expect(decodeSecretValue(s.data.username)).toEqual({ kind: "text", text: "admin" });
    expect(decodeSecretValue(s.data.password)).toEqual({ kind: "text", text: "s3cr€t" });
    expect(decodeSecretValue(b64("line1\nline2\t"))).toEqual({ kind: "text", text: "line1\nline2\t" });
    expect(decodeSecretValue(s.data.cert)).toEqual({ kind: "binary", bytes: 4 });
    expect(decodeSecretValue(Buffer.from([0x41, 0x01]).toString("base64"))).toEqual({ kind: "binary", bytes: 2 });
    expect(decodeSecretValue("%%%")).toEqual({ kind: "invalid" });
  });
  it("drops the values (and kubectl's copy of them) but keeps the keys and their sizes", () => {
    const applied = { ...s, metadata: { name: "db", annotations: { [LAST_APPLIED]: JSON.stringify({ data: s.data }), team: "a" } }, stringData: { extra: "€uro" } };
    const r = withoutSecretValues(applied);
    expect(r.data).toBeUndefined();
    expect(r.stringData).toBeUndefined();
    expect(r.metadata.annotations).toEqual({ team: "a" });
    expect(JSON.stringify(r)).not.toContain(s.data.password);
    expect(secretKeys(r)).toEqual(["cert", "extra", "password", "username"]);
    expect(secretValueSize(r, "username")).toBe(5);
    expect(secretValueSize(r, "password")).toBe(Buffer.byteLength("s3cr€t"));
    expect(secretValueSize(r, "extra")).toBe(Buffer.byteLength("€uro"));
    // The original is untouched, and dropping twice changes nothing more.
    expect(applied.data.password).toBe(s.data.password);
    expect(withoutSecretValues(r)).toEqual(r);
  });
  it("drops values from lists of Secrets and Secret watch events only", () => {
    const list = { kind: "SecretList", apiVersion: "v1", metadata: { resourceVersion: "7" }, items: [s] };
    const r = listWithoutSecretValues(list);
    expect(r.metadata).toEqual(list.metadata);
    expect(r.items[0].data).toBeUndefined();
    expect(secretKeys(r.items[0])).toEqual(["cert", "password", "username"]);
    const cms = { kind: "ConfigMapList", metadata: {}, items: [{ metadata: { name: "c" }, data: { a: "b" } }] };
    expect(listWithoutSecretValues(cms)).toBe(cms);
    expect(objectWithoutSecretValues({ ...s, kind: "Secret" }).data).toBeUndefined();
    const cm = { kind: "ConfigMap", metadata: { name: "c" }, data: { a: "b" } };
    expect(objectWithoutSecretValues(cm)).toBe(cm);
  });
});

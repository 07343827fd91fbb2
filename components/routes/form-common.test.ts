import { describe, expect, it } from "vitest";
import { absolutePathCode, hostCode, splitHosts, unchangedSince } from "./form-common";

describe("form-common", () => {
  it("checks absolute paths", () => {
    expect(absolutePathCode("/")).toBeUndefined();
    expect(absolutePathCode("/api/v1")).toBeUndefined();
    expect(absolutePathCode("api")).toEqual({ code: "pathSlash" });
    for (const p of ["/a//b", "/a/./b", "/a/../b", "/a%2Fb", "/a#x", "/a/..", "/a/."]) expect(absolutePathCode(p), p).toEqual({ code: "pathChars" });
    expect(absolutePathCode(`/${"a".repeat(1024)}`)).toEqual({ code: "tooLong", values: { max: 1024 } });
  });

  it("splits and checks host names", () => {
    expect(splitHosts(" a.example.com,b.example.com\nc ")).toEqual(["a.example.com", "b.example.com", "c"]);
    expect(hostCode("*.example.com")).toBeUndefined();
    expect(hostCode("[::1]")).toEqual({ code: "hostIp", values: { host: "[::1]" } });
  });

  it("tells a status-only change from an edit", () => {
    const a = { metadata: { resourceVersion: "1", labels: { app: "x" } }, spec: { rules: [{ backendRefs: [{ name: "a", weight: 1 }] }] }, status: { parents: [] } };
    const statusOnly = { ...a, metadata: { ...a.metadata, resourceVersion: "2" }, status: { parents: [{}] } };
    expect(unchangedSince(a, statusOnly)).toBe(true);
    expect(unchangedSince(a, { ...a, spec: { rules: [{ backendRefs: [{ name: "a", weight: 2 }] }] } })).toBe(false);
    expect(unchangedSince(a, { ...a, metadata: { ...a.metadata, annotations: { note: "x" } } })).toBe(false);
  });
});

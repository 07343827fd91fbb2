import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it.each([
    ["/", "/"],
    ["/c/member-1/ns/shop/pods", "/c/member-1/ns/shop/pods"],
    ["/projects?tenant=acme#top", "/projects?tenant=acme#top"],
    ["/a/../b", "/b"],
  ])("keeps the same-site path %s", (cb, want) => {
    expect(safeCallbackPath(cb)).toBe(want);
  });

  it.each([
    ["another origin", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/"],
    ["a backslash that browsers read as a slash", "/\\evil.example"],
    ["backslashes only", "\\\\evil.example"],
    ["a tab that browsers drop", "/\t/evil.example"],
    ["a newline that browsers drop", "/\n/evil.example"],
    ["a space", "/ /evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "c/member-1"],
    ["nothing", ""],
    ["a very long path", `/${"a".repeat(3000)}`],
  ])("turns %s into /", (_what, cb) => {
    expect(safeCallbackPath(cb)).toBe("/");
  });

  it("turns a missing value into /", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
  });
});

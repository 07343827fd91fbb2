import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameOriginRedirect } from "./callback-url";

/** Where a browser at the console would go for this Location: the test of "stays on the console". */
function browserTarget(location: string): URL {
  return new URL(location, "https://console.example/sign-in");
}

// Forms that try to leave the console. Each must come out as a same-origin path.
const ESCAPES: [string, string][] = [
  ["another origin", "https://evil.example/"],
  ["a protocol-relative URL", "//evil.example/"],
  ["three slashes", "///evil.example/"],
  ["a backslash that browsers read as a slash", "/\\evil.example"],
  ["backslashes only", "\\\\evil.example"],
  ["slash and encoded backslash, decoded once", decodeURIComponent("/%5Cevil.example")],
  ["a tab that browsers drop", "/\t/evil.example"],
  ["a newline that browsers drop", "/\n/evil.example"],
  ["a carriage return", "/\r/evil.example"],
  ["a space", "/ /evil.example"],
  ["a NUL", "/\u0000/evil.example"],
  ["DEL", "/\u007f/evil.example"],
  ["a dot segment that normalizes to //", "/.//evil.example/x"],
  ["two dot segments", "/././/evil.example/x"],
  ["an encoded dot segment", "/%2e//evil.example/x"],
  ["an upper-case encoded dot segment", "/%2E//evil.example/x"],
  ["a dot-dot segment that normalizes to //", "/a/..//evil.example/x"],
  ["an encoded dot-dot segment", "/a/%2e%2e//evil.example/x"],
  ["dot-dot above the root", "/..//evil.example/x"],
  ["a javascript: URL", "javascript:alert(1)"],
  ["a data: URL", "data:text/html,<script>alert(1)</script>"],
  ["a scheme-relative http:", "http:evil.example"],
  ["user info", "//user@evil.example/"],
  ["user info after a dot segment", "/.//user@evil.example/"],
  ["a relative path", "c/member-1"],
  ["nothing", ""],
  ["a very long path", `/${"a".repeat(3000)}`],
  ["a fullwidth solidus", "\uff0f\uff0fevil.example"],
  ["a division slash", "\u2215\u2215evil.example"],
];

// Same-origin paths that look odd but stay here; the exact output matters less than where it leads.
const ODD_BUT_HOME: string[] = [
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/@evil.example",
  "/a@evil.example/x",
  "/\uff0f\uff0fevil.example",
  "/\u2215\u2215evil.example",
  "/%E2%88%95%E2%88%95evil.example",
  "/javascript:alert(1)",
  "/./javascript:alert(1)",
  "/?next=//evil.example",
  "/#//evil.example",
];

describe("safeCallbackPath", () => {
  it.each([
    ["/", "/"],
    ["/c/member-1/ns/shop/pods", "/c/member-1/ns/shop/pods"],
    ["/projects?tenant=acme#top", "/projects?tenant=acme#top"],
    ["/a/../b", "/b"],
    ["/a/./b", "/a/b"],
  ])("keeps the same-site path %s", (cb, want) => {
    expect(safeCallbackPath(cb)).toBe(want);
  });

  it.each(ESCAPES)("turns %s into /", (_what, cb) => {
    expect(safeCallbackPath(cb)).toBe("/");
  });

  it.each(ODD_BUT_HOME)("keeps %s on this origin", (cb) => {
    const out = safeCallbackPath(cb);
    expect(out.startsWith("/") && !out.startsWith("//")).toBe(true);
    expect(out).not.toMatch(/[\u0000-\u0020\u007f\\]/);
    expect(browserTarget(out).origin).toBe("https://console.example");
    // Stable: what comes out is accepted as it is.
    expect(safeCallbackPath(out)).toBe(out);
  });

  it("turns a missing value into /", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
  });

  it("never returns a value that leaves the origin, for any form above with any prefix", () => {
    for (const prefix of ["", "/", "/.", "/./", "/a/..", "/%2e/", "/x/%2e%2e/"]) {
      for (const [, cb] of ESCAPES) {
        const out = safeCallbackPath(prefix + cb);
        expect(browserTarget(out).origin, JSON.stringify(prefix + cb)).toBe("https://console.example");
        expect(out.startsWith("//") || out.includes("\\")).toBe(false);
      }
    }
  });
});

describe("sameOriginRedirect (next-auth's redirect callback)", () => {
  const base = "http://127.0.0.1:3000";

  it.each([
    ["/", `${base}/`],
    ["/projects?tenant=acme", `${base}/projects?tenant=acme`],
    [`${base}/clusters`, `${base}/clusters`],
  ])("keeps %s", (url, want) => {
    expect(sameOriginRedirect(url, base)).toBe(want);
  });

  it.each([
    ...ESCAPES.map(([what, cb]) => [what, cb] as [string, string]),
    ["an absolute URL of this origin with a path that normalizes to //", `${base}/.//evil.example/x`],
    ["an absolute URL of this origin with a backslash path", `${base}/\\evil.example`],
    ["another port", "http://127.0.0.1:3001/"],
    ["another scheme", "https://127.0.0.1:3000/"],
    ["user info on this host", "http://evil.example@127.0.0.1:3000/"],
  ])("sends %s to the console", (_what, url) => {
    const out = sameOriginRedirect(url, base);
    expect(new URL(out).origin).toBe(base);
    expect(new URL(out).pathname.startsWith("//")).toBe(false);
  });
});

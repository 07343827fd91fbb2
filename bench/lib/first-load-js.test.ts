import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { firstLoadJs, firstLoadJsOfBuild, parseClientReferenceManifest } from "./first-load-js";

// A miniature of what `next build` (16, Turbopack) leaves in .next: the shapes
// are copied from a real build of this app, the chunks are made up.
const manifestScript = (route: string, entryJSFiles: Record<string, string[]>) =>
  `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(route)}] = ${JSON.stringify({
    moduleLoading: { prefix: "" },
    clientModules: {},
    entryCSSFiles: { "[project]/app/layout": [{ path: "static/chunks/app.css", inlined: false }] },
    entryJSFiles,
  })};\n`;

const fixture = {
  "build-manifest.json": JSON.stringify({
    pages: { "/_app": [] },
    devFiles: [],
    polyfillFiles: ["static/chunks/polyfill.js"],
    lowPriorityFiles: ["static/BUILD/_buildManifest.js"],
    rootMainFiles: ["static/chunks/react.js", "static/chunks/turbopack-runtime.js"],
  }),
  "server/app-paths-manifest.json": JSON.stringify({
    "/(console)/page": "app/(console)/page.js",
    "/(console)/c/[cluster]/ns/[ns]/[kind]/page": "app/(console)/c/[cluster]/ns/[ns]/[kind]/page.js",
    "/api/healthz/route": "app/api/healthz/route.js",
  }),
  "server/app/(console)/page_client-reference-manifest.js": manifestScript("/(console)/page", {
    "[project]/app/layout": ["static/chunks/intl.js"],
    "[project]/app/(console)/layout": ["static/chunks/intl.js", "static/chunks/shell.js"],
    "[project]/app/(console)/page": ["static/chunks/intl.js", "static/chunks/shell.js", "static/chunks/overview.js"],
  }),
  "server/app/(console)/c/[cluster]/ns/[ns]/[kind]/page_client-reference-manifest.js": manifestScript("/(console)/c/[cluster]/ns/[ns]/[kind]/page", {
    "[project]/app/layout": ["static/chunks/intl.js"],
    "[project]/app/(console)/layout": ["static/chunks/intl.js", "static/chunks/shell.js"],
    "[project]/app/(console)/c/[cluster]/ns/[ns]/[kind]/page": ["static/chunks/intl.js", "static/chunks/shell.js", "static/chunks/table.js"],
  }),
  "static/chunks/react.js": "r".repeat(4000) + "react-dom".repeat(50),
  "static/chunks/turbopack-runtime.js": "t".repeat(100),
  "static/chunks/intl.js": "i".repeat(100),
  "static/chunks/shell.js": "s".repeat(100),
  "static/chunks/overview.js": "o".repeat(100),
  "static/chunks/table.js": Array.from({ length: 400 }, (_, i) => `row${i * 7919}`).join(","),
  "static/chunks/polyfill.js": "p".repeat(100),
  "static/chunks/app.css": "body{}",
};

const dir = mkdtempSync(path.join(os.tmpdir(), "first-load-js-"));
for (const [rel, text] of Object.entries(fixture)) {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gz = (rel: string) => gzipSync(fixture[rel as keyof typeof fixture], { level: 9 }).length;

describe("first-load JS", () => {
  it("reads a route's entry chunks out of its client reference manifest", () => {
    const m = parseClientReferenceManifest(fixture["server/app/(console)/page_client-reference-manifest.js"], "/(console)/page");
    expect(Object.keys(m?.entryJSFiles ?? {})).toEqual(["[project]/app/layout", "[project]/app/(console)/layout", "[project]/app/(console)/page"]);
  });

  it("sums the distinct scripts of each page route (runtime + its layouts and page), largest first", () => {
    const routes = firstLoadJsOfBuild(dir);
    expect(routes.map((r) => r.route)).toEqual(["/(console)/c/[cluster]/ns/[ns]/[kind]/page", "/(console)/page"]);
    const [kind, overview] = routes;
    // Shared chunks count once per route; no CSS, no nomodule polyfills, no route handlers.
    expect(kind.files).toEqual(["static/chunks/intl.js", "static/chunks/react.js", "static/chunks/shell.js", "static/chunks/table.js", "static/chunks/turbopack-runtime.js"]);
    const shared = gz("static/chunks/react.js") + gz("static/chunks/turbopack-runtime.js") + gz("static/chunks/intl.js") + gz("static/chunks/shell.js");
    expect(kind.bytes).toBe(shared + gz("static/chunks/table.js"));
    expect(overview.bytes).toBe(shared + gz("static/chunks/overview.js"));
  });

  it("counts pages-router routes with _app", () => {
    const routes = firstLoadJs({ rootMainFiles: ["a.js"], pages: { "/_app": ["app.js"], "/_error": ["err.js"], "/legacy": ["legacy.js", "app.js"] } }, {}, () => undefined, (f) => f.length);
    expect(routes).toEqual([{ route: "/legacy", files: ["app.js", "legacy.js"], bytes: "app.js".length + "legacy.js".length }]);
  });

  it("fails loudly when the build layout is not what it expects", () => {
    expect(() => firstLoadJs({}, { "/x/page": "app/x/page.js" }, () => undefined, () => 0)).toThrow(/no client reference manifest/);
    expect(() => firstLoadJsOfBuild(path.join(dir, "missing"))).toThrow(/build-manifest\.json is missing/);
    expect(() => firstLoadJs({ rootMainFiles: ["gone.js"] }, { "/(console)/page": "" }, () => fixture["server/app/(console)/page_client-reference-manifest.js"], () => {
      throw new Error("gone.js is listed in a manifest but not in .next");
    })).toThrow(/gone\.js/);
  });
});

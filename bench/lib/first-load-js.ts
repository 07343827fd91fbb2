// First-load JS per route of a Next.js production build (what `next build`
// printed as "First Load JS" before Next 16 dropped the column): the gzip size
// of the distinct scripts a browser loads for the route's first page view.
//
// Where Next 16 (Turbopack) keeps that:
//   .next/build-manifest.json                        rootMainFiles: runtime + React, every app route
//                                                    polyfillFiles: nomodule, skipped by modern browsers
//                                                    pages: pages-router routes (with "/_app")
//   .next/server/app-paths-manifest.json             app routes ("/(group)/x/[id]/page", "/api/…/route")
//   .next/server/app/<route>_client-reference-manifest.js
//                                                    entryJSFiles: the chunks of each layout and page
//                                                    of the route (lazy chunks are not listed)
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export interface BuildManifest {
  rootMainFiles?: string[];
  polyfillFiles?: string[];
  pages?: Record<string, string[]>;
}

interface ClientReferenceManifest {
  entryJSFiles?: Record<string, string[]>;
}

export interface RouteJs {
  route: string;
  files: string[];
  /** gzip bytes of all files together. */
  bytes: number;
}

/** The route's manifest out of a `*_client-reference-manifest.js` (a script that assigns globalThis.__RSC_MANIFEST[route]). */
export function parseClientReferenceManifest(source: string, route: string): ClientReferenceManifest | undefined {
  const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  vm.runInNewContext(source, sandbox, { timeout: 1000 });
  const all = sandbox.__RSC_MANIFEST ?? {};
  return all[route] ?? (Object.keys(all).length === 1 ? Object.values(all)[0] : undefined);
}

/**
 * First-load JS of every route, largest first. Pure: `clientManifest(route)`
 * gives the source of an app route's client reference manifest (undefined
 * when it has none, e.g. a route handler), `gzipBytes(file)` a file's size.
 */
export function firstLoadJs(
  build: BuildManifest,
  appPaths: Record<string, string>,
  clientManifest: (route: string) => string | undefined,
  gzipBytes: (file: string) => number,
): RouteJs[] {
  const out: RouteJs[] = [];
  const add = (route: string, files: Iterable<string>) => {
    const js = [...new Set([...files].filter((f) => f.endsWith(".js")))].sort();
    out.push({ route, files: js, bytes: js.reduce((sum, f) => sum + gzipBytes(f), 0) });
  };
  for (const route of Object.keys(appPaths)) {
    if (!route.endsWith("/page")) continue; // route handlers send no JS
    const source = clientManifest(route);
    if (source === undefined) throw new Error(`no client reference manifest for app route ${route}`);
    const m = parseClientReferenceManifest(source, route);
    if (!m?.entryJSFiles) throw new Error(`client reference manifest of ${route} lists no entryJSFiles`);
    add(route, [...(build.rootMainFiles ?? []), ...Object.values(m.entryJSFiles).flat()]);
  }
  const pages = build.pages ?? {};
  for (const [route, files] of Object.entries(pages)) {
    if (route === "/_app" || route === "/_document" || route === "/_error") continue;
    add(route, [...(pages["/_app"] ?? []), ...files]);
  }
  return out.sort((a, b) => b.bytes - a.bytes || a.route.localeCompare(b.route));
}

/** Reads a build directory (`.next`) and computes firstLoadJs; gzip at level 9 like Next's old size column. */
export function firstLoadJsOfBuild(distDir: string): RouteJs[] {
  const read = (rel: string) => readFileSync(path.join(distDir, rel), "utf8");
  const need = ["build-manifest.json", "server/app-paths-manifest.json"];
  for (const f of need) if (!existsSync(path.join(distDir, f))) throw new Error(`${path.join(distDir, f)} is missing: is this a Next.js production build?`);
  const build = JSON.parse(read("build-manifest.json")) as BuildManifest;
  const appPaths = JSON.parse(read("server/app-paths-manifest.json")) as Record<string, string>;
  const sizes = new Map<string, number>();
  const gzipBytes = (file: string) => {
    let n = sizes.get(file);
    if (n === undefined) {
      const abs = path.join(distDir, file.replace(/^\/?_next\//, ""));
      if (!existsSync(abs)) throw new Error(`${file} is listed in a manifest but not in ${distDir}`);
      n = gzipSync(readFileSync(abs), { level: 9 }).length;
      sizes.set(file, n);
    }
    return n;
  };
  const clientManifest = (route: string) => {
    const rel = `server/app${route}_client-reference-manifest.js`;
    return existsSync(path.join(distDir, rel)) ? read(rel) : undefined;
  };
  return firstLoadJs(build, appPaths, clientManifest, gzipBytes);
}

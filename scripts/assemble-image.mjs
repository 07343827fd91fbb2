#!/usr/bin/env node
// Lays out what the container image holds (Dockerfile's last stage copies it
// as is): Next's standalone output (.next/standalone: the server files and
// only the packages they use), its static assets, the console's own server
// entry (dist/server.mjs) with the packages *it* uses (traced the way Next
// traces its own), and the files the console reads at run time (policies,
// audit migrations). Nothing else: no sources, tests, dev dependencies.
//
//   node scripts/assemble-image.mjs [--out build/image]
//
// Run after `npm run build`. The image runs `node dist/server.mjs` in the
// result with NODE_ENV=production; only /tmp needs to be writable.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({ options: { out: { type: "string", default: path.join(root, "build/image") } } });
const out = path.resolve(args.out);
const standalone = path.join(root, ".next/standalone");
for (const need of [path.join(standalone, ".next/BUILD_ID"), path.join(root, "dist/server.mjs")]) {
  if (!existsSync(need)) throw new Error(`${path.relative(root, need)} is missing: run \`npm run build\` first`);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const copy = (from, to = from) => cpSync(path.join(root, from), path.join(out, to), { recursive: true, dereference: true });

// Next's server output and the packages it traced; its own server.js is not the entry (ours is).
for (const f of [".next", "node_modules", "package.json"]) cpSync(path.join(standalone, f), path.join(out, f), { recursive: true, dereference: true });
copy(".next/static");
copy("public");
copy("dist/server.mjs");
copy("policies");
copy("lib/audit/migrations");

// The packages dist/server.mjs imports itself (most are Next's too).
const require = createRequire(import.meta.url);
const { nodeFileTrace } = require("next/dist/compiled/@vercel/nft");
// Next itself is Next's trace's business (the same `next` entry its standalone server requires): following it from here would take its dev server too.
const { fileList } = await nodeFileTrace([path.join(root, "dist/server.mjs")], { base: root, processCwd: root, ignore: (f) => f.startsWith("node_modules/next/") });
let added = 0;
for (const f of fileList) {
  if (!f.startsWith("node_modules/")) continue;
  const to = path.join(out, f);
  if (existsSync(to)) continue;
  mkdirSync(path.dirname(to), { recursive: true });
  cpSync(path.join(root, f), to, { dereference: true });
  added++;
}

console.log(`image files in ${path.relative(root, out) || out} (${added} files traced from dist/server.mjs beyond Next's)`);

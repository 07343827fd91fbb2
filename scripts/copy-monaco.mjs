#!/usr/bin/env node
// Monaco loads its modules and workers at run time; serve them from our own
// origin (public/monaco/vs, not committed) — no CDN, the console works offline.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const src = path.join(root, "node_modules/monaco-editor/min/vs");
const dst = path.join(root, "public/monaco/vs");
const version = JSON.parse(readFileSync(path.join(root, "node_modules/monaco-editor/package.json"), "utf8")).version;
const stamp = path.join(root, "public/monaco/.version");
if (existsSync(stamp) && readFileSync(stamp, "utf8") === version) process.exit(0);
cpSync(src, dst, { recursive: true });
writeFileSync(stamp, version);
console.log(`monaco ${version} copied to public/monaco/vs`);

#!/usr/bin/env node
// `make bench`: builds the benchmark bundles, runs them, prints a table and
// writes bench/results/latest.json ({ results: [{name, value, unit, detail}], machine }).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "dist/bench");
mkdirSync(out, { recursive: true });
mkdirSync(path.join(root, "bench/results"), { recursive: true });

const emptyServerOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

const suites = [{ name: "authz", entry: "bench/authz.ts", nodeArgs: ["--expose-gc"] }];
const results = [];
for (const s of suites) {
  const file = path.join(out, `${s.name}.mjs`);
  await build({
    entryPoints: [path.join(root, s.entry)],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
    plugins: [emptyServerOnly],
  });
  const text = execFileSync(process.execPath, [...s.nodeArgs, file], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  for (const line of text.split("\n").filter((l) => l.startsWith("{"))) results.push(JSON.parse(line));
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
writeFileSync(path.join(root, "bench/results/latest.json"), JSON.stringify({ results, machine, date: new Date().toISOString() }, null, 2) + "\n");
const w = Math.max(...results.map((r) => r.name.length));
console.log(`${"benchmark".padEnd(w)}  value`);
for (const r of results) console.log(`${r.name.padEnd(w)}  ${r.value} ${r.unit}`);

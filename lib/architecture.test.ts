import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The shape of the code, checked: no import circles anywhere in lib/,
// components/ and app/ (type imports count: a circle of types is still a
// circle of knowledge), and dependencies that point down.

const root = path.resolve(import.meta.dirname, "..");
const SOURCES = ["lib", "components", "app"];
const EXTENSIONS = [".ts", ".tsx"];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (EXTENSIONS.some((e) => name.endsWith(e)) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|[;\s])(?:import|export)\s([^;]*?)from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm;

function resolve(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return undefined;
  for (const c of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, "index" + e))]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      /* next candidate */
    }
  }
  return undefined;
}

/** Who imports whom; `values` leaves out `import type` (erased: it loads nothing at run time). */
export function importGraph(values = false): Map<string, string[]> {
  const files = SOURCES.flatMap((d) => walk(path.join(root, d)));
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const deps = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      if (values && m[1] !== undefined && /^type\s/.test(m[1])) continue;
      const target = resolve(f, m[2] ?? m[3] ?? m[4]);
      if (target) deps.add(path.relative(root, target));
    }
    graph.set(path.relative(root, f), [...deps]);
  }
  return graph;
}

/** Every circle, each once, as the list of files around it (Tarjan's strongly connected components). */
export function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe("architecture", () => {
  const graph = importGraph();

  it("finds the circles it is meant to find", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(circles(g)).toEqual([["a", "b", "c"]]);
    expect(circles(new Map([["a", ["b"]], ["b", []]]))).toEqual([]);
  });

  it("reads the imports of the real tree", () => {
    expect(graph.get("lib/runtime.ts")).toContain("lib/store/store.ts");
    expect(graph.size).toBeGreaterThan(100);
  });

  it("has no import circles", () => {
    expect(circles(graph)).toEqual([]);
  });

  const importsOf = (prefix: string) =>
    [...graph].filter(([f]) => f.startsWith(prefix)).flatMap(([f, deps]) => deps.map((d) => `${f} -> ${d}`));

  it("keeps the proxy free of features: it knows the cluster, the caller and the enforcer, features plug in through hooks", () => {
    const features = /^(lib\/(tenancy|access|monitoring|tokens|clusters)\/|lib\/runtime\.ts|components\/|app\/)/;
    expect(importsOf("lib/proxy/").filter((e) => features.test(e.split(" -> ")[1]))).toEqual([]);
  });

  it("keeps the lower layers from reaching up to the runtime that wires them", () => {
    const wiring = /-> lib\/runtime\.ts$/;
    const lower = ["lib/k8s/", "lib/proxy/", "lib/tenancy/", "lib/store/", "lib/authz/", "lib/client/", "lib/validations/"];
    expect(lower.flatMap(importsOf).filter((e) => wiring.test(e))).toEqual([]);
  });

  it("keeps browser code away from server-only modules", () => {
    const serverOnly = new Set([...graph.keys()].filter((f) => /^import "server-only";/m.test(readFileSync(path.join(root, f), "utf8"))));
    const browser = [...graph.keys()].filter((f) => /^["']use client["'];?/m.test(readFileSync(path.join(root, f), "utf8")));
    const leaks: string[] = [];
    const loaded = importGraph(true);
    for (const f of browser) {
      // Everything a client component reaches, not only what it imports itself.
      const seen = new Set<string>();
      const todo = [f];
      while (todo.length) {
        const g = todo.pop()!;
        for (const d of loaded.get(g) ?? []) {
          if (seen.has(d)) continue;
          seen.add(d);
          if (serverOnly.has(d)) leaks.push(`${f} -> ${d}`);
          else todo.push(d);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

import { parseAllDocuments } from "yaml";

// What an install or upgrade would change: the rendered manifests against the
// installed release's, object by object, with a line diff of each changed one.

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  text: string;
}

export interface ObjectDiff {
  kind: string;
  name: string;
  apiVersion: string;
  namespace?: string;
  change: "added" | "removed" | "changed" | "unchanged";
  /** Unified-style lines (" ", "+", "-" first) of a changed object; whole text of added/removed ones. */
  lines: string[];
}

/** Splits a manifest stream (helm's `---\n# Source: …` documents) into objects, in order. */
export function splitManifest(manifest: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    const v = doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | null;
    if (!v || typeof v !== "object" || !v.kind) continue;
    // The text without helm's "# Source:" comment: where a template lives is not a change.
    const text = doc.toString({ lineWidth: 0 }).replace(/^# Source:.*\n/m, "").trimEnd();
    out.push({ apiVersion: v.apiVersion ?? "", kind: v.kind, name: v.metadata?.name ?? "", namespace: v.metadata?.namespace, text });
  }
  return out;
}

const key = (o: { apiVersion: string; kind: string; name: string; namespace?: string }) => `${o.apiVersion.split("/").length > 1 ? o.apiVersion.split("/")[0] : ""}/${o.kind}/${o.namespace ?? ""}/${o.name}`;

/** Line diff (LCS) with `context` unchanged lines around each change; bounded inputs only. */
export function diffLines(a: string[], b: string[], context = 3): string[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) return [...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)];
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const all: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      all.push(` ${a[i]}`);
      i++;
      j++;
    } else if (i < n && (j >= m || dp[i + 1][j] >= dp[i][j + 1])) all.push(`-${a[i++]}`);
    else all.push(`+${b[j++]}`);
  }
  const keep = all.map(() => false);
  all.forEach((l, k) => {
    if (l[0] === " ") return;
    for (let x = Math.max(0, k - context); x <= Math.min(all.length - 1, k + context); x++) keep[x] = true;
  });
  const out: string[] = [];
  for (let k = 0; k < all.length; k++) {
    if (keep[k]) out.push(all[k]);
    else if (k === 0 || keep[k - 1]) out.push("@@");
  }
  return out;
}

/** Object-by-object comparison of the installed manifest with the one that would be applied. */
export function diffManifests(installed: string, wanted: string): ObjectDiff[] {
  const before = new Map(splitManifest(installed).map((o) => [key(o), o]));
  const out: ObjectDiff[] = [];
  for (const o of splitManifest(wanted)) {
    const k = key(o);
    const old = before.get(k);
    before.delete(k);
    const base = { kind: o.kind, name: o.name, apiVersion: o.apiVersion, namespace: o.namespace };
    if (!old) out.push({ ...base, change: "added", lines: o.text.split("\n").map((l) => `+${l}`) });
    else if (old.text === o.text) out.push({ ...base, change: "unchanged", lines: [] });
    else out.push({ ...base, change: "changed", lines: diffLines(old.text.split("\n"), o.text.split("\n")) });
  }
  for (const o of before.values()) {
    out.push({ kind: o.kind, name: o.name, apiVersion: o.apiVersion, namespace: o.namespace, change: "removed", lines: o.text.split("\n").map((l) => `-${l}`) });
  }
  return out;
}

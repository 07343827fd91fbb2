// What a change touched, in outline: field paths, never values. A JSON patch
// names its paths; a merge patch or a whole object is walked to a few levels.
// Bounded: bodies over OUTLINE_MAX_BYTES are not read, at most MAX_FIELDS
// paths of at most MAX_PATH characters are kept.

export const OUTLINE_MAX_BYTES = 64 * 1024;
const MAX_FIELDS = 40;
const MAX_PATH = 160;
/** Whole objects (create, update) are outlined less deeply than patches: they name every field anyway. */
const DEPTH = { patch: 4, object: 2 } as const;
/** Bookkeeping a client sends back unchanged; not a change anyone made. */
const NOISE = new Set(["metadata.resourceVersion", "metadata.uid", "metadata.creationTimestamp", "metadata.managedFields", "metadata.generation", "metadata.selfLink", "status", "apiVersion", "kind"]);

export interface Outline {
  fields: string[];
  /** More paths than were kept. */
  more?: true;
}

export function changeOutline(verb: string, contentType: string | undefined, body: Buffer): Outline | undefined {
  if (body.length === 0 || body.length > OUTLINE_MAX_BYTES) return undefined;
  if (verb !== "patch" && verb !== "update" && verb !== "create") return undefined;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  // Protobuf and YAML are passed on unread (JSON is valid YAML: apply patches in JSON are read).
  if (type && !type.endsWith("json") && type !== "application/apply-patch+yaml") return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  if (type === "application/json-patch+json") {
    if (!Array.isArray(doc)) return undefined;
    return collect((add) => {
      for (const op of doc as unknown[]) {
        if (op && typeof op === "object" && typeof (op as { path?: unknown }).path === "string") {
          const { op: o, path } = op as { op?: unknown; path: string };
          // "test" checks, it does not change
          if (o !== "test") add(pointerToPath(path));
        }
      }
    });
  }
  return valueOutline(doc, verb === "patch" ? DEPTH.patch : DEPTH.object);
}

/** The field paths of a value (a console API call's validated body), to `depth` levels. */
export function valueOutline(v: unknown, depth: number): Outline | undefined {
  return collect((add) => walk(v, "", depth, add));
}

function collect(fill: (add: (p: string) => void) => void): Outline | undefined {
  const out: string[] = [];
  let more = false;
  fill((p) => {
    if (!p || NOISE.has(p) || out.includes(p)) return;
    if (out.length >= MAX_FIELDS) more = true;
    else out.push(p.length > MAX_PATH ? `${p.slice(0, MAX_PATH)}…` : p);
  });
  return out.length ? { fields: out, ...(more ? { more: true as const } : {}) } : undefined;
}

function walk(v: unknown, at: string, depth: number, add: (p: string) => void) {
  if (v === null || typeof v !== "object" || Array.isArray(v) || depth === 0) {
    add(at);
    return;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return add(at);
  for (const k of keys) {
    const p = at ? `${at}.${k}` : k;
    if (NOISE.has(p)) continue;
    walk((v as Record<string, unknown>)[k], p, depth - 1, add);
  }
}

/** "/spec/template/spec/containers/0/image" → "spec.template.spec.containers[0].image" (RFC 6901 escapes undone). */
export function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, s) => (/^(\d+|-)$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), "");
}

import { parse as parseYAML, stringify as toYAML } from "yaml";

// A chart's values as a form: its values.schema.json read into fields
// (strings, numbers, booleans, choices; objects as groups; what the form
// cannot draw as a YAML box), the form's values checked as the schema says,
// and written back over the values they started from, so keys the schema does
// not describe keep their values.

export type Values = Record<string, unknown>;
export type FieldKind = "string" | "integer" | "number" | "boolean" | "enum" | "yaml";

export interface ValueField {
  node: "field";
  /** The form's name for it: fields are numbered, keys may hold dots. */
  id: string;
  path: string[];
  kind: FieldKind;
  title: string;
  description?: string;
  required: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** The choices of an enum, as the schema gives them. */
  options?: unknown[];
}

export interface ValueGroup {
  node: "group";
  path: string[];
  title: string;
  description?: string;
  children: ValueNode[];
}

export type ValueNode = ValueField | ValueGroup;

export interface ValuesModel {
  nodes: ValueNode[];
  fields: ValueField[];
}

/** What the form holds per field: text (numbers and YAML included) or a checkbox's state. */
export type FieldValues = Record<string, string | boolean>;

export type FieldErrorKey = "required" | "integer" | "number" | "minimum" | "maximum" | "minLength" | "maxLength" | "pattern" | "yaml";
export interface FieldError {
  key: FieldErrorKey;
  /** The bound the value breaks (minimum, maximum, lengths) or the pattern. */
  limit?: number | string;
  /** The YAML parser's message. */
  detail?: string;
}

type Schema = Record<string, unknown>;

const MAX_DEPTH = 8;
const MAX_FIELDS = 500;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** The schema's type, the first besides "null" when it lists several. */
function typeOf(s: Schema): string | undefined {
  const t = s.type;
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === "string" && x !== "null");
  if (isObject(s.properties)) return "object";
  return undefined;
}

/** A local "$ref" (#/definitions/x, #/$defs/x) resolved; anything else as it is. */
function resolve(root: Schema, s: Schema, seen = 0): Schema {
  const ref = s.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/") || seen > 8) return s;
  let cur: unknown = root;
  for (const part of ref.slice(2).split("/")) cur = isObject(cur) ? cur[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return isObject(cur) ? resolve(root, { ...cur, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== "$ref")) }, seen + 1) : s;
}

/** The schema read into groups and fields, in the schema's order. */
export function valuesModel(schema: Schema): ValuesModel {
  const fields: ValueField[] = [];
  const walk = (s: Schema, path: string[], depth: number): ValueNode[] => {
    const props = isObject(s.properties) ? s.properties : {};
    const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : []);
    const out: ValueNode[] = [];
    for (const [key, raw] of Object.entries(props)) {
      if (!isObject(raw) || fields.length >= MAX_FIELDS) continue;
      const p = resolve(schema, raw);
      const at = [...path, key];
      const title = str(p.title) ?? key;
      const description = str(p.description);
      const type = typeOf(p);
      if (type === "object" && isObject(p.properties) && Object.keys(p.properties).length && depth < MAX_DEPTH) {
        out.push({ node: "group", path: at, title, description, children: walk(p, at, depth + 1) });
        continue;
      }
      const kind: FieldKind = Array.isArray(p.enum) && p.enum.length ? "enum" : type === "string" || type === "integer" || type === "number" || type === "boolean" ? type : "yaml";
      const f: ValueField = { node: "field", id: `f${fields.length}`, path: at, kind, title, description, required: required.has(key) };
      if (kind === "enum") f.options = p.enum as unknown[];
      if (kind === "integer" || kind === "number") {
        f.minimum = num(p.minimum);
        f.maximum = num(p.maximum);
        // Draft 4 says exclusiveMinimum: true beside minimum; later drafts give the bound itself.
        f.exclusiveMinimum = p.exclusiveMinimum === true ? f.minimum : num(p.exclusiveMinimum);
        f.exclusiveMaximum = p.exclusiveMaximum === true ? f.maximum : num(p.exclusiveMaximum);
        if (p.exclusiveMinimum === true) f.minimum = undefined;
        if (p.exclusiveMaximum === true) f.maximum = undefined;
      }
      if (kind === "string") {
        f.minLength = num(p.minLength);
        f.maxLength = num(p.maxLength);
        f.pattern = str(p.pattern);
      }
      fields.push(f);
      out.push(f);
    }
    return out;
  };
  return { nodes: walk(schema, [], 0), fields };
}

// ---- values ↔ form ----

function getAt(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const k of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

function hasAt(v: unknown, path: string[]): boolean {
  const parent = getAt(v, path.slice(0, -1));
  return isObject(parent) && Object.hasOwn(parent, path[path.length - 1]);
}

function setAt(v: Values, path: string[], value: unknown) {
  let cur: Values = v;
  for (const k of path.slice(0, -1)) {
    if (!isObject(cur[k])) cur[k] = {};
    cur = cur[k] as Values;
  }
  cur[path[path.length - 1]] = value;
}

function deleteAt(v: Values, path: string[]) {
  const parent = getAt(v, path.slice(0, -1));
  if (isObject(parent)) delete parent[path[path.length - 1]];
}

const sameJSON = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the form shows for the values (e.g. a chart's defaults). */
export function fieldValues(model: ValuesModel, values: Values): FieldValues {
  const out: FieldValues = {};
  for (const f of model.fields) {
    const v = getAt(values, f.path);
    switch (f.kind) {
      case "boolean":
        out[f.id] = v === true;
        break;
      case "enum": {
        const i = v === undefined ? -1 : (f.options ?? []).findIndex((o) => sameJSON(o, v));
        out[f.id] = i >= 0 ? String(i) : "";
        break;
      }
      case "yaml":
        out[f.id] = v === undefined || v === null ? "" : toYAML(v, { lineWidth: 0 }).trimEnd();
        break;
      default:
        out[f.id] = v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    }
  }
  return out;
}

function parseYAMLValue(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: parseYAML(text, { maxAliasCount: 100 }) };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message.split("\n")[0] : String(e) };
  }
}

/** The form's value of one field as the values hold it; undefined: the key is left out. */
function valueOf(f: ValueField, raw: string | boolean | undefined, base: Values): unknown {
  // Unticked: false where the values had the key (or it is required), else left out.
  if (f.kind === "boolean") return raw === true ? true : f.required || hasAt(base, f.path) ? false : undefined;
  const text = typeof raw === "string" ? raw : "";
  switch (f.kind) {
    case "string":
      // Emptied: "" where the values had the key (or it is required), else left out.
      return text || f.required || hasAt(base, f.path) ? text : undefined;
    case "integer":
    case "number":
      if (text.trim() === "") return undefined;
      // Not a number (the checks say so): kept as typed rather than lost.
      return Number.isFinite(Number(text.trim())) ? Number(text.trim()) : text;
    case "enum":
      return text === "" ? undefined : f.options?.[Number(text)];
    case "yaml": {
      if (!text.trim()) return undefined;
      const r = parseYAMLValue(text);
      return r.ok ? r.value : undefined;
    }
  }
}

/** The schema's checks on the form's values, per field id; `submit`: empty required fields count. */
export function fieldErrors(model: ValuesModel, form: FieldValues, submit = true): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const f of model.fields) {
    const raw = form[f.id];
    if (f.kind === "boolean") continue;
    const text = typeof raw === "string" ? raw : "";
    if (!text.trim() && f.kind !== "string") {
      if (f.required && submit) out[f.id] = { key: "required" };
      continue;
    }
    if (f.kind === "integer" || f.kind === "number") {
      const t = text.trim();
      if (f.kind === "integer" ? !/^-?\d+$/.test(t) : !Number.isFinite(Number(t)) || !/\d/.test(t)) {
        out[f.id] = { key: f.kind };
        continue;
      }
      const n = Number(t);
      if (f.minimum !== undefined && n < f.minimum) out[f.id] = { key: "minimum", limit: f.minimum };
      else if (f.exclusiveMinimum !== undefined && n <= f.exclusiveMinimum) out[f.id] = { key: "minimum", limit: f.exclusiveMinimum + (f.kind === "integer" ? 1 : 0) };
      else if (f.maximum !== undefined && n > f.maximum) out[f.id] = { key: "maximum", limit: f.maximum };
      else if (f.exclusiveMaximum !== undefined && n >= f.exclusiveMaximum) out[f.id] = { key: "maximum", limit: f.exclusiveMaximum - (f.kind === "integer" ? 1 : 0) };
    } else if (f.kind === "string") {
      if (!text) {
        if (f.required && submit && (f.minLength ?? 0) > 0) out[f.id] = { key: "required" };
        continue;
      }
      const length = [...text].length;
      if (f.minLength !== undefined && length < f.minLength) out[f.id] = { key: "minLength", limit: f.minLength };
      else if (f.maxLength !== undefined && length > f.maxLength) out[f.id] = { key: "maxLength", limit: f.maxLength };
      else if (f.pattern && !matches(f.pattern, text)) out[f.id] = { key: "pattern", limit: f.pattern };
    } else if (f.kind === "yaml") {
      const r = parseYAMLValue(text);
      if (!r.ok) out[f.id] = { key: "yaml", detail: r.detail };
    }
  }
  return out;
}

/** JSON Schema patterns are ECMA-262 regular expressions; one the browser cannot compile is left to helm. */
function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return true;
  }
}

/** The values the form stands for: `base` (what it started from) with every field's value put in. */
export function applyFields(model: ValuesModel, form: FieldValues, base: Values): Values {
  const out = structuredClone(base);
  for (const f of model.fields) {
    const v = valueOf(f, form[f.id], base);
    if (v === undefined) deleteAt(out, f.path);
    else setAt(out, f.path, v);
  }
  return out;
}

// ---- YAML ----

/** Values as YAML for helm ("" when there are none). */
export function valuesYAML(values: Values): string {
  return Object.keys(values).length ? toYAML(values, { lineWidth: 0 }) : "";
}

/** Values YAML read as a mapping; `error` says why it is not one. */
export function parseValues(text: string): { values: Values } | { error: string } {
  if (!text.trim()) return { values: {} };
  const r = parseYAMLValue(text);
  if (!r.ok) return { error: r.detail };
  if (r.value === null || r.value === undefined) return { values: {} };
  if (!isObject(r.value)) return { error: "not a mapping" };
  return { values: r.value };
}

/** `over` merged into `base` as helm merges values: mappings key by key, anything else replaced, null removes. */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = structuredClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isObject(v) && isObject(out[k])) out[k] = mergeValues(out[k] as Values, v);
    else out[k] = structuredClone(v);
  }
  return out;
}

/**
 * Fields named by helm's schema errors, with their line: helm 3 writes
 * "- replicaCount: Invalid type…", helm 4 "- at '/replicaCount': got string…".
 */
export function schemaErrorFields(message: string, model: ValuesModel): Record<string, string> {
  const byPath = new Map(model.fields.map((f) => [f.path.join("."), f.id]));
  const out: Record<string, string> = {};
  for (const raw of message.split("\n")) {
    const line = raw.trim().replace(/^-\s*/, "");
    const m = /^at '\/([^']*)':\s*(.*)$/.exec(line) ?? /^([\w.-]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const path = m[1].includes("/") || line.startsWith("at '") ? m[1].split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")).join(".") : m[1];
    const id = byPath.get(path);
    if (id) out[id] = out[id] ? `${out[id]}; ${m[2]}` : m[2];
  }
  return out;
}

import { ApiClientError } from "@/lib/client/api";

// Pure helpers of every form: where a field error is shown, and what is left
// for the form as a whole. Client checks give message keys or text; the
// server's messages arrive as text.

/** Form-field name → message. FORM_ERROR ("_") is the form as a whole. */
export type FormErrors = Record<string, string>;

export const FORM_ERROR = "_";

/** The input a server field error is shown on, or undefined when no input shows it. */
export type ErrorTarget = (field: string, message: string) => string | undefined;

/** Shows a server field on the input of the same name when the form has one. */
export function sameName(fields: readonly string[]): ErrorTarget {
  return (field) => {
    if (fields.includes(field)) return field;
    const top = field.split(".")[0];
    return fields.includes(top) ? top : undefined;
  };
}

/**
 * Sends each field error of a failed request to the input that shows it; what
 * fits no input, or a failure without fields, becomes the form-level error "_".
 * Two messages for one input are joined.
 */
export function routeErrors(err: unknown, target: ErrorTarget): FormErrors {
  if (!(err instanceof ApiClientError)) return { [FORM_ERROR]: err instanceof Error ? err.message : String(err) };
  return routeFields(err.fields, target, err.message);
}

/**
 * The API's own check of the body a form would send, run before sending: its
 * issues land where the server's field errors would. {} when the body passes.
 */
export function schemaErrors(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: readonly Issue[] } } }, body: unknown, target: ErrorTarget): FormErrors {
  const parsed = schema.safeParse(body);
  if (parsed.success || !parsed.error) return {};
  const fields: FormErrors = {};
  for (const i of parsed.error.issues) fields[i.path.map(String).join(".")] ??= i.message;
  return routeFields(fields, target, parsed.error.issues[0]?.message ?? "");
}

type Issue = { path: readonly PropertyKey[]; message: string };

function routeFields(fields: FormErrors, target: ErrorTarget, summary: string): FormErrors {
  const out: FormErrors = {};
  const rest: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const to = target(field, message);
    if (to) out[to] = out[to] ? `${out[to]} ${message}` : message;
    else rest.push(message);
  }
  if (rest.length) out[FORM_ERROR] = rest.join(" ");
  else if (Object.keys(out).length === 0) out[FORM_ERROR] = summary;
  return out;
}

/** A 409 the server did not pin on a field: the name is taken. */
export function conflictOn(err: unknown, field: string, message: () => string): FormErrors {
  return err instanceof ApiClientError && err.status === 409 && !err.fields[field] ? { [field]: message() } : {};
}

/**
 * A wizard's "step of a field": the step whose fields (by top-level name) hold
 * it ("quota.requests:cpu" → the step of "quota"); none for the form as a whole.
 */
export function stepOfFieldIn<K extends string>(order: readonly K[], stepFields: Readonly<Record<K, readonly string[]>>): (field: string) => K | undefined {
  return (field) => {
    const top = field.split(".")[0];
    return order.find((k) => stepFields[k].includes(top));
  };
}

/** The steps holding an error on one of `fields`, in step order: a wizard marks them failed and goes to the first. */
export function failedSteps<K extends string>(order: readonly K[], fields: Iterable<string>, of: (field: string) => K | undefined): K[] {
  const hit = new Set<K | undefined>();
  for (const field of fields) hit.add(of(field));
  return order.filter((k) => hit.has(k));
}

/**
 * A wizard's checks: its own (as translated messages) where it has them and,
 * on Next or the submit, the API's schema (see schemaErrors) on the fields its
 * own checks pass. Next shows the errors of its step only, so the schema's are
 * needed there even while a later step's own checks fail. The schema's
 * form-level error only when the own checks pass (it may just repeat them).
 */
export function withSchemaErrors(own: FormErrors, submit: boolean, schema: () => FormErrors): FormErrors {
  if (!submit) return own;
  const { [FORM_ERROR]: whole, ...fields } = schema();
  const out = { ...fields, ...own };
  if (whole && !Object.keys(own).length) out[FORM_ERROR] = whole;
  return out;
}

/**
 * The row of a key-value list that a server error "<name>.<key>" is about, at
 * "<name>.<index>" as KeyValueRowsField shows it; undefined when no row has that key.
 */
export function keyRowTarget(name: string, field: string, rows: readonly { key: string }[]): string | undefined {
  if (!field.startsWith(`${name}.`)) return undefined;
  const key = field.slice(name.length + 1);
  const i = rows.findIndex((r) => key && r.key.trim() === key);
  return i >= 0 ? `${name}.${i}` : undefined;
}

/**
 * The names of the fields with an error in react-hook-form's nested errors
 * ("labels.2"); the form-level ones (root) are not fields.
 */
export function errorFields(errors: object): string[] {
  const out: string[] = [];
  const walk = (node: object, path: string) => {
    // A field's error has its type; anything else holds the errors of nested fields.
    if (typeof (node as { type?: unknown }).type === "string") {
      out.push(path);
      return;
    }
    for (const [k, v] of Object.entries(node)) if (v && typeof v === "object" && !(path === "" && k === "root")) walk(v, path ? `${path}.${k}` : k);
  };
  walk(errors, "");
  return out;
}

/** Moves keyboard focus to the first invalid control, so the user lands on what to fix. */
export function focusFirstInvalid(root: Element | null) {
  root?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
}

/** Form values equal but for white space around texts (trimmed they send the same); a missing key counts as "". */
export function sameValues(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValues(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((k) => sameValues(x[k] ?? "", y[k] ?? ""));
  }
  return a === b;
}

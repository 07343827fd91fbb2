import type { z } from "@/lib/validations/zod";
import { type CodedErrors, type FieldError, splitCauses } from "@/components/ui/coded-errors";

// What the route forms' models share: field errors as message keys, zod's
// issues turned into them, Kubernetes name and host checks, and the API
// server's causes put on the form's fields. Pure.

/** Codes are message keys of workloads.routeForm.errors. */
export type { FieldError };
export type FormErrors = CodedErrors;

/** Anything the form does not show, carried from the object to the object it writes back. */
export type Kept = Record<string, unknown>;

export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A host name as routes take it: lowercase DNS, optionally a leading "*." wildcard. */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
export const INT = /^\d+$/;
/** An IANA service name (a named port): at most 15, lowercase, a letter, no "--". */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function issue(ctx: z.RefinementCtx, path: (string | number)[], code: string, values?: Record<string, string | number>) {
  ctx.addIssue({ code: "custom", path, message: code, params: values ? { values } : undefined });
}

/** zod's issues (from the form schemas) as field errors keyed by dotted path; the first per field. */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string; params?: unknown }[]): FormErrors {
  const out: FormErrors = {};
  for (const i of issues) {
    const key = i.path.map(String).join(".");
    if (out[key]) continue;
    const values = (i.params as { values?: Record<string, string | number> } | undefined)?.values;
    out[key] = values ? { code: i.message, values } : { code: i.message };
  }
  return out;
}

/** A required Kubernetes object name (DNS subdomain, at most 253). */
export function nameCode(v: string): FieldError | undefined {
  const s = v.trim();
  if (!s) return { code: "required" };
  if (s.length > 253) return { code: "tooLong", values: { max: 253 } };
  if (!DNS_SUBDOMAIN.test(s)) return { code: "dnsSubdomain" };
  return undefined;
}

/** A host name: DNS, optional "*." in front, no IP address. */
export function hostCode(h: string): FieldError | undefined {
  if (h.length > 253) return { code: "tooLong", values: { max: 253 } };
  if (IPV4.test(h) || h.includes(":")) return { code: "hostIp", values: { host: h } };
  if (!HOSTNAME.test(h)) return { code: "hostname", values: { host: h } };
  return undefined;
}

/** Host names typed into one field: separated by commas, spaces or new lines. */
export const splitHosts = (v: string): string[] => v.split(/[\s,]+/).filter(Boolean);

/**
 * An absolute request path as the API takes it for prefix and exact matches:
 * starting with "/", without "//", "/./", "/../", an encoded "/" or a fragment.
 */
export function absolutePathCode(v: string): FieldError | undefined {
  if (v.length > 1024) return { code: "tooLong", values: { max: 1024 } };
  if (!v.startsWith("/")) return { code: "pathSlash" };
  if (/\/\/|\/\.\/|\/\.\.\/|%2f|#/i.test(v) || /\/\.\.?$/.test(v)) return { code: "pathChars" };
  return undefined;
}

export function portCode(v: string, allowName: boolean): FieldError | undefined {
  const s = v.trim();
  if (!s) return { code: "required" };
  if (INT.test(s)) return Number(s) >= 1 && Number(s) <= 65535 ? undefined : { code: "port" };
  if (allowName && s.length <= 15 && PORT_NAME.test(s) && !s.includes("--")) return undefined;
  return { code: allowName ? "portOrName" : "port" };
}

/** "spec.rules[1].backendRefs[0].port" → ["spec", "rules", 1, "backendRefs", 0, "port"]. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const x of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(x[1]));
  }
  return out;
}

/** Splits the API server's causes into field errors (its words, on the field `target` names) and the rest. */
export function serverFieldErrors(causes: { field?: string; message?: string; reason?: string }[], target: (path: (string | number)[]) => string | undefined): { fields: FormErrors; other: string[] } {
  return splitCauses(causes, (field) => target(fieldPath(field)));
}

/** An object without the keys the form shows: what it writes back untouched. */
export function kept(o: object | undefined, shown: readonly string[]): Kept {
  const out: Kept = {};
  for (const [k, v] of Object.entries(o ?? {})) if (!shown.includes(k)) out[k] = v;
  return out;
}

/**
 * Whether `latest` is the object the form was opened on as far as the form
 * and the user are concerned: the same spec, labels and annotations. A route's
 * status changes its resourceVersion without changing anything the user
 * edited; a save over such a change is no lost update.
 */
export function unchangedSince(original: { metadata: { labels?: object; annotations?: object }; spec?: unknown }, latest: typeof original): boolean {
  const view = (o: typeof original) => JSON.stringify([o.spec ?? null, o.metadata.labels ?? {}, o.metadata.annotations ?? {}]);
  return view(original) === view(latest);
}

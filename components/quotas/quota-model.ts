import { formatBytes, formatCPU, parseQuantity } from "@/lib/k8s/quantity";
import { COUNT_RESOURCES, checkQuantity } from "@/lib/k8s/quantity-validate";

// Pure helpers of the quota, limit-range and budget forms. Client checks
// return message keys of the "quotas" messages (with their values); the
// server's and the proxy's messages arrive as text and are shown verbatim.

export type ResourceList = Record<string, string>;

/** What a project quota, a tenant's default quota and a budget are made of. */
export const PROJECT_RESOURCES = [
  "requests.cpu",
  "requests.memory",
  "limits.cpu",
  "limits.memory",
  "pods",
  "services",
  "persistentvolumeclaims",
  "requests.storage",
] as const;

/** The rows of the ResourceQuota editor. */
export const QUOTA_EDITOR_RESOURCES = [
  "pods",
  "requests.cpu",
  "limits.cpu",
  "requests.memory",
  "limits.memory",
  "requests.storage",
  "persistentvolumeclaims",
  "services",
  "services.nodeports",
  "services.loadbalancers",
  "configmaps",
  "secrets",
] as const;

export const QUOTA_SCOPES = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort"] as const;
export type QuotaScope = (typeof QUOTA_SCOPES)[number];

export type ResourceKind = "cpu" | "bytes" | "count" | "other";

export function resourceKind(resource: string): ResourceKind {
  if (COUNT_RESOURCES.has(resource) || resource.startsWith("count/")) return "count";
  if (resource === "cpu" || resource.endsWith(".cpu")) return "cpu";
  if (/(^|\.)(memory|storage|ephemeral-storage)$/.test(resource)) return "bytes";
  return "other";
}

/** A number of a resource for people: "250m", "8 GiB", "12". */
export function formatAmount(resource: string, n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return "—";
  switch (resourceKind(resource)) {
    case "cpu":
      return formatCPU(n);
    case "bytes":
      return formatBytes(n);
    default:
      return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
  }
}

/** A quantity string for people (unparseable text is shown as it is). */
export function formatQuantity(resource: string, q: string | undefined): string {
  if (q === undefined || q === "") return "—";
  const n = parseQuantity(q);
  return n === undefined ? q : formatAmount(resource, n);
}

/** used ÷ hard, or undefined without a (positive) hard limit. */
export function usageRatio(used: number | undefined, hard: number | undefined): number | undefined {
  if (hard === undefined || !Number.isFinite(hard)) return undefined;
  if (hard <= 0) return (used ?? 0) > 0 ? Infinity : 0;
  return (used ?? 0) / hard;
}

/**
 * Sums one resource over several lists. `undefined` when no list has it, so
 * "no limit anywhere" is told apart from "a limit of 0".
 */
export function sumResource(lists: (ResourceList | undefined | null)[], resource: string): number | undefined {
  let out: number | undefined;
  for (const l of lists) {
    const v = parseQuantity(l?.[resource]);
    if (v !== undefined) out = (out ?? 0) + v;
  }
  return out;
}

/** The non-empty, trimmed entries of a form's values. */
export function cleanList(values: Record<string, string>): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(values)) {
    const s = v.trim();
    if (s) out[k] = s;
  }
  return out;
}

/** Form values for a list of resources: every resource present, "" when unset. */
export function formValues(resources: readonly string[], list: ResourceList | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of resources) out[r] = list?.[r] ?? "";
  for (const [k, v] of Object.entries(list ?? {})) if (!(k in out)) out[k] = v;
  return out;
}

/**
 * A resource as a form field's key: react-hook-form reads dots in a name as
 * nesting, so "requests.cpu" is kept whole as "requests:cpu" (no resource
 * name has a colon).
 */
export const resourceField = (resource: string) => resource.replaceAll(".", ":");
export const fieldResource = (field: string) => field.replaceAll(":", ".");

/** A list of resources as form values keyed by resourceField, and back. */
export const toFieldKeys = (list: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(list).map(([r, v]) => [resourceField(r), v]));
export const fromFieldKeys = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [fieldResource(k), v]));

/** A message key of the "quotas" namespace with its values. */
export interface Issue {
  key: string;
  values?: Record<string, string | number>;
}

const DECIMAL_FIX: Record<string, string> = { kb: "k", mb: "M", gb: "G", tb: "T", pb: "P", eb: "E" };
const BINARY_FIX: Record<string, string> = { kib: "Ki", mib: "Mi", gib: "Gi", tib: "Ti", pib: "Pi", eib: "Ei", ki: "Ki", mi: "Mi", gi: "Gi", ti: "Ti", pi: "Pi", ei: "Ei" };

/**
 * checkQuantity (lib/k8s/quantity-validate) decides; this names its verdict as
 * a translatable message with the same hint ("2GB" → "2G or 2Gi").
 */
export function quantityIssue(input: string, resource: string, required = false): Issue | undefined {
  const v = input.trim();
  if (!v) return required ? { key: "quantity.required" } : undefined;
  const c = checkQuantity(v, resource);
  if (c.ok) return undefined;
  const n = parseQuantity(v);
  if (n !== undefined && n < 0) return { key: "quantity.negative" };
  if (n !== undefined) return { key: "quantity.wholeNumber", values: { resource } };
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]+)$/.exec(v);
  if (m) {
    const [, num, unit] = m;
    const u = unit.toLowerCase();
    if (BINARY_FIX[u]) return { key: "quantity.binaryUnit", values: { fix: `${num}${BINARY_FIX[u]}` } };
    if (DECIMAL_FIX[u]) return { key: "quantity.byteUnit", values: { decimal: `${num}${DECIMAL_FIX[u]}`, binary: `${num}${DECIMAL_FIX[u]}i` } };
    if (["core", "cores", "cpu", "cpus"].includes(u)) return { key: "quantity.cpuUnit", values: { number: num, milli: `${Math.round(Number(num) * 1000)}m` } };
    if (["b", "byte", "bytes"].includes(u)) return { key: "quantity.bytes", values: { number: num } };
  }
  if (/\s/.test(v)) return { key: "quantity.spaces" };
  return { key: "quantity.invalid" };
}

/** Checks every value of a form; `required` resources must be set. */
export function listIssues(values: Record<string, string>, required: ReadonlySet<string> = new Set()): Record<string, Issue> {
  const out: Record<string, Issue> = {};
  for (const [r, q] of Object.entries(values)) {
    const issue = quantityIssue(q, r, required.has(r));
    if (issue) out[r] = issue;
  }
  for (const r of required) if (!(r in values)) out[r] = { key: "quantity.required" };
  return out;
}

/** Issues of quantities a form holds at `prefix` by resourceField, under their form names. */
export function quantityIssuesAt(prefix: string, values: Record<string, string>, required?: ReadonlySet<string>): Record<string, Issue> {
  return Object.fromEntries(Object.entries(listIssues(fromFieldKeys(values), required)).map(([r, issue]) => [`${prefix}.${resourceField(r)}`, issue]));
}

// ---- limit ranges ----

export const LIMIT_RESOURCES = ["cpu", "memory"] as const;
export type LimitField = "min" | "max" | "default" | "defaultRequest" | "maxLimitRequestRatio";
export type LimitType = "Container" | "Pod";

/** Kubernetes refuses default and defaultRequest on a Pod limit. */
export const LIMIT_FIELDS: Record<LimitType, readonly LimitField[]> = {
  Container: ["min", "defaultRequest", "default", "max", "maxLimitRequestRatio"],
  Pod: ["min", "max", "maxLimitRequestRatio"],
};

/** Values of one limit type: field → resource → quantity text. */
export type LimitValues = Partial<Record<LimitField, Record<string, string>>>;

const num = (values: LimitValues, f: LimitField, r: string): number | undefined => {
  const s = values[f]?.[r]?.trim();
  if (!s || !checkQuantity(s, r).ok) return undefined;
  return parseQuantity(s);
};

/** Field key of a limit form: "<field>.<resource>". */
export const limitKey = (field: LimitField, resource: string) => `${field}.${resource}`;

/**
 * Quantities one by one, then how they relate, as Kubernetes validates them:
 * min ≤ defaultRequest ≤ default ≤ max, and 1 ≤ maxLimitRequestRatio ≤ max ÷ min.
 */
export function limitIssues(values: LimitValues, fields: readonly LimitField[], resources: readonly string[] = LIMIT_RESOURCES): Record<string, Issue> {
  const out: Record<string, Issue> = {};
  for (const f of fields) {
    for (const r of resources) {
      const issue = quantityIssue(values[f]?.[r] ?? "", f === "maxLimitRequestRatio" ? "" : r);
      if (issue) out[limitKey(f, r)] = issue;
    }
  }
  for (const r of resources) {
    const has = (f: LimitField) => fields.includes(f) && !out[limitKey(f, r)];
    const v = (f: LimitField) => (has(f) ? num(values, f, r) : undefined);
    const min = v("min");
    const max = v("max");
    const def = v("default");
    const req = v("defaultRequest");
    const ratio = v("maxLimitRequestRatio");
    const fmt = (n: number) => formatAmount(r, n);
    const atLeast = (f: LimitField, other: LimitField, n: number) => (out[limitKey(f, r)] ??= { key: "limits.atLeast", values: { other, value: fmt(n) } });
    const atMost = (f: LimitField, other: LimitField, n: number) => (out[limitKey(f, r)] ??= { key: "limits.atMost", values: { other, value: fmt(n) } });
    if (max !== undefined && min !== undefined && max < min) atLeast("max", "min", min);
    if (def !== undefined) {
      if (min !== undefined && def < min) atLeast("default", "min", min);
      if (max !== undefined && def > max) atMost("default", "max", max);
    }
    if (req !== undefined) {
      if (min !== undefined && req < min) atLeast("defaultRequest", "min", min);
      if (max !== undefined && req > max) atMost("defaultRequest", "max", max);
      if (def !== undefined && req > def) atMost("defaultRequest", "default", def);
    }
    if (ratio !== undefined) {
      if (ratio < 1) out[limitKey("maxLimitRequestRatio", r)] ??= { key: "limits.ratioMin" };
      else if (min !== undefined && max !== undefined && min > 0 && ratio > max / min) {
        out[limitKey("maxLimitRequestRatio", r)] ??= { key: "limits.ratioMax", values: { value: Number((max / min).toFixed(3)) } };
      }
    }
  }
  return out;
}

/** limitIssues of limits a form holds at `prefix`, under their form names. */
export function limitIssuesAt(prefix: string, values: LimitValues, fields: readonly LimitField[]): Record<string, Issue> {
  return Object.fromEntries(Object.entries(limitIssues(values, fields)).map(([k, issue]) => [`${prefix}.${k}`, issue]));
}

/** The entries of a limit form worth sending: fields with at least one value. */
export function cleanLimits(values: LimitValues, fields: readonly LimitField[]): Partial<Record<LimitField, ResourceList>> {
  const out: Partial<Record<LimitField, ResourceList>> = {};
  for (const f of fields) {
    const l = cleanList(values[f] ?? {});
    if (Object.keys(l).length) out[f] = l;
  }
  return out;
}

/** A message-key-safe form of a resource name ("requests.cpu" → "requests_cpu"): next-intl nests on dots. */
export const resourceMessageKey = (resource: string) => resource.replace(/[./]/g, "_");

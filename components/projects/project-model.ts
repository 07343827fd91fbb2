import { type LimitField, type ResourceList, cleanList, sumResource } from "@/components/quotas/quota-model";
import { parseQuantity } from "@/lib/k8s/quantity";
import { DNS_LABEL, isLabelKey } from "@/lib/validations/labels";
import type { CreateProjectBody, LimitDefaults, Project } from "./project-api";

// Pure state helpers of the project forms. Client checks return message keys of
// the "projects" messages; the server's messages arrive as text.

export const PROJECT_NAME_MAX = 63;
export const DISPLAY_NAME_MAX = 100;
export const DESCRIPTION_MAX = 500;

/** A project name is a namespace name on every cluster: a DNS-1123 label. */
export function projectNameError(name: string, required: boolean): string | undefined {
  const v = name.trim();
  if (!v) return required ? "validation.nameRequired" : undefined;
  if (v.length > PROJECT_NAME_MAX) return "validation.nameTooLong";
  if (/[A-Z]/.test(v)) return "validation.nameLowercase";
  if (!DNS_LABEL.test(v)) return "validation.namePattern";
  return undefined;
}

/** Used and hard of a resource, summed over the clusters that report a quota. */
export function projectUsage(p: Pick<Project, "clusters">, resource: string): { used?: number; hard?: number } {
  const quotas = p.clusters.map((c) => c.quota);
  const hard = sumResource(
    quotas.map((q) => q?.hard),
    resource,
  );
  const used = sumResource(
    quotas.map((q) => q?.used),
    resource,
  );
  return { used, hard };
}

/** Sort key of a usage: the ratio, then projects without a limit last. */
export function usageSortValue(u: { used?: number; hard?: number }): number {
  if (u.hard === undefined) return -1;
  if (u.hard <= 0) return (u.used ?? 0) > 0 ? Number.MAX_SAFE_INTEGER : 0;
  return (u.used ?? 0) / u.hard;
}

// ---- node selector ----

export interface SelectorRow {
  id: string;
  key: string;
  value: string;
}

// Label keys are data, not UI text: the usual ones for choosing nodes.
export const SUGGESTED_SELECTOR_KEYS = ["kubernetes.io/os", "kubernetes.io/arch", "node-role.kubernetes.io/worker", "topology.kubernetes.io/zone", "node.kubernetes.io/instance-type"];

let lastRow = 0;
export function newSelectorRow(key = "", value = ""): SelectorRow {
  lastRow += 1;
  return { id: `selector-${lastRow}`, key, value };
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Per row id: a message key. Rows with neither key nor value are ignored. */
export function selectorErrors(rows: SelectorRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const r of rows) {
    const k = r.key.trim();
    const v = r.value.trim();
    if (!k && !v) continue;
    if (!k) out[r.id] = "validation.selectorKeyRequired";
    else if (!isLabelKey(k)) out[r.id] = "validation.selectorKey";
    else if (seen.has(k)) out[r.id] = "validation.selectorKeyDuplicate";
    else if (v.length > 63 || !LABEL_VALUE.test(v)) out[r.id] = "validation.selectorValue";
    if (k) seen.add(k);
  }
  return out;
}

export function selectorFromRows(rows: SelectorRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const k = r.key.trim();
    if (k) out[k] = r.value.trim();
  }
  return out;
}

// ---- defaults and budget ----

/** What the tenant's budget leaves on a cluster for a resource; undefined without a budget for it. */
export function remaining(budget: ResourceList | undefined, allocated: ResourceList | undefined, resource: string): number | undefined {
  const b = parseQuantity(budget?.[resource]);
  if (b === undefined) return undefined;
  return Math.max(0, b - (parseQuantity(allocated?.[resource]) ?? 0));
}

/** The container default fields the create wizard offers. */
export const WIZARD_LIMIT_FIELDS: readonly LimitField[] = ["defaultRequest", "default"];
/** The fields of a tenant's default limits (docs/api.md: default, defaultRequest, max, min). */
export const TENANT_LIMIT_FIELDS: readonly LimitField[] = ["min", "defaultRequest", "default", "max"];

/** Form values of limit defaults: field → resource → text. */
export type LimitForm = Partial<Record<LimitField, Record<string, string>>>;

export function limitFormFrom(limits: LimitDefaults | undefined, fields: readonly LimitField[], resources: readonly string[]): LimitForm {
  const out: LimitForm = {};
  for (const f of fields) {
    const src = (limits as Partial<Record<LimitField, ResourceList>> | undefined)?.[f];
    out[f] = Object.fromEntries(resources.map((r) => [r, src?.[r] ?? ""]));
  }
  return out;
}

export function limitDefaultsFrom(form: LimitForm, fields: readonly LimitField[]): LimitDefaults {
  const out: LimitDefaults = {};
  for (const f of fields) {
    if (f === "maxLimitRequestRatio") continue;
    const l = cleanList(form[f] ?? {});
    if (Object.keys(l).length) out[f] = l;
  }
  return out;
}

// ---- the create wizard ----

export const WIZARD_STEPS = ["tenant", "clusters", "name", "nodes", "quota", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** The step that shows a server field error ("quota.requests.cpu" → "quota"). */
export function stepOfField(field: string): WizardStep | undefined {
  const top = field.split(".")[0];
  if (top === "tenant") return "tenant";
  if (top === "clusters") return "clusters";
  if (top === "name" || top === "displayName" || top === "description") return "name";
  if (top === "nodeSelector") return "nodes";
  if (top === "quota" || top === "limits") return "quota";
  return undefined;
}

export interface WizardState {
  tenant: string;
  clusters: string[];
  name: string;
  displayName: string;
  description: string;
  selector: SelectorRow[];
  quota: Record<string, string>;
  limits: LimitForm;
  /** The tenant's default limits: what the wizard does not show (max, min) goes as it is. */
  baseLimits?: LimitDefaults;
}

export function createBody(s: WizardState): CreateProjectBody {
  const selector = selectorFromRows(s.selector);
  return {
    tenant: s.tenant,
    clusters: s.clusters,
    name: s.name.trim(),
    displayName: s.displayName.trim() || undefined,
    description: s.description.trim() || undefined,
    nodeSelector: Object.keys(selector).length ? selector : undefined,
    // Sent even when empty: the form started from the tenant's defaults, and what the user cleared stays cleared.
    quota: cleanList(s.quota),
    limits: mergeLimits(s.baseLimits, s.limits, WIZARD_LIMIT_FIELDS),
  };
}

/** The base limits with the form's fields in their place (a cleared field is left out). */
export function mergeLimits(base: LimitDefaults | undefined, form: LimitForm, fields: readonly LimitField[]): LimitDefaults {
  const out: LimitDefaults = { ...(base ?? {}) };
  for (const f of fields) if (f !== "maxLimitRequestRatio") delete out[f];
  return { ...out, ...limitDefaultsFrom(form, fields) };
}

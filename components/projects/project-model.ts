import {
  type Issue,
  LIMIT_RESOURCES,
  type LimitField,
  PROJECT_RESOURCES,
  type ResourceList,
  cleanList,
  formValues,
  fromFieldKeys,
  limitIssuesAt,
  limitKey,
  quantityIssuesAt,
  resourceField,
  sumResource,
  toFieldKeys,
} from "@/components/quotas/quota-model";
import { type ErrorTarget, keyRowTarget, stepOfFieldIn } from "@/components/ui/form-errors";
import { parseQuantity } from "@/lib/k8s/quantity";
import { DNS_LABEL, LABEL_VALUE, isLabelKey } from "@/lib/validations/labels";
import type { CreateProjectBody, LimitDefaults, Project, TenantDefaults, TenantQuota } from "./project-api";

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

/** The tenant's budget on a cluster: from its quota report, else from its settings (not every member may read the report). */
export function budgetOn(cluster: string, budget: Record<string, ResourceList> | undefined, report: TenantQuota | undefined): ResourceList | undefined {
  return report?.clusters.find((c) => c.cluster === cluster)?.budget ?? budget?.[cluster];
}

/** The resources a budget limits on any of `clusters`: a project quota there must set them. */
export function budgetedResources(clusters: readonly string[], budget: Record<string, ResourceList> | undefined, report: TenantQuota | undefined): Set<string> {
  return new Set(clusters.flatMap((c) => Object.keys(budgetOn(c, budget, report) ?? {})));
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

/** The wizard's form values, named as the request's fields; quota by resourceField (react-hook-form nests on dots). */
export interface WizardValues {
  tenant: string;
  clusters: string[];
  name: string;
  displayName: string;
  description: string;
  nodeSelector: SelectorRow[];
  quota: Record<string, string>;
  limits: LimitForm;
}

/** The form fields of each step: Next checks them, and an error on one marks its step. */
export const STEP_FIELDS = {
  tenant: ["tenant"],
  clusters: ["clusters"],
  name: ["name", "displayName", "description"],
  nodes: ["nodeSelector"],
  quota: ["quota", "limits"],
  review: [],
} as const satisfies Record<WizardStep, readonly (keyof WizardValues)[]>;

/** The step that shows a field, by its form or request name ("quota.requests:cpu", "quota.requests.cpu" → "quota"). */
export const stepOfField = stepOfFieldIn<WizardStep>(WIZARD_STEPS, STEP_FIELDS);

/** The wizard's values when it opens, for `tenant` when there is one to choose. */
export function wizardDefaults(tenant = ""): WizardValues {
  return { tenant, clusters: [], name: "", displayName: "", description: "", nodeSelector: [newSelectorRow()], ...wizardQuotaAndLimits(undefined) };
}

/** Quota and limits as the tenant's defaults fill them; every input empty without defaults. */
export function wizardQuotaAndLimits(defaults: TenantDefaults | undefined): Pick<WizardValues, "quota" | "limits"> {
  return { quota: toFieldKeys(formValues(PROJECT_RESOURCES, defaults?.quota)), limits: limitFormFrom(defaults?.limits, WIZARD_LIMIT_FIELDS, LIMIT_RESOURCES) };
}

const isWizardLimit = (key: string) => WIZARD_LIMIT_FIELDS.some((f) => LIMIT_RESOURCES.some((r) => key === limitKey(f, r)));

/**
 * The wizard's checks by form field, as message keys from the messages' root.
 * `submit` (Next, Create): required fields too, and the resources the tenant's
 * budget on the chosen clusters limits (`required`). The wizard's limits are
 * checked against the tenant's others (max, min), which go with them.
 */
export function wizardIssues(v: WizardValues, submit: boolean, required: ReadonlySet<string>, baseLimits?: LimitDefaults): Record<string, Issue> {
  const out: Record<string, Issue> = {};
  if (submit && !v.tenant) out.tenant = { key: "projects.create.validation.tenantRequired" };
  if (submit && !v.clusters.length) out.clusters = { key: "projects.create.validation.clustersRequired" };
  const name = projectNameError(v.name, submit);
  if (name) out.name = { key: `projects.${name}`, values: { max: PROJECT_NAME_MAX } };
  const tooLong = (max: number): Issue => ({ key: "projects.create.validation.tooLong", values: { max } });
  if (v.displayName.trim().length > DISPLAY_NAME_MAX) out.displayName = tooLong(DISPLAY_NAME_MAX);
  if (v.description.trim().length > DESCRIPTION_MAX) out.description = tooLong(DESCRIPTION_MAX);
  const selector = selectorErrors(v.nodeSelector);
  v.nodeSelector.forEach((r, i) => {
    if (selector[r.id]) out[`nodeSelector.${i}`] = { key: `projects.${selector[r.id]}` };
  });
  const limits = limitIssuesAt("limits", { ...limitFormFrom(baseLimits, TENANT_LIMIT_FIELDS, LIMIT_RESOURCES), ...v.limits }, TENANT_LIMIT_FIELDS);
  const quantities = { ...quantityIssuesAt("quota", v.quota, submit ? required : undefined), ...limits };
  for (const [field, issue] of Object.entries(quantities)) {
    if (!field.startsWith("limits.") || isWizardLimit(field.slice("limits.".length))) out[field] = { ...issue, key: `quotas.${issue.key}` };
  }
  return out;
}

/** The input that shows a field error of the create request; undefined: the form as a whole. */
export function wizardTarget(v: Pick<WizardValues, "nodeSelector">): ErrorTarget {
  return (field) => {
    const top = field.split(".")[0];
    const rest = field.slice(top.length + 1);
    if (top === "nodeSelector") return keyRowTarget(top, field, v.nodeSelector);
    if (top === "quota") return (PROJECT_RESOURCES as readonly string[]).includes(rest) ? `quota.${resourceField(rest)}` : undefined;
    if (top === "limits") return isWizardLimit(rest) ? field : undefined;
    // The other fields have one input each ("clusters.1" → "clusters").
    return stepOfField(top) ? top : undefined;
  };
}

/** The request body; `baseLimits`: the tenant's default limits, whose fields the wizard does not show (max, min) go as they are. */
export function createBody(v: WizardValues, baseLimits?: LimitDefaults): CreateProjectBody {
  const selector = selectorFromRows(v.nodeSelector);
  return {
    tenant: v.tenant,
    clusters: v.clusters,
    name: v.name.trim(),
    displayName: v.displayName.trim() || undefined,
    description: v.description.trim() || undefined,
    nodeSelector: Object.keys(selector).length ? selector : undefined,
    // Sent even when empty: the form started from the tenant's defaults, and what the user cleared stays cleared.
    quota: cleanList(fromFieldKeys(v.quota)),
    limits: mergeLimits(baseLimits, v.limits, WIZARD_LIMIT_FIELDS),
  };
}

/** The base limits with the form's fields in their place (a cleared field is left out). */
export function mergeLimits(base: LimitDefaults | undefined, form: LimitForm, fields: readonly LimitField[]): LimitDefaults {
  const out: LimitDefaults = { ...(base ?? {}) };
  for (const f of fields) if (f !== "maxLimitRequestRatio") delete out[f];
  return { ...out, ...limitDefaultsFrom(form, fields) };
}

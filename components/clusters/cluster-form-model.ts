import type { FormErrors } from "@/components/ui/form-errors";
import type { PrometheusAuthInput } from "@/lib/validations/cluster";
import { DNS_LABEL, isLabelKey } from "@/lib/validations/labels";

// Pure state helpers of the cluster forms. Client checks return message keys
// (translated by the form); the server's messages arrive as text.

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface LabelRow {
  id: string;
  key: string;
  value: string;
}

export type PrometheusAuthType = "none" | "bearer" | "basic";

/** How the console signs in to the cluster's Prometheus. Credentials are write-only: blank keeps what is stored. */
export interface PrometheusAuthForm {
  /** What is stored now (the cluster view tells the type, never the secret). */
  current: PrometheusAuthType;
  type: PrometheusAuthType;
  token: string;
  username: string;
  password: string;
}

export interface ClusterMeta {
  displayName: string;
  description: string;
  labels: LabelRow[];
  prometheusURL: string;
  /** Only where the form edits it (the edit dialog). */
  prometheusAuth?: PrometheusAuthForm;
}

export const AUTH_FIELDS = { token: "prometheusAuth.token", username: "prometheusAuth.username", password: "prometheusAuth.password", type: "prometheusAuth.type" } as const;

export function prometheusAuthForm(current: PrometheusAuthType): PrometheusAuthForm {
  return { current, type: current, token: "", username: "", password: "" };
}

/** Blank credentials of the type already stored mean "keep them". */
function keeps(a: PrometheusAuthForm): boolean {
  if (a.type !== a.current) return false;
  if (a.type === "bearer") return !a.token.trim();
  if (a.type === "basic") return !a.username.trim() && !a.password;
  return true;
}

/** Checks of the Prometheus credentials on submit (message keys): a required field is not an error while typing. */
export function prometheusAuthErrors(a: PrometheusAuthForm | undefined): FormErrors {
  const out: FormErrors = {};
  if (!a || keeps(a)) return out;
  if (a.type === "bearer") {
    const v = a.token.trim();
    if (!v) out[AUTH_FIELDS.token] = "validation.tokenRequired";
    else if (!/^[\x21-\x7e]+$/.test(v)) out[AUTH_FIELDS.token] = "validation.tokenChars";
  }
  if (a.type === "basic") {
    const u = a.username.trim();
    if (!u) out[AUTH_FIELDS.username] = "validation.usernameRequired";
    else if (u.includes(":")) out[AUTH_FIELDS.username] = "validation.usernameColon";
    if (!a.password) out[AUTH_FIELDS.password] = "validation.passwordRequired";
  }
  return out;
}

/** The `prometheusAuth` of a PATCH: left out when nothing changes (the stored credentials stay). */
export function prometheusAuthBody(a: PrometheusAuthForm | undefined): PrometheusAuthInput | undefined {
  if (!a || keeps(a)) return undefined;
  if (a.type === "none") return { type: "none" };
  if (a.type === "bearer") return { type: "bearer", token: a.token.trim() };
  return { type: "basic", username: a.username.trim(), password: a.password };
}

/** The input showing a server error about the Prometheus credentials. */
export function prometheusAuthTarget(field: string): string | undefined {
  if (field === AUTH_FIELDS.token || field === AUTH_FIELDS.username || field === AUTH_FIELDS.password) return field;
  if (field === "prometheusAuth" || field.startsWith("prometheusAuth.")) return AUTH_FIELDS.type;
  return undefined;
}


export const NAME_MAX = 40;
const RESERVED_PREFIXES = ["pilothouse.dev/", "kubernetes.io/", "k8s.io/"];

let lastRowId = 0;
export function newLabelRow(key = "", value = ""): LabelRow {
  lastRowId += 1;
  return { id: `label-${lastRowId}`, key, value };
}

export function rowsFromLabels(labels: Record<string, string>): LabelRow[] {
  const rows = Object.entries(labels).map(([k, v]) => newLabelRow(k, v));
  return rows.length ? rows : [newLabelRow()];
}

// Label keys are data, not UI text: the usual ones for placing a cluster.
export const SUGGESTED_LABEL_KEYS = ["region", "env", "zone", "provider", "team"];

// Under "labels", so a change of the rows re-checks them all.
export const labelField = (row: LabelRow) => `labels.${row.id}`;

/** Rows with an empty key or value are left out, so the suggested rows cost nothing when unused. */
export function labelsFromRows(rows: LabelRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const k = r.key.trim();
    const v = r.value.trim();
    if (k && v) out[k] = v;
  }
  return out;
}

export function nameError(name: string, required: boolean): string | undefined {
  const v = name.trim();
  if (!v) return required ? "validation.nameRequired" : undefined;
  if (v.length > NAME_MAX) return "validation.nameTooLong";
  if (/[A-Z]/.test(v)) return "validation.nameLowercase";
  if (!DNS_LABEL.test(v)) return "validation.namePattern";
  return undefined;
}

export function httpURLError(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  try {
    const u = new URL(v);
    if ((u.protocol === "http:" || u.protocol === "https:") && u.hostname) return undefined;
  } catch {
    /* falls through */
  }
  return "validation.url";
}

export function serverURLError(value: string, required: boolean): string | undefined {
  const v = value.trim();
  if (!v) return required ? "validation.serverRequired" : undefined;
  if (!v.startsWith("https://")) return "validation.serverHttps";
  return httpURLError(v) ? "validation.url" : undefined;
}

export function caError(value: string): string | undefined {
  const v = value.trim();
  if (v && !/-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----/.test(v)) return "validation.caPem";
  return undefined;
}

/** As-you-type checks of the fields both forms share. */
export function metaErrors(meta: ClusterMeta, displayNameRequired: boolean): FormErrors {
  const out: FormErrors = {};
  if (displayNameRequired && !meta.displayName.trim()) out.displayName = "validation.displayNameRequired";
  const prom = httpURLError(meta.prometheusURL);
  if (prom) out.prometheusURL = prom;
  const seen = new Set<string>();
  for (const r of meta.labels) {
    const k = r.key.trim();
    if (!k) {
      if (r.value.trim()) out[labelField(r)] = "validation.labelKeyRequired";
      continue;
    }
    if (!isLabelKey(k)) out[labelField(r)] = "validation.labelKey";
    else if (RESERVED_PREFIXES.some((p) => k.startsWith(p))) out[labelField(r)] = "validation.labelKeyReserved";
    else if (seen.has(k)) out[labelField(r)] = "validation.labelKeyDuplicate";
    seen.add(k);
  }
  return out;
}


/** The label row a server error "labels.<key>" is about. */
export function labelTarget(field: string, rows: LabelRow[]): string | undefined {
  if (!field.startsWith("labels.")) return undefined;
  const key = field.slice("labels.".length);
  const row = rows.find((r) => r.key.trim() === key);
  return row ? labelField(row) : undefined;
}

import { type ErrorTarget, type FormErrors, keyRowTarget, stepOfFieldIn } from "@/components/ui/form-errors";
import type { KubeconfigContext } from "@/lib/k8s/kubeconfig";
import type { CreateClusterBody, PrometheusAuthInput } from "@/lib/validations/cluster";
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
  gatewayURL: string;
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

/** The gateway receives the console's "try it" requests: an address only, no credentials, query or fragment. */
export function gatewayURLError(value: string): string | undefined {
  const v = value.trim();
  const plain = httpURLError(v);
  if (plain || !v) return plain;
  const u = new URL(v);
  if (u.username || u.password) return "validation.urlCredentials";
  if (u.search || u.hash || v.includes("?") || v.includes("#")) return "validation.urlQuery";
  return undefined;
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
  const gateway = gatewayURLError(meta.gatewayURL);
  if (gateway) out.gatewayURL = gateway;
  const seen = new Set<string>();
  meta.labels.forEach((r, i) => {
    // By position, as KeyValueRowsField shows them: react-hook-form keeps a list's errors only as a list.
    const at = `labels.${i}`;
    const k = r.key.trim();
    if (!k) {
      if (r.value.trim()) out[at] = "validation.labelKeyRequired";
      return;
    }
    if (!isLabelKey(k)) out[at] = "validation.labelKey";
    else if (RESERVED_PREFIXES.some((p) => k.startsWith(p))) out[at] = "validation.labelKeyReserved";
    else if (seen.has(k)) out[at] = "validation.labelKeyDuplicate";
    seen.add(k);
  });
  return out;
}

// ---- the add-cluster wizard ----

export type ClusterSource = "kubeconfig" | "token";

export interface AddClusterValues extends ClusterMeta {
  name: string;
  source: ClusterSource;
  kubeconfig: string;
  server: string;
  caData: string;
  token: string;
  skipTLS: boolean;
  allowInsecure: boolean;
}

/** Basic information → how the console connects → what will be registered. */
export const ADD_CLUSTER_STEPS = ["basic", "connection", "review"] as const;
export type AddClusterStep = (typeof ADD_CLUSTER_STEPS)[number];

/**
 * The form fields of each step: Next checks them, and an error on one marks its
 * step. "kubeconfigFile" and "context" hold no value: only errors (of reading
 * the file, and the server's about the chosen context).
 */
export const ADD_CLUSTER_STEP_FIELDS = {
  basic: ["name", "displayName", "description", "labels", "prometheusURL", "gatewayURL"],
  connection: ["source", "kubeconfig", "kubeconfigFile", "context", "server", "caData", "token", "skipTLS", "allowInsecure"],
  review: [],
} as const satisfies Record<AddClusterStep, readonly string[]>;

/** The step showing a field of the add form ("labels.2" → "basic"); none for the form as a whole. */
export const stepOfField = stepOfFieldIn<AddClusterStep>(ADD_CLUSTER_STEPS, ADD_CLUSTER_STEP_FIELDS);

/** The add form's values when it opens: the usual label keys offered as empty rows. */
export function addClusterDefaults(): AddClusterValues {
  return {
    name: "",
    displayName: "",
    description: "",
    labels: [newLabelRow("region"), newLabelRow("env")],
    prometheusURL: "",
    gatewayURL: "",
    source: "kubeconfig",
    kubeconfig: "",
    server: "",
    caData: "",
    token: "",
    skipTLS: false,
    allowInsecure: false,
  };
}

/** Client checks of the add form, as message keys: format while typing, presence on submit (and on Next). */
export function addClusterErrors(v: AddClusterValues, submit: boolean): FormErrors {
  const out: FormErrors = { ...metaErrors(v, false) };
  const put = (field: string, key: string | undefined) => {
    if (key) out[field] = key;
  };
  put("name", nameError(v.name, submit));
  if (v.source === "kubeconfig") {
    put("kubeconfig", submit && !v.kubeconfig.trim() ? "validation.kubeconfigRequired" : undefined);
  } else {
    put("server", serverURLError(v.server, submit));
    put("caData", caError(v.caData));
    put("token", submit && !v.token.trim() ? "validation.tokenRequired" : undefined);
    // The server would refuse it: say so at once.
    put("allowInsecure", v.skipTLS && !v.allowInsecure ? "validation.allowInsecureNeeded" : undefined);
  }
  return out;
}

/** What POST /api/clusters gets; `context`: the kubeconfig context chosen ("" for its current one). */
export function createClusterBody(v: AddClusterValues, context: string): CreateClusterBody {
  const common = {
    name: v.name.trim(),
    displayName: v.displayName.trim() || undefined,
    description: v.description.trim() || undefined,
    labels: labelsFromRows(v.labels),
    prometheusURL: v.prometheusURL.trim() || undefined,
    gatewayURL: v.gatewayURL.trim() || undefined,
    allowInsecure: v.allowInsecure,
  };
  return v.source === "kubeconfig"
    ? { source: v.source, ...common, kubeconfig: v.kubeconfig, context: context || undefined }
    : { source: v.source, ...common, server: v.server.trim(), caData: v.caData.trim() || undefined, token: v.token.trim(), insecureSkipTLSVerify: v.skipTLS };
}

/** Where a field error of the create API is shown in the form's current mode. */
export function createClusterTarget(v: AddClusterValues): ErrorTarget {
  const kube = v.source === "kubeconfig";
  return (field) => {
    switch (field) {
      case "name":
      case "displayName":
      case "description":
      case "prometheusURL":
      case "gatewayURL":
        return field;
      case "context":
        return kube ? "context" : undefined;
      case "kubeconfig":
      // In token mode this is "the same cluster is already registered".
      case "server":
        return kube ? "kubeconfig" : "server";
      case "ca":
      case "caData":
        return kube ? "kubeconfig" : "caData";
      case "credentials":
      case "token":
        return kube ? "kubeconfig" : "token";
      case "insecureSkipTLSVerify":
        return "allowInsecure";
      default:
        return keyRowTarget("labels", field, v.labels);
    }
  };
}

/**
 * The review of what will be registered. Credentials are never in it: of a
 * kubeconfig only the chosen context and the server it names, of a token and
 * a CA only whether they were given.
 */
export interface ClusterSummary {
  name: string;
  displayName?: string;
  description?: string;
  /** "key=value", as sent. */
  labels: string[];
  prometheusURL?: string;
  gatewayURL?: string;
  source: ClusterSource;
  /** From a kubeconfig: its chosen context (absent while its contexts are not read yet). */
  context?: string;
  server?: string;
  caGiven?: boolean;
  tokenGiven?: boolean;
  /** "kubeconfig": whatever the kubeconfig says. */
  tls: "verify" | "skip" | "kubeconfig";
  allowInsecure: boolean;
}

/** The summary of the body the form sends; `contexts`: those read from its kubeconfig. */
export function clusterSummary(body: CreateClusterBody, contexts: readonly KubeconfigContext[]): ClusterSummary {
  const common = {
    name: body.name,
    displayName: body.displayName,
    description: body.description,
    labels: Object.entries(body.labels ?? {}).map(([k, v]) => `${k}=${v}`),
    prometheusURL: body.prometheusURL,
    gatewayURL: body.gatewayURL,
    allowInsecure: !!body.allowInsecure,
  };
  if (body.source === "kubeconfig") {
    const ctx = contexts.find((c) => c.name === body.context);
    return { ...common, source: "kubeconfig", context: ctx?.name, server: ctx?.server, tls: "kubeconfig" };
  }
  return {
    ...common,
    source: "token",
    server: body.server,
    caGiven: !!body.caData,
    tokenGiven: !!body.token,
    tls: body.insecureSkipTLSVerify ? "skip" : "verify",
  };
}

import { z } from "@/lib/validations/zod";
import type { KubeconfigContext } from "@/lib/k8s/kubeconfig";
import { lineText, multilineText } from "./text";
import { dnsLabelName, httpURL, labelsSchema } from "./common";
import { DNS_LABEL, LABEL_VALUE, isLabelKey } from "./labels";

// Clusters: the schemas of registering and changing one, the types of what
// clients send (z.input: before defaults) and of what the routes answer.

const PEM = /-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----/;

/** Credentials the console sends to a cluster's Prometheus; "none" removes them. */
export const prometheusAuthSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("none") }),
    z.object({
      type: z.literal("bearer"),
      token: z.string().trim().min(1, "Enter a bearer token.").max(16_384).regex(/^[\x21-\x7e]+$/, "The token contains spaces or non-ASCII characters."),
    }),
    z.object({
      type: z.literal("basic"),
      username: z.string().trim().min(1, "Enter a user name.").max(256, "At most 256 characters.").regex(/^[^:]+$/, "A user name cannot contain ':'."),
      password: z.string().min(1, "Enter a password.").max(1024, "At most 1024 characters."),
    }),
  ],
  { error: "Choose none, bearer or basic." },
);
export type PrometheusAuthInput = z.infer<typeof prometheusAuthSchema>;

/**
 * The cluster's gateway: the console sends "try it" requests there (and only
 * there), so it is an address, not a place to hide credentials or a query.
 */
export const gatewayURLSchema = httpURL("gateway address").superRefine((v, ctx) => {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return; // httpURL says why
  }
  if (u.username || u.password) ctx.addIssue({ code: "custom", message: "The gateway address may not contain a user name or password." });
  if (u.search || u.hash || v.includes("?") || v.includes("#")) ctx.addIssue({ code: "custom", message: "The gateway address may not have a query (?…) or fragment (#…)." });
});

const common = {
  name: dnsLabelName("cluster", 40),
  displayName: lineText(100).optional(),
  description: multilineText(500).optional(),
  labels: labelsSchema.optional(),
  prometheusURL: z.union([httpURL("Prometheus address"), z.literal("")]).optional(),
  gatewayURL: z.union([gatewayURLSchema, z.literal("")]).optional(),
  prometheusAuth: prometheusAuthSchema.optional(),
  allowInsecure: z.boolean().optional().default(false),
};

export const createClusterBodySchema = z.discriminatedUnion("source", [
  z.object({
    source: z.literal("kubeconfig"),
    ...common,
    kubeconfig: z.string({ error: "Paste or upload a kubeconfig." }).min(1, "Paste or upload a kubeconfig."),
    context: z.string().trim().max(253).optional(),
  }),
  z.object({
    source: z.literal("token"),
    ...common,
    server: httpURL("API server address").refine((v) => v.startsWith("https://"), "The API server address must start with https://."),
    caData: z
      .string()
      .trim()
      .refine((v) => v === "" || PEM.test(v), "Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE-----…).")
      .optional(),
    token: z.string().trim().min(1, "Enter a bearer token.").max(16_384).regex(/^[\x21-\x7e]+$/, "The token contains spaces or non-ASCII characters."),
    insecureSkipTLSVerify: z.boolean().optional().default(false),
  }),
]);
export type CreateClusterBody = z.input<typeof createClusterBodySchema>;

export const listContextsBodySchema = z.object({
  kubeconfig: z.string({ error: "Paste or upload a kubeconfig." }).min(1, "Paste or upload a kubeconfig."),
});

export const updateClusterBodySchema = z
  .object({
    displayName: lineText(100, "Enter a display name.").optional(),
    description: multilineText(500).optional(),
    labels: labelsSchema.optional(),
    prometheusURL: z.union([httpURL("Prometheus address"), z.literal("")]).optional(),
    gatewayURL: z.union([gatewayURLSchema, z.literal("")]).optional(),
    prometheusAuth: prometheusAuthSchema.optional(),
  })
  .strict();
export type UpdateClusterBody = z.input<typeof updateClusterBodySchema>;

export type ListContextsBody = z.input<typeof listContextsBodySchema>;

// ---- answers ----

export type HealthStatus = "Ready" | "Unreachable" | "Unauthorized" | "Unknown";

export interface ClusterHealth {
  status: HealthStatus;
  lastError?: string;
  latencyMs?: number;
  version?: string;
  nodeCount?: number;
  podCount?: number;
  checkedAt?: string;
  /** When the status last changed. */
  since?: string;
}

export interface ClusterView {
  name: string;
  displayName: string;
  server: string;
  labels: Record<string, string>;
  description?: string;
  prometheusURL?: string;
  /** How the console authenticates to that Prometheus (the credentials themselves never leave the server). */
  prometheusAuth: "none" | "bearer" | "basic";
  /** Where the cluster's gateway answers ("try it" on routes); no credentials, like prometheusURL. */
  gatewayURL?: string;
  insecureSkipTLSVerify: boolean;
  kubeSystemUID?: string;
  registeredAt?: string;
  registeredBy?: string;
  /** The cluster that holds the console's own state. */
  isHost: boolean;
  health: ClusterHealth;
}

/** The contexts of a kubeconfig (POST /api/clusters/contexts). */
export interface KubeconfigContexts {
  contexts: KubeconfigContext[];
  current?: string;
}

// ---- listing ----

export const CLUSTER_STATUSES = ["Ready", "Unreachable", "Unauthorized", "Unknown"] as const satisfies readonly HealthStatus[];
export const MAX_CLUSTER_PAGE = 500;

/** One term of a label selector (the equality-based subset of Kubernetes' syntax). */
export type LabelTerm = { key: string; op: "=" | "!=" | "exists" | "!exists"; value?: string };

/** Parses `k=v,k2!=v2,k3,!k4` (also `k==v`); undefined when a term is not valid. */
export function parseLabelSelector(s: string): LabelTerm[] | undefined {
  const terms: LabelTerm[] = [];
  for (const raw of s.split(",")) {
    const t = raw.trim();
    const m = /^(!?)([^=!\s]+)\s*(?:(==|=|!=)\s*(\S*))?$/.exec(t);
    if (!m || !isLabelKey(m[2])) return undefined;
    const [, not, key, op, value] = m;
    if (op) {
      if (not || !LABEL_VALUE.test(value) || value.length > 63) return undefined;
      terms.push({ key, op: op === "!=" ? "!=" : "=", value });
    } else terms.push({ key, op: not ? "!exists" : "exists" });
  }
  return terms;
}

export function matchesLabels(labels: Record<string, string>, terms: LabelTerm[]): boolean {
  return terms.every((t) => {
    const v = labels[t.key];
    if (t.op === "exists") return v !== undefined;
    if (t.op === "!exists") return v === undefined;
    if (t.op === "=") return v === t.value;
    return v !== t.value;
  });
}

/**
 * GET /api/clusters: filters and keyset paging, all optional. Without
 * `limit` every matching cluster is answered (what the console's pickers load);
 * with it, a page and the cursor of the next one.
 */
export const listClustersQuerySchema = z
  .object({
    /** Substring of the name or display name, any case. */
    q: z.string().trim().max(253, "At most 253 characters.").optional(),
    label: z
      .string()
      .max(1_000, "At most 1000 characters.")
      .transform((v, ctx) => {
        const terms = parseLabelSelector(v);
        if (!terms) {
          ctx.addIssue({ code: "custom", message: "A label selector such as env=prod,tier!=web,gpu or !legacy." });
          return z.NEVER;
        }
        return terms;
      })
      .optional(),
    status: z
      .string()
      .transform((v, ctx) => {
        const list = v.split(",").map((s) => s.trim());
        const bad = list.find((s) => !(CLUSTER_STATUSES as readonly string[]).includes(s));
        if (bad !== undefined) {
          ctx.addIssue({ code: "custom", message: `status is one or more of ${CLUSTER_STATUSES.join(", ")} (comma-separated).` });
          return z.NEVER;
        }
        return list as HealthStatus[];
      })
      .optional(),
    limit: z.coerce.number({ error: "limit is a whole number." }).int("limit is a whole number.").min(1, "At least 1.").max(MAX_CLUSTER_PAGE, `At most ${MAX_CLUSTER_PAGE}.`).optional(),
    /** The name the previous page ended with (its `next`). */
    cursor: z.string().max(63).regex(DNS_LABEL, "Not a cursor from this API.").optional(),
  })
  .strict();
export type ListClustersQuery = z.output<typeof listClustersQuerySchema>;

export interface ClusterPage {
  items: ClusterView[];
  /** Cursor of the next page; null on the last one. */
  next: string | null;
  /** Clusters matching the filters, all pages. */
  total: number;
}

import { z } from "@/lib/validations/zod";
import type { KubeconfigContext } from "@/lib/k8s/kubeconfig";
import { lineText, multilineText } from "./text";
import { dnsLabelName, httpURL, labelsSchema } from "./common";

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

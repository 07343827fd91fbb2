import { z } from "zod";
import { lineText, multilineText } from "./text";
import { dnsLabelName, httpURL, labelsSchema } from "./common";

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

const common = {
  name: dnsLabelName("cluster", 40),
  displayName: lineText(100).optional(),
  description: multilineText(500).optional(),
  labels: labelsSchema.optional(),
  prometheusURL: z.union([httpURL("Prometheus address"), z.literal("")]).optional(),
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
export type CreateClusterBody = z.infer<typeof createClusterBodySchema>;

export const listContextsBodySchema = z.object({
  kubeconfig: z.string({ error: "Paste or upload a kubeconfig." }).min(1, "Paste or upload a kubeconfig."),
});

export const updateClusterBodySchema = z
  .object({
    displayName: lineText(100, "Enter a display name.").optional(),
    description: multilineText(500).optional(),
    labels: labelsSchema.optional(),
    prometheusURL: z.union([httpURL("Prometheus address"), z.literal("")]).optional(),
    prometheusAuth: prometheusAuthSchema.optional(),
  })
  .strict();
export type UpdateClusterBody = z.infer<typeof updateClusterBodySchema>;

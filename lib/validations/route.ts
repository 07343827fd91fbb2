import { z } from "@/lib/validations/zod";
import { dnsLabelRef, objectNameRef } from "./common";

// Routes (HTTPRoute, Ingress): "try it" — requests sent through the cluster's
// gateway to measure where a route's traffic lands. The answer's schema is
// shared with the browser.

export const ROUTE_KINDS = ["HTTPRoute", "Ingress"] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

export const TRY_REQUESTS_DEFAULT = 100;
export const TRY_REQUESTS_MAX = 200;

const label = dnsLabelRef;

/** The path of a test request: sent as is after the gateway's address, so only visible ASCII and no fragment. */
export const tryPathSchema = z
  .string()
  .max(1024, "At most 1024 characters.")
  .refine((v) => v.startsWith("/"), "Start the path with /.")
  .refine((v) => /^[\x21-\x7e]*$/.test(v), "Use visible ASCII characters only: percent-encode spaces and other characters.")
  .refine((v) => !v.includes("#"), "A request path has no fragment (#…).");

export const tryRouteBodySchema = z
  .object({
    cluster: label("cluster name"),
    namespace: label("namespace"),
    kind: z.enum(ROUTE_KINDS, { error: "The kind is HTTPRoute or Ingress." }),
    name: objectNameRef("route name"),
    requests: z
      .number({ error: "Enter a number of requests." })
      .int("A whole number of requests.")
      .min(1, "At least 1 request.")
      .max(TRY_REQUESTS_MAX, `At most ${TRY_REQUESTS_MAX} requests.`)
      .optional()
      .default(TRY_REQUESTS_DEFAULT),
    path: tryPathSchema.optional(),
  })
  .strict();
export type TryRouteBody = z.input<typeof tryRouteBodySchema>;

// ---- the answer ----

export const tryRouteBackendSchema = z.object({
  pod: z.string(),
  namespace: z.string(),
  /** The pod's `version` label, else `app.kubernetes.io/version`, else its image's tag; null when the answer named only the pod. */
  version: z.string().nullable(),
  image: z.string().nullable(),
  count: z.number().int(),
  /** Of the answered requests, rounded to 0.1. */
  percent: z.number(),
});
export type TryRouteBackend = z.infer<typeof tryRouteBackendSchema>;

export const tryRouteAnswerSchema = z.object({
  /** The cluster's gateway address the requests went to. */
  gateway: z.string(),
  /** The Host header sent. */
  host: z.string(),
  path: z.string(),
  /** Requests started; answered + failed. */
  sent: z.number().int(),
  /** Requests that got an HTTP answer, whatever its status. */
  answered: z.number().int(),
  /** Requests without an answer (refused, timed out, cut off). */
  failed: z.number().int(),
  durationMs: z.number().int(),
  /** Answers by HTTP status code, e.g. {"200": 97, "503": 3}. */
  statuses: z.record(z.string(), z.number().int()),
  /** Pods that answered, most first. */
  backends: z.array(tryRouteBackendSchema),
  /** Distinct reasons of failed requests, at most 5. */
  errors: z.array(z.string()),
});
export type TryRouteAnswer = z.infer<typeof tryRouteAnswerSchema>;

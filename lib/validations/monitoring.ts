import { z } from "@/lib/validations/zod";
import { RANGES, type RangeKey } from "@/lib/monitoring/templates";

const RANGE_KEYS = Object.keys(RANGES) as [RangeKey, ...RangeKey[]];

const list = (what: string, max: number) =>
  z
    .string({ error: `Name at least one ${what}.` })
    .transform((v) => [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))])
    .refine((v) => v.length > 0, `Name at least one ${what}.`)
    .refine((v) => v.length <= max, `At most ${max} ${what}s per request.`);

const range = z.enum(RANGE_KEYS, { error: `Choose a range: ${RANGE_KEYS.join(", ")}.` }).default("1h");

export const metricsQuerySchema = z.object({
  templates: list("template", 16),
  clusters: list("cluster", 20),
  namespace: z.string().max(253).optional(),
  node: z.string().max(253).optional(),
  workload: z.string().max(253).optional(),
  kind: z.enum(["deployment", "statefulset", "daemonset"], { error: "kind must be deployment, statefulset or daemonset." }).optional(),
  range,
  end: z.coerce.number({ error: "end must be a Unix time in seconds." }).int().positive().optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

export const alertsQuerySchema = z.object({
  clusters: list("cluster", 50).optional(),
});
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;

export const exploreQuerySchema = z.object({
  cluster: z.string({ error: "Choose a cluster." }).min(1, "Choose a cluster."),
  query: z.string({ error: "Enter a PromQL query." }).trim().min(1, "Enter a PromQL query.").max(4000, "At most 4000 characters."),
  range,
  instant: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});
export type ExploreQuery = z.infer<typeof exploreQuerySchema>;

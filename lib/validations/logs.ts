import { z } from "@/lib/validations/zod";
import { dnsLabelRef, objectNameRef } from "./common";

// The query of GET /api/logs: one workload's pods' logs as one stream.

export const LOG_KINDS = ["deployments", "statefulsets", "daemonsets", "jobs"] as const;
export type LogKind = (typeof LOG_KINDS)[number];
export const MAX_TAIL_LINES = 100_000;

const flag = (what: string) =>
  z
    .enum(["true", "false", "1", "0"], { error: `${what} is true or false.` })
    .optional()
    .transform((v) => v === "true" || v === "1");

const count = (what: string, max: number) =>
  z.coerce
    .number({ error: `${what} is a whole number.` })
    .int(`${what} is a whole number.`)
    .min(0, "At least 0.")
    .max(max, `At most ${max}.`)
    .optional();

export const streamLogsQuerySchema = z
  .object({
    cluster: dnsLabelRef("cluster name"),
    namespace: dnsLabelRef("namespace"),
    kind: z.enum(LOG_KINDS, { error: "kind is deployments, statefulsets, daemonsets or jobs." }),
    name: objectNameRef("workload's name"),
    /** Only this container of each pod. */
    container: dnsLabelRef("container name").optional(),
    sinceSeconds: count("sinceSeconds", 10 * 365 * 86_400),
    tailLines: count("tailLines", MAX_TAIL_LINES),
    previous: flag("previous"),
    follow: flag("follow"),
    /** Init containers too (they have run before the others). */
    init: flag("init"),
  })
  .strict();
export type StreamLogsQuery = z.output<typeof streamLogsQuerySchema>;

import { z } from "@/lib/validations/zod";
import { dnsLabelRef, objectNameRef } from "./common";

// Pipelines: starting a run (or starting one again with other params). The
// body's params are checked against the pipeline's own declarations on the
// server (lib/k8s/kinds/pipeline-run runParams); the schema bounds their shape.

const MAX_PARAMS = 100;
const MAX_VALUE = 64 * 1024;
const label = dnsLabelRef;
const objectName = objectNameRef;

const text = z.string().max(MAX_VALUE, `At most ${MAX_VALUE} characters.`);
const paramValue = z.union([text, z.array(text).max(MAX_PARAMS), z.record(z.string().max(253), text)], {
  error: "A param's value is a text, a list of texts, or keys with text values.",
});

export const startRunBodySchema = z
  .object({
    cluster: label("cluster name"),
    namespace: label("namespace"),
    /** The pipeline to run; with `rerunOf`, the run to start again (its pipeline, workspaces and timeouts). */
    pipeline: objectName("pipeline's name").optional(),
    rerunOf: objectName("run's name").optional(),
    params: z
      .record(z.string().max(253), paramValue)
      .refine((p) => Object.keys(p).length <= MAX_PARAMS, `At most ${MAX_PARAMS} params.`)
      .optional()
      .default({}),
  })
  .strict()
  .refine((b) => !!b.pipeline !== !!b.rerunOf, { message: "Name either the pipeline to run or the run to start again.", path: ["pipeline"] });
export type StartRunBody = z.input<typeof startRunBodySchema>;

export const startRunAnswerSchema = z.object({
  cluster: z.string(),
  namespace: z.string(),
  /** The new PipelineRun's name (generated). */
  name: z.string(),
  pipeline: z.string().nullable(),
});
export type StartRunAnswer = z.infer<typeof startRunAnswerSchema>;

export const keptLogsQuerySchema = z
  .object({
    cluster: label("cluster name"),
    namespace: label("namespace"),
    run: objectName("run's name"),
  })
  .strict();
export type KeptLogsQuery = z.input<typeof keptLogsQuerySchema>;

export const keptStepSchema = z.object({
  task: z.string(),
  step: z.string(),
  pod: z.string(),
  container: z.string(),
  /** Bytes kept; the log was cut at the end when `truncated`. */
  bytes: z.number().int(),
  truncated: z.boolean(),
  /** Why the log could not be read (the pod was already gone…). */
  error: z.string().optional(),
});
export type KeptStep = z.infer<typeof keptStepSchema>;

export const keptRunSchema = z.object({
  cluster: z.string(),
  namespace: z.string(),
  run: z.string(),
  pipeline: z.string().optional(),
  keptAt: z.string(),
  steps: z.array(keptStepSchema.extend({ log: z.string() })),
});
export type KeptRun = z.infer<typeof keptRunSchema>;

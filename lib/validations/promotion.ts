import { z } from "@/lib/validations/zod";
import { dnsLabelName, dnsLabelRef, objectNameRef } from "./common";

// Promotion: a tenant's lanes for an application (an ordered list of stages,
// each a workload in a project on a cluster) and the promotions that copy the
// image of one stage to the next. Kept in the host cluster as the console's
// own resources (PromotionLane, Promotion); decided by the enforcer as
// `update deployments` in the target stage's project.

export const MAX_STAGES = 10;

const stageName = dnsLabelName("stage", 30);

export const laneStageSchema = z
  .object({
    /** What the stage is called in the lane: dev, test, prod. */
    name: stageName,
    cluster: dnsLabelRef("cluster name"),
    namespace: dnsLabelRef("project"),
    /** The Deployment the stage runs. */
    workload: objectNameRef("deployment's name"),
    /** The container whose image is promoted; the first container when not set. */
    container: dnsLabelRef("container's name").optional(),
    /** Promotions into this stage wait for a second person's approval. */
    requireApproval: z.boolean().optional().default(false),
  })
  .strict();
export type LaneStage = z.output<typeof laneStageSchema>;
export type LaneStageInput = z.input<typeof laneStageSchema>;

const stagesSchema = z
  .array(laneStageSchema)
  .min(2, "A lane has at least two stages: one to promote from, one to promote to.")
  .max(MAX_STAGES, `At most ${MAX_STAGES} stages.`)
  .superRefine((stages, ctx) => {
    const names = new Map<string, number>();
    const places = new Map<string, number>();
    stages.forEach((s, i) => {
      if (names.has(s.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `Stage "${s.name}" is named twice.` });
      names.set(s.name, i);
      const place = `${s.cluster}/${s.namespace}/${s.workload}/${s.container ?? ""}`;
      if (places.has(place)) ctx.addIssue({ code: "custom", path: [i, "workload"], message: `Stage ${places.get(place)! + 1} already runs this workload.` });
      places.set(place, i);
    });
  });

export const createLaneBodySchema = z
  .object({
    name: dnsLabelName("lane", 63),
    tenant: dnsLabelRef("tenant"),
    displayName: z.string().trim().max(100, "At most 100 characters.").optional(),
    description: z.string().trim().max(500, "At most 500 characters.").optional(),
    stages: stagesSchema,
  })
  .strict();
export type CreateLaneBody = z.input<typeof createLaneBodySchema>;
export type CreateLaneInput = z.output<typeof createLaneBodySchema>;

export const updateLaneBodySchema = createLaneBodySchema.omit({ name: true, tenant: true });
export type UpdateLaneBody = z.input<typeof updateLaneBodySchema>;
export type UpdateLaneInput = z.output<typeof updateLaneBodySchema>;

export const listLanesQuerySchema = z.object({ tenant: dnsLabelRef("tenant").optional() }).strict();

/** A stage as answered: where it runs and whether it asks for approval. */
const stageSchema = z.object({
  name: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  workload: z.string(),
  /** The container promoted: as the lane names it, or (in a stage's state) the Deployment's first once read. */
  container: z.string().optional(),
  requireApproval: z.boolean(),
});

export const laneSchema = z.object({
  name: z.string(),
  tenant: z.string(),
  displayName: z.string(),
  description: z.string(),
  stages: z.array(stageSchema),
  createdAt: z.string().optional(),
  /** The caller may change or delete the lane (tenant admins). */
  canEdit: z.boolean(),
});
export type Lane = z.infer<typeof laneSchema>;

export const PROMOTION_PHASES = ["WaitingApproval", "Promoted", "Rejected", "Failed", "RolledBack"] as const;
export type PromotionPhase = (typeof PROMOTION_PHASES)[number];

export const promotionSchema = z.object({
  name: z.string(),
  lane: z.string(),
  tenant: z.string(),
  from: z.string(),
  to: z.string(),
  container: z.string(),
  /** The image set on the target (the source's image when requested). */
  image: z.string(),
  /** The target's image before: what a rollback puts back. */
  previousImage: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  phase: z.enum(PROMOTION_PHASES),
  approvedBy: z.string().optional(),
  approvedAt: z.string().optional(),
  promotedAt: z.string().optional(),
  rejectedBy: z.string().optional(),
  rejectedAt: z.string().optional(),
  rolledBackBy: z.string().optional(),
  rolledBackAt: z.string().optional(),
  message: z.string().optional(),
});
export type Promotion = z.infer<typeof promotionSchema>;

export const imageRefSchema = z.object({
  /** As written in the workload, e.g. ghcr.io/acme/checkout:4f1a9c2. */
  ref: z.string(),
  repository: z.string(),
  tag: z.string().optional(),
  /** sha256:…, from the reference, the pods' image IDs or the run that built it. */
  digest: z.string().optional(),
});
export type ImageRef = z.infer<typeof imageRefSchema>;

export const producingRunSchema = z.object({
  cluster: z.string(),
  namespace: z.string(),
  name: z.string(),
  pipeline: z.string().optional(),
  status: z.string(),
  finishedAt: z.string().optional(),
});
export type ProducingRun = z.infer<typeof producingRunSchema>;

export const stageStateSchema = stageSchema.extend({
  /** What the caller may do here: read the workload, promote into it (update deployments). */
  canRead: z.boolean(),
  canPromote: z.boolean(),
  /** The workload's image; absent when it could not be read (see error). */
  image: imageRefSchema.optional(),
  replicas: z.object({ desired: z.number(), ready: z.number(), updated: z.number() }).optional(),
  /** Runs whose results name this image (its reference or digest). */
  runs: z.array(producingRunSchema),
  /** Why the stage could not be read: no access, not found, cluster unreachable. */
  error: z.string().optional(),
});
export type StageState = z.infer<typeof stageStateSchema>;

export const laneStateSchema = laneSchema.extend({
  stages: z.array(stageStateSchema),
  /** Newest first, at most 100. */
  promotions: z.array(promotionSchema),
});
export type LaneState = z.infer<typeof laneStateSchema>;

export const lanesAnswerSchema = z.object({
  items: z.array(laneSchema),
  /** Tenants the caller may define lanes in (tenant admins, platform admins). */
  canCreateIn: z.array(z.string()),
});
export type LanesAnswer = z.infer<typeof lanesAnswerSchema>;

export const createPromotionBodySchema = z
  .object({
    lane: objectNameRef("lane"),
    /** The stage whose image is copied. */
    from: dnsLabelRef("stage to promote from"),
    /** The next stage (the one after `from` in the lane). */
    to: dnsLabelRef("stage to promote to"),
    /**
     * The image the caller saw on `from` when confirming: the promotion is refused (409)
     * if `from` runs another by now, so what is promoted is what was shown.
     */
    expectImage: z.string().max(1024).optional(),
  })
  .strict();
export type CreatePromotionBody = z.input<typeof createPromotionBodySchema>;

export const promotionActionBodySchema = z
  .object({
    action: z.enum(["approve", "reject", "rollback"], { error: "The action is approve, reject or rollback." }),
  })
  .strict();
export type PromotionActionBody = z.input<typeof promotionActionBodySchema>;

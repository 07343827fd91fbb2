import type { ErrorTarget } from "@/components/ui/form-errors";
import type { Tone } from "@/components/ui/status-badge";
import { parseImageRef, shortDigest } from "@/lib/k8s/kinds/image";
import { DNS_LABEL } from "@/lib/validations/labels";
import type { CreateLaneBody, ImageRef, Lane, Promotion, PromotionPhase, StageState, UpdateLaneBody } from "@/lib/validations/promotion";

// Pure logic of the promotion pages: image references and their differences,
// which promotions a lane offers, and the lane form's values and errors.
// Type-only imports from the schemas: zod stays out of the views' bundle.

// ---- images ----

/** A digest as registries show it ("sha256:" and 12 hex digits), with "…" when cut; the whole goes in a title. */
export function digestLabel(digest: string | undefined): string | undefined {
  if (!digest) return undefined;
  const short = shortDigest(digest);
  return short.length < digest.length ? `${short}…` : digest;
}

/** How an image is named in a sentence or a cell: its tag, else its short digest, else the reference. */
export function imageLabel(image: ImageRef | string | undefined): string {
  if (!image) return "—";
  const i = typeof image === "string" ? parseImageRef(image) : image;
  return i.tag ?? digestLabel(i.digest) ?? i.ref;
}

/** The same image: the same reference, or the same content (digest) under other names. */
export function sameImage(a: ImageRef | undefined, b: ImageRef | undefined): boolean {
  if (!a || !b) return false;
  return a.ref === b.ref || (!!a.digest && a.digest === b.digest);
}

export interface DiffPart {
  before?: string;
  after?: string;
  changed: boolean;
}

export interface ImageDiff {
  repository: DiffPart;
  tag: DiffPart;
  digest: DiffPart;
}

const part = (before: string | undefined, after: string | undefined): DiffPart => ({ before, after, changed: before !== after });

/** What a promotion changes on the target, part by part (a part unknown on one side counts as changed). */
export function imageDiff(before: ImageRef | undefined, after: ImageRef): ImageDiff {
  return {
    repository: part(before?.repository, after.repository),
    tag: part(before?.tag, after.tag),
    digest: part(before?.digest, after.digest),
  };
}

// ---- promotions along a lane ----

/** Why a promotion from one stage to the next is not offered. */
export type PromoteBlock = "sourceUnknown" | "targetUnknown" | "inSync" | "waiting" | "denied";

export interface PromoteOffer {
  from: StageState;
  to: StageState;
  enabled: boolean;
  /** Both run the same image. */
  inSync: boolean;
  block?: PromoteBlock;
}

/**
 * Whether `from`'s image may be promoted to `to`: both images known and
 * different, no promotion into `to` waiting for approval (the server takes one
 * at a time), and the caller may update deployments in `to`'s project. The
 * most telling reason first: an unreadable image, "in sync", a waiting one, rights.
 */
export function promoteOffer(from: StageState, to: StageState, promotions: Promotion[] = []): PromoteOffer {
  const inSync = sameImage(from.image, to.image);
  const waiting = promotions.some((p) => p.phase === "WaitingApproval" && p.to === to.name);
  const block: PromoteBlock | undefined = !from.image
    ? "sourceUnknown"
    : !to.image
      ? "targetUnknown"
      : inSync
        ? "inSync"
        : waiting
          ? "waiting"
          : !to.canPromote
            ? "denied"
            : undefined;
  return { from, to, enabled: !block, inSync, block };
}

/** One offer per pair of neighbouring stages, left to right. */
export function promoteOffers(stages: StageState[], promotions: Promotion[] = []): PromoteOffer[] {
  return stages.slice(1).map((to, i) => promoteOffer(stages[i], to, promotions));
}

export const waitingPromotions = (promotions: Promotion[]) => promotions.filter((p) => p.phase === "WaitingApproval");

/** How many promotions into a stage wait for approval. */
export const waitingInto = (promotions: Promotion[], to: string) => promotions.filter((p) => p.phase === "WaitingApproval" && p.to === to).length;

export const PHASE_TONES: Record<PromotionPhase, Tone> = {
  Promoted: "green",
  WaitingApproval: "amber",
  Rejected: "red",
  Failed: "red",
  RolledBack: "slate",
};

/** Whom the session is: the User's name and the login name (a promotion may name either). */
export type Me = { name: string; username: string };

/** The caller asked for this promotion: someone else must approve it. */
export const isOwnRequest = (p: Promotion, me: Me) => p.requestedBy === me.username || p.requestedBy === me.name;

/**
 * Why the caller may not act on a promotion: they asked for it (approve only:
 * they may still withdraw it by rejecting), the stage left the lane, no rights
 * in its project, or the stage runs another image than the action expects (the
 * server would refuse, and mark an approval Failed).
 */
export type ActionBlock = "ownRequest" | "stageGone" | "denied" | "targetMoved" | "changed";

export function approveBlock(p: Promotion, target: StageState | undefined, me: Me): ActionBlock | undefined {
  if (isOwnRequest(p, me)) return "ownRequest";
  return rejectBlock(target) ?? (target?.image && target.image.ref !== p.previousImage ? "targetMoved" : undefined);
}

export function rejectBlock(target: StageState | undefined): ActionBlock | undefined {
  if (!target) return "stageGone";
  if (!target.canPromote) return "denied";
  return undefined;
}

/** Only while the target still runs what the promotion left there. */
export function rollbackBlock(p: Promotion, target: StageState | undefined): ActionBlock | undefined {
  return rejectBlock(target) ?? (target?.image && target.image.ref !== p.image ? "changed" : undefined);
}

/** The tone of ready/desired replicas: all ready green, some amber, none red, none wanted slate. */
export function replicaTone(r: { desired: number; ready: number }): Tone {
  if (r.desired === 0) return "slate";
  if (r.ready >= r.desired) return "green";
  return r.ready === 0 ? "red" : "amber";
}

/** When a promotion last changed: rolled back, rejected, promoted, approved, or asked for. */
export function promotionTime(p: Promotion): string {
  return p.rolledBackAt ?? p.rejectedAt ?? p.promotedAt ?? p.approvedAt ?? p.requestedAt;
}

// ---- the lane form ----

export const LANE_NAME_MAX = 63;
export const STAGE_NAME_MAX = 30;
export const MIN_STAGES = 2;

export interface StageValues {
  name: string;
  cluster: string;
  namespace: string;
  workload: string;
  container: string;
  requireApproval: boolean;
}

export interface LaneValues {
  name: string;
  tenant: string;
  displayName: string;
  description: string;
  stages: StageValues[];
}

export const emptyStage = (): StageValues => ({ name: "", cluster: "", namespace: "", workload: "", container: "", requireApproval: false });

/** The form's first values: the lane's, or a new lane of two empty stages in the preferred (or the only) tenant offered. */
export function laneValues(lane: Lane | undefined, tenants: readonly string[], preferred?: string): LaneValues {
  if (!lane) {
    const tenant = preferred && tenants.includes(preferred) ? preferred : tenants.length === 1 ? tenants[0] : "";
    return { name: "", tenant, displayName: "", description: "", stages: [emptyStage(), emptyStage()] };
  }
  return {
    name: lane.name,
    tenant: lane.tenant,
    displayName: lane.displayName,
    description: lane.description,
    // Only the definition: a lane read with its live state (LaneState) has more on each stage.
    stages: lane.stages.map((s) => ({ name: s.name, cluster: s.cluster, namespace: s.namespace, workload: s.workload, container: s.container ?? "", requireApproval: s.requireApproval })),
  };
}

const stageBody = (s: StageValues) => ({
  name: s.name.trim(),
  cluster: s.cluster,
  namespace: s.namespace.trim(),
  workload: s.workload.trim(),
  container: s.container.trim() || undefined,
  requireApproval: s.requireApproval,
});

export function createLaneBody(v: LaneValues): CreateLaneBody {
  return {
    name: v.name.trim(),
    tenant: v.tenant,
    displayName: v.displayName.trim() || undefined,
    description: v.description.trim() || undefined,
    stages: v.stages.map(stageBody),
  };
}

/** An edit sends the texts even when emptied: that is how they are cleared. */
export function updateLaneBody(v: LaneValues): UpdateLaneBody {
  return { displayName: v.displayName.trim(), description: v.description.trim(), stages: v.stages.map(stageBody) };
}

const STAGE_FIELDS = ["name", "cluster", "namespace", "workload", "container", "requireApproval"] as const;
const LANE_FIELDS = ["name", "tenant", "displayName", "description"];

/**
 * Where a server (or schema) error shows: the lane's fields by name, a stage's
 * ("stages.1.workload") on that row's input while the form has that row; the
 * rest (e.g. "stages": too few) on the form as a whole.
 */
export function laneErrorTarget(stageCount: number, creating: boolean): ErrorTarget {
  return (field) => {
    if (LANE_FIELDS.includes(field)) return !creating && (field === "name" || field === "tenant") ? undefined : field;
    const m = /^stages\.(\d+)\.(\w+)$/.exec(field);
    if (m && Number(m[1]) < stageCount && (STAGE_FIELDS as readonly string[]).includes(m[2])) return field;
    return undefined;
  };
}

/** Message keys (under promotion.form) of a name that must be a DNS label. */
export function labelError(value: string, required: boolean, max: number): "required" | "tooLong" | "lowercase" | "pattern" | undefined {
  const v = value.trim();
  if (!v) return required ? "required" : undefined;
  if (v.length > max) return "tooLong";
  if (/[A-Z]/.test(v)) return "lowercase";
  if (!DNS_LABEL.test(v)) return "pattern";
  return undefined;
}

export type OwnError = { key: "required" | "tooLong" | "lowercase" | "pattern" | "stageTwice"; max?: number };

/**
 * The form's own checks, by field: names as DNS labels while typing, missing
 * values on submit, a stage name used twice. The API's schema checks the rest.
 */
export function ownLaneErrors(v: LaneValues, submit: boolean, creating: boolean): Record<string, OwnError> {
  const out: Record<string, OwnError> = {};
  const label = (field: string, value: string, max: number) => {
    const key = labelError(value, submit, max);
    if (key) out[field] = { key, max };
  };
  if (creating) {
    label("name", v.name, LANE_NAME_MAX);
    if (submit && !v.tenant) out.tenant = { key: "required" };
  }
  const seen = new Set<string>();
  v.stages.forEach((s, i) => {
    label(`stages.${i}.name`, s.name, STAGE_NAME_MAX);
    const name = s.name.trim();
    if (name && seen.has(name)) out[`stages.${i}.name`] = { key: "stageTwice" };
    seen.add(name);
    if (submit && !s.cluster) out[`stages.${i}.cluster`] = { key: "required" };
    if (submit && !s.namespace.trim()) out[`stages.${i}.namespace`] = { key: "required" };
    if (submit && !s.workload.trim()) out[`stages.${i}.workload`] = { key: "required" };
  });
  return out;
}

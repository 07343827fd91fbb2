import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import { digestOfImageID, parseImageRef } from "@/lib/k8s/kinds/image";
import type { Condition } from "@/lib/k8s/kinds/common";
import { runStatus } from "@/lib/k8s/kinds/pipeline";
import type { KubeList, KubeObject } from "@/lib/k8s/types";
import type { Placed } from "@/lib/proxy/check";
import { asCaller, callFailure, mayCall } from "@/lib/proxy/on-behalf";
import { type ResultsRun, producedBy, resultTexts } from "./model";
import type { Runtime } from "@/lib/server/context";
import type { PromotionLaneResource, PromotionResource } from "@/lib/store/types";
import { BINDING_TENANT_LABEL, projectsOf, visibleTenants } from "@/lib/tenancy/service";
import type {
  CreateLaneInput,
  CreatePromotionBody,
  ImageRef,
  Lane,
  LaneStage,
  LaneState,
  LanesAnswer,
  ProducingRun,
  Promotion,
  StageState,
  UpdateLaneInput,
} from "@/lib/validations/promotion";

// Promotion lanes: a tenant's ordered stages of one application, and the
// promotions that copy the image of one stage to the next. Lanes and their
// history are the console's own resources in the host cluster; every read of
// and write to a workload is the caller's own, decided by the proxy's check
// (promoting is `update deployments` in the target project).

const TIMEOUT_MS = 8_000;
const HISTORY = 100;
/** Runs read per project to find the ones that built an image. */
const RUNS_READ = 500;
export const LANE_LABEL = "pilothouse.dev/lane";

type Stage = PromotionLaneResource["spec"]["stages"][number];

interface Deployment extends KubeObject {
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> }; template?: { spec?: { containers?: { name: string; image?: string }[] } } };
  status?: { replicas?: number; readyReplicas?: number; updatedReplicas?: number };
}
interface Pod extends KubeObject {
  status?: { containerStatuses?: { name: string; image?: string; imageID?: string }[] };
}
interface Run extends KubeObject, ResultsRun {
  spec?: { pipelineRef?: { name?: string }; status?: string };
  status?: { completionTime?: string; results?: { name: string; value?: unknown }[]; conditions?: Condition[] };
}

const deploymentPath = (ns: string, name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${encodeURIComponent(name)}`;
const podsPath = (ns: string) => `/api/v1/namespaces/${ns}/pods`;
const runsPath = (ns: string) => `/apis/tekton.dev/v1/namespaces/${ns}/pipelineruns`;
const where = (s: Stage) => `in namespace "${s.namespace}" on cluster "${s.cluster}"`;

// ---- lanes -------------------------------------------------------------------

function mayEdit(rt: Runtime, p: Principal, tenant: string) {
  return rt.authz.can(p, "console/lanes", "update", { tenant });
}

export function laneView(rt: Runtime, p: Principal, l: PromotionLaneResource): Lane {
  return {
    name: l.metadata.name!,
    tenant: l.spec.tenant,
    displayName: l.spec.displayName || l.metadata.name!,
    description: l.spec.description ?? "",
    stages: (l.spec.stages ?? []).map(stageSpec),
    createdAt: l.metadata.creationTimestamp,
    canEdit: mayEdit(rt, p, l.spec.tenant),
  };
}

/** The lanes of the tenants the caller sees, and where they may define new ones. */
export function lanesFor(rt: Runtime, p: Principal, tenant?: string): LanesAnswer {
  const tenants = visibleTenants(rt, p)
    .map((t) => t.metadata.name!)
    .filter((t) => !tenant || t === tenant);
  const seen = new Set(tenants);
  const items = rt.store.lanes
    .list()
    .filter((l) => seen.has(l.spec.tenant))
    .sort((a, b) => a.spec.tenant.localeCompare(b.spec.tenant) || a.metadata.name!.localeCompare(b.metadata.name!))
    .map((l) => laneView(rt, p, l));
  return { items, canCreateIn: tenants.filter((t) => rt.authz.can(p, "console/lanes", "create", { tenant: t })).sort() };
}

/** A lane the caller may see; 404 otherwise (whether it exists is not theirs to know). */
export function requireLane(rt: Runtime, p: Principal, name: string): PromotionLaneResource {
  const l = rt.store.lanes.get(`${rt.store.namespace}/${name}`);
  if (!l || !visibleTenants(rt, p).some((t) => t.metadata.name === l.spec.tenant)) {
    throw new ApiError("not_found", `Lane "${name}" does not exist or is not in a tenant of yours.`);
  }
  return l;
}

/** Each stage runs in a project of the tenant on a cluster the tenant may use. */
function checkStages(rt: Runtime, tenant: string, stages: LaneStage[]) {
  const clusters = new Set(rt.store.tenant(tenant)?.spec.clusters ?? []);
  const projects = new Set(projectsOf(rt, tenant).map((pv) => `${pv.cluster}/${pv.namespace}`));
  const fields: Record<string, string> = {};
  stages.forEach((s, i) => {
    if (!clusters.has(s.cluster)) fields[`stages.${i}.cluster`] = `Tenant "${tenant}" does not use cluster "${s.cluster}".`;
    else if (!projects.has(`${s.cluster}/${s.namespace}`)) fields[`stages.${i}.namespace`] = `"${s.namespace}" is not a project of tenant "${tenant}" on cluster "${s.cluster}".`;
  });
  if (Object.keys(fields).length) throw new ApiError("validation_failed", Object.values(fields).join(" "), fields);
}

/** A stage as stored and answered: exactly its fields, approval spelled out. */
function stageSpec(s: LaneStage | Stage): Stage & { requireApproval: boolean } {
  return {
    name: s.name,
    cluster: s.cluster,
    namespace: s.namespace,
    workload: s.workload,
    ...(s.container ? { container: s.container } : {}),
    requireApproval: !!s.requireApproval,
  };
}

export async function createLane(rt: Runtime, p: Principal, body: CreateLaneInput): Promise<Lane> {
  if (!visibleTenants(rt, p).some((t) => t.metadata.name === body.tenant)) {
    throw new ApiError("not_found", `Tenant "${body.tenant}" does not exist or you are not a member.`, { tenant: `Tenant "${body.tenant}" does not exist or you are not a member.` });
  }
  if (!rt.authz.can(p, "console/lanes", "create", { tenant: body.tenant })) throw new ApiError("forbidden", `Only admins of tenant ${body.tenant} may define its lanes.`);
  checkStages(rt, body.tenant, body.stages);
  const taken = `A lane named "${body.name}" exists.`;
  if (rt.store.lanes.get(`${rt.store.namespace}/${body.name}`)) throw new ApiError("conflict", taken, { name: taken });
  try {
    const l = await rt.store.create<PromotionLaneResource>(
      "promotionlanes",
      "PromotionLane",
      body.name,
      { tenant: body.tenant, displayName: body.displayName || body.name, description: body.description ?? "", stages: body.stages.map(stageSpec) },
      { [BINDING_TENANT_LABEL]: body.tenant },
    );
    return laneView(rt, p, l);
  } catch (e) {
    if (e instanceof K8sError && e.code === 409) throw new ApiError("conflict", taken, { name: taken });
    throw e;
  }
}

export async function updateLane(rt: Runtime, p: Principal, name: string, body: UpdateLaneInput): Promise<Lane> {
  const l = requireLane(rt, p, name);
  if (!mayEdit(rt, p, l.spec.tenant)) throw new ApiError("forbidden", `Only admins of tenant ${l.spec.tenant} may change its lanes.`);
  checkStages(rt, l.spec.tenant, body.stages);
  try {
    const after = await rt.store.replaceSpec<PromotionLaneResource>("promotionlanes", "PromotionLane", l, {
      ...l.spec,
      displayName: body.displayName || name,
      description: body.description ?? "",
      stages: body.stages.map(stageSpec),
    });
    return laneView(rt, p, after);
  } catch (e) {
    if (e instanceof K8sError && e.code === 409) throw new ApiError("conflict", `Lane "${name}" was changed by someone else meanwhile. Reload it and try again.`);
    throw e;
  }
}

/** Deletes a lane and its promotion history. */
export async function deleteLane(rt: Runtime, p: Principal, name: string) {
  const l = requireLane(rt, p, name);
  if (!rt.authz.can(p, "console/lanes", "delete", { tenant: l.spec.tenant })) throw new ApiError("forbidden", `Only admins of tenant ${l.spec.tenant} may delete its lanes.`);
  await rt.store.remove("promotionlanes", name);
  await rt.store.removeAll("promotions", `${LANE_LABEL}=${name}`).catch(() => undefined);
}

// ---- what runs where -----------------------------------------------------------

function containerOf(d: Deployment, name: string | undefined) {
  const cs = d.spec?.template?.spec?.containers ?? [];
  const i = name ? cs.findIndex((c) => c.name === name) : 0;
  return i >= 0 && cs[i] ? { index: i, name: cs[i].name, image: cs[i].image ?? "" } : undefined;
}

async function readDeployment(rt: Runtime, p: Principal, s: Stage, signal?: AbortSignal): Promise<Deployment> {
  const at = await asCaller(rt, p, "GET", s.cluster, deploymentPath(s.namespace, s.workload), `get deployments.apps ${where(s)}`);
  return k8sJSON<Deployment>(at.conn, at.path, { timeoutMs: TIMEOUT_MS, signal }).catch((e) => {
    throw callFailure(rt, e, s.cluster, `Deployment "${s.workload}" was not found ${where(s)}.`);
  });
}

/** The image a stage's container runs, as written in its Deployment. */
async function stageImage(rt: Runtime, p: Principal, s: Stage, signal?: AbortSignal) {
  const d = await readDeployment(rt, p, s, signal);
  const c = containerOf(d, s.container);
  if (!c) {
    throw new ApiError("conflict", s.container ? `Deployment "${s.workload}" ${where(s)} has no container "${s.container}".` : `Deployment "${s.workload}" ${where(s)} has no containers.`);
  }
  return { deployment: d, container: c };
}

/** The digest the stage's pods report running (their image ID), when the caller may list pods. */
async function runningDigest(rt: Runtime, p: Principal, s: Stage, d: Deployment, container: string, image: string, signal?: AbortSignal): Promise<string | undefined> {
  const labels = d.spec?.selector?.matchLabels;
  if (!labels || !mayCall(rt, p, "GET", s.cluster, podsPath(s.namespace))) return undefined;
  const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",");
  try {
    const at = await asCaller(rt, p, "GET", s.cluster, podsPath(s.namespace), `list pods ${where(s)}`);
    const pods = await k8sJSON<KubeList<Pod>>(at.conn, `${at.path}?labelSelector=${encodeURIComponent(selector)}&limit=20`, { timeoutMs: TIMEOUT_MS, signal });
    for (const pod of pods.items) {
      const st = pod.status?.containerStatuses?.find((c) => c.name === container && (!c.image || c.image === image));
      const digest = digestOfImageID(st?.imageID);
      if (digest) return digest;
    }
  } catch {
    /* the image as written still says what runs */
  }
  return undefined;
}

/**
 * A project's runs, as much of each as the lane needs. Shared for a few seconds between callers (every open lane
 * page polls): the caller's right to list them is checked before the shared copy is handed out.
 */
const RUNS_TTL_MS = 10_000;
const runsCache = new Map<string, { at: number; runs: Promise<Run[]> }>();

function projectRuns(conn: Placed["conn"], path: string, key: string): Promise<Run[]> {
  const now = Date.now();
  const hit = runsCache.get(key);
  if (hit && now - hit.at < RUNS_TTL_MS) return hit.runs;
  for (const [k, v] of runsCache) if (now - v.at >= RUNS_TTL_MS) runsCache.delete(k);
  const runs = k8sJSON<KubeList<Run>>(conn, `${path}?limit=${RUNS_READ}`, { timeoutMs: TIMEOUT_MS }).then((l) =>
    l.items.map((r) => ({
      metadata: { name: r.metadata.name, namespace: r.metadata.namespace, creationTimestamp: r.metadata.creationTimestamp },
      spec: { pipelineRef: r.spec?.pipelineRef, status: r.spec?.status },
      status: { completionTime: r.status?.completionTime, results: r.status?.results, conditions: r.status?.conditions },
    })),
  );
  runsCache.set(key, { at: now, runs });
  runs.catch(() => runsCache.delete(key));
  return runs;
}

/** PipelineRuns in the lane's projects that the caller may list, newest first. */
async function laneRuns(rt: Runtime, p: Principal, stages: Stage[]): Promise<{ stage: Stage; run: Run }[]> {
  const places = new Map<string, Stage>();
  for (const s of stages) places.set(`${s.cluster}/${s.namespace}`, s);
  const lists = await Promise.all(
    [...places.entries()].map(async ([key, s]) => {
      if (!mayCall(rt, p, "GET", s.cluster, runsPath(s.namespace))) return [];
      try {
        const at = await asCaller(rt, p, "GET", s.cluster, runsPath(s.namespace), `list pipelineruns ${where(s)}`);
        return (await projectRuns(at.conn, at.path, key)).map((run) => ({ stage: s, run }));
      } catch {
        return [];
      }
    }),
  );
  return lists.flat().sort((a, b) => (b.run.metadata.creationTimestamp ?? "").localeCompare(a.run.metadata.creationTimestamp ?? ""));
}

function runView(stage: Stage, r: Run): ProducingRun {
  return {
    cluster: stage.cluster,
    namespace: stage.namespace,
    name: r.metadata.name!,
    pipeline: r.spec?.pipelineRef?.name,
    status: runStatus(r),
    finishedAt: r.status?.completionTime,
  };
}

async function stageState(rt: Runtime, p: Principal, s: Stage, runs: { stage: Stage; run: Run }[], signal?: AbortSignal): Promise<StageState> {
  const base: StageState = {
    ...stageSpec(s),
    canRead: mayCall(rt, p, "GET", s.cluster, deploymentPath(s.namespace, s.workload)),
    canPromote: mayCall(rt, p, "PUT", s.cluster, deploymentPath(s.namespace, s.workload)),
    runs: [],
  };
  if (!base.canRead) return { ...base, error: `You may not get deployments.apps ${where(s)}.` };
  try {
    const { deployment: d, container } = await stageImage(rt, p, s, signal);
    const parts = parseImageRef(container.image);
    const image: ImageRef = { ...parts };
    image.digest ??= await runningDigest(rt, p, s, d, container.name, container.image, signal);
    const made = producedBy(image, runs.map((x) => x.run));
    const byRun = new Map(runs.map((x) => [x.run, x.stage]));
    // The digest the build reported, when neither the reference nor the pods say it.
    image.digest ??= made.flatMap(resultTexts).find((x) => /^sha256:[0-9a-f]{64}$/.test(x.value))?.value;
    return {
      ...base,
      container: container.name,
      image,
      replicas: { desired: d.spec?.replicas ?? 1, ready: d.status?.readyReplicas ?? 0, updated: d.status?.updatedReplicas ?? 0 },
      runs: made.slice(0, 5).map((r) => runView(byRun.get(r)!, r)),
    };
  } catch (e) {
    return { ...base, error: e instanceof Error ? e.message : String(e) };
  }
}

export function promotionView(x: PromotionResource): Promotion {
  return { name: x.metadata.name!, ...x.spec, phase: x.status?.phase ?? "Failed", ...Object.fromEntries(Object.entries(x.status ?? {}).filter(([k]) => k !== "phase")) };
}

function historyOf(rt: Runtime, lane: string): PromotionResource[] {
  return rt.store.promotions
    .list()
    .filter((x) => x.spec.lane === lane)
    .sort((a, b) => b.spec.requestedAt.localeCompare(a.spec.requestedAt) || b.metadata.name!.localeCompare(a.metadata.name!));
}

/** The lane with what each stage runs now, read as the caller, and its promotions. */
export async function laneState(rt: Runtime, p: Principal, name: string, signal?: AbortSignal): Promise<LaneState> {
  const l = requireLane(rt, p, name);
  const stages = l.spec.stages ?? [];
  const runs = await laneRuns(rt, p, stages);
  return {
    ...laneView(rt, p, l),
    stages: await Promise.all(stages.map((s) => stageState(rt, p, s, runs, signal))),
    promotions: historyOf(rt, name).slice(0, HISTORY).map(promotionView),
  };
}

// ---- promoting ------------------------------------------------------------------

/** The caller's right to promote into a stage: update deployments there, as the proxy decides it. */
function checkPromoteRight(rt: Runtime, p: Principal, s: Stage, doing: string) {
  return asCaller(rt, p, "PUT", s.cluster, deploymentPath(s.namespace, s.workload), `update deployments.apps ${where(s)}, so you cannot ${doing}`);
}

/**
 * Sets the image of one container and nothing else, if it still runs `expected`:
 * a JSON patch whose test makes a concurrent change (or a second approval) fail instead of being overwritten.
 */
async function setImage(rt: Runtime, p: Principal, s: Stage, index: number, container: string, expected: string, image: string, signal?: AbortSignal) {
  const at = await checkPromoteRight(rt, p, s, "change its image");
  const path = `/spec/template/spec/containers/${index}`;
  const patch = [
    { op: "test", path: `${path}/name`, value: container },
    { op: "test", path: `${path}/image`, value: expected },
    { op: "replace", path: `${path}/image`, value: image },
  ];
  await k8sJSON(at.conn, at.path, { method: "PATCH", body: patch, contentType: "application/json-patch+json", timeoutMs: TIMEOUT_MS, signal }).catch((e) => {
    if (e instanceof K8sError && (e.code === 422 || e.code === 409 || e.code === 500) && /test/i.test(e.message)) {
      throw new ApiError("conflict", `Deployment "${s.workload}" ${where(s)} no longer runs ${expected} (someone changed it meanwhile). Reload and try again.`);
    }
    throw callFailure(rt, e, s.cluster, `Deployment "${s.workload}" was not found ${where(s)}.`);
  });
}

function stageIndex(l: PromotionLaneResource, name: string, field: string): number {
  const i = (l.spec.stages ?? []).findIndex((s) => s.name === name);
  if (i < 0) {
    const msg = `Lane "${l.metadata.name}" has no stage "${name}" (its stages: ${(l.spec.stages ?? []).map((s) => s.name).join(", ")}).`;
    throw new ApiError("validation_failed", msg, { [field]: msg });
  }
  return i;
}

const now = () => new Date().toISOString();

/** Copies the image of one stage to the next: at once, or held for approval when the target asks for it. */
export async function promote(rt: Runtime, p: Principal, body: CreatePromotionBody, signal?: AbortSignal): Promise<Promotion> {
  const l = requireLane(rt, p, body.lane);
  const fromI = stageIndex(l, body.from, "from");
  const toI = stageIndex(l, body.to, "to");
  const stages = l.spec.stages;
  if (toI !== fromI + 1) {
    const next = stages[fromI + 1];
    const msg = next ? `Promote from "${body.from}" to the stage after it, "${next.name}".` : `"${body.from}" is the last stage of lane "${body.lane}": there is nothing to promote it to.`;
    throw new ApiError("validation_failed", msg, { to: msg });
  }
  const from = stages[fromI];
  const to = stages[toI];
  await checkPromoteRight(rt, p, to, `promote into stage "${to.name}"`);
  const [src, dst] = await Promise.all([stageImage(rt, p, from, signal), stageImage(rt, p, to, signal)]);
  const image = src.container.image;
  if (body.expectImage !== undefined && body.expectImage !== image) {
    throw new ApiError("conflict", `Stage "${from.name}" runs ${image} now, not ${body.expectImage} as shown. Look again before promoting.`);
  }
  if (dst.container.image === image) throw new ApiError("conflict", `Stage "${to.name}" already runs ${image}.`);
  const waiting = historyOf(rt, l.metadata.name!).find((x) => x.spec.to === to.name && x.status?.phase === "WaitingApproval");
  if (waiting) {
    throw new ApiError("conflict", `A promotion into "${to.name}" (${waiting.metadata.name}) is waiting for approval: approve or reject it first.`);
  }
  const spec: PromotionResource["spec"] = {
    lane: l.metadata.name!,
    tenant: l.spec.tenant,
    from: from.name,
    to: to.name,
    container: dst.container.name,
    image,
    previousImage: dst.container.image,
    requestedBy: p.username,
    requestedAt: now(),
  };
  if (to.requireApproval) return promotionView(await record(rt, spec, { phase: "WaitingApproval" }));
  await setImage(rt, p, to, dst.container.index, dst.container.name, dst.container.image, image, signal);
  try {
    return promotionView(await record(rt, spec, { phase: "Promoted", promotedAt: now() }));
  } catch (e) {
    // Not recorded: undo the change, so nothing is half-made.
    await setImage(rt, p, to, dst.container.index, dst.container.name, image, dst.container.image).catch(() => undefined);
    throw e;
  }
}

/** The promotion's record, with its outcome (status is a plain field here: no subresource). */
function record(rt: Runtime, spec: PromotionResource["spec"], status: NonNullable<PromotionResource["status"]>): Promise<PromotionResource> {
  const labels = { [BINDING_TENANT_LABEL]: spec.tenant, [LANE_LABEL]: spec.lane };
  return rt.store.createGenerated<PromotionResource>("promotions", "Promotion", `${spec.lane}-${spec.to}-`.slice(0, 58), spec, labels, status);
}

function requirePromotion(rt: Runtime, p: Principal, name: string): { x: PromotionResource; lane: PromotionLaneResource; to: Stage } {
  const x = rt.store.promotions.get(`${rt.store.namespace}/${name}`);
  const missing = `Promotion "${name}" does not exist or is not in a tenant of yours.`;
  if (!x || !visibleTenants(rt, p).some((t) => t.metadata.name === x.spec.tenant)) throw new ApiError("not_found", missing);
  const lane = rt.store.lanes.get(`${rt.store.namespace}/${x.spec.lane}`);
  const to = lane?.spec.stages.find((s) => s.name === x.spec.to);
  if (!lane || !to) throw new ApiError("conflict", `Lane "${x.spec.lane}" or its stage "${x.spec.to}" no longer exists.`);
  return { x, lane, to };
}

/** Approve, reject or roll back a promotion. */
export async function actOn(rt: Runtime, p: Principal, name: string, action: "approve" | "reject" | "rollback", signal?: AbortSignal): Promise<Promotion> {
  const { x, to } = requirePromotion(rt, p, name);
  const phase = x.status?.phase;
  const save = async (status: NonNullable<PromotionResource["status"]>) => {
    try {
      return promotionView(await rt.store.replace<PromotionResource>("promotions", { ...x, status: { ...x.status, ...status } }));
    } catch (e) {
      if (e instanceof K8sError && e.code === 409) throw new ApiError("conflict", `Promotion "${name}" was changed meanwhile (${rt.store.promotions.get(`${rt.store.namespace}/${name}`)?.status?.phase ?? "gone"}). Reload it.`);
      throw e;
    }
  };
  if (action === "approve" || action === "reject") {
    if (phase !== "WaitingApproval") throw new ApiError("conflict", `Promotion "${name}" is not waiting for approval: it is ${phase}.`);
    if (action === "approve" && x.spec.requestedBy === p.username) {
      throw new ApiError("forbidden", `You asked for this promotion: someone else with update rights on deployments in stage "${to.name}" must approve it.`);
    }
    await checkPromoteRight(rt, p, to, `${action} promotions into stage "${to.name}"`);
    if (action === "reject") return save({ phase: "Rejected", rejectedBy: p.username, rejectedAt: now() });
    const { container } = await stageImage(rt, p, to, signal);
    if (container.name !== x.spec.container || container.image !== x.spec.previousImage) {
      await save({ phase: "Failed", message: `Stage "${to.name}" runs ${container.image} now, not ${x.spec.previousImage} as when this was asked for.` });
      throw new ApiError("conflict", `Stage "${to.name}" changed since this promotion was asked for (it runs ${container.image} now). Promote again.`);
    }
    await setImage(rt, p, to, container.index, container.name, x.spec.previousImage, x.spec.image, signal);
    return save({ phase: "Promoted", approvedBy: p.username, approvedAt: now(), promotedAt: now() });
  }
  if (phase !== "Promoted") throw new ApiError("conflict", `Only a promotion that took place can be rolled back; "${name}" is ${phase}.`);
  await checkPromoteRight(rt, p, to, `roll back promotions into stage "${to.name}"`);
  const { container } = await stageImage(rt, p, to, signal);
  if (container.name !== x.spec.container || container.image !== x.spec.image) {
    throw new ApiError("conflict", `Stage "${to.name}" runs ${container.image} now, not ${x.spec.image} as this promotion left it: roll back the later change instead.`);
  }
  await setImage(rt, p, to, container.index, container.name, x.spec.image, x.spec.previousImage, signal);
  return save({ phase: "RolledBack", rolledBackBy: p.username, rolledBackAt: now() });
}

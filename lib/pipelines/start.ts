import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import { describe } from "@/lib/k8s/clusters";
import { type PipelineObject, type PipelineRunObject, TEKTON_GROUP } from "@/lib/k8s/kinds/pipeline";
import { newPipelineRun, rerunOf, runParamSpecs, runParams } from "@/lib/k8s/kinds/pipeline-run";
import type { Status } from "@/lib/k8s/types";
import { type Placed, checkCall, isStatus, place } from "@/lib/proxy/check";
import type { Runtime } from "@/lib/server/context";
import type { StartRunAnswer } from "@/lib/validations/pipeline";

// Starting a PipelineRun for the caller: decided by the enforcer exactly as
// the proxy decides `POST .../pipelineruns` (and the read of the pipeline or
// run it starts from), then created with who started it — a note the browser
// could not be trusted to write itself. Params are checked against the
// pipeline's declarations first: Tekton has no webhook here, and a run it
// refuses would only fail after it was made.

const TIMEOUT_MS = 10_000;

export interface StartRunInput {
  cluster: string;
  namespace: string;
  pipeline?: string;
  rerunOf?: string;
  params: Record<string, unknown>;
}

const runsPath = (ns: string) => `/apis/${TEKTON_GROUP}/v1/namespaces/${ns}/pipelineruns`;
const pipelinePath = (ns: string, name: string) => `/apis/${TEKTON_GROUP}/v1/namespaces/${ns}/pipelines/${name}`;

/**
 * The proxy's check of one call as `p`, made by a console API route whose
 * wrapper already checked the request's CSRF token (not audited on its own:
 * the route audits the action), placed on its cluster.
 */
export async function asCaller(rt: Runtime, p: Principal, method: string, cluster: string, path: string, what: string): Promise<Placed> {
  const checked = checkCall(rt, { method, url: `/clusters/${cluster}${path}`, headers: {}, upgrade: false, auth: { ok: true, principal: p }, probe: true, onBehalf: true });
  const placed = isStatus(checked) ? checked : await place(rt, checked);
  if (isStatus(placed)) throw refusal(placed, cluster, what);
  return placed;
}

function refusal(s: Status, cluster: string, what: string): ApiError {
  const code = s.code ?? 500;
  if (code === 403) return new ApiError("forbidden", `You may not ${what}.`);
  if (code === 404) return new ApiError("not_found", `Cluster "${cluster}" is not registered.`);
  if (code === 503) return unreachable(cluster, (s.message ?? "").replace(/^cluster \S+ is unreachable:?\s*/, ""));
  return new ApiError(code === 400 ? "bad_request" : "internal", s.message ?? `Could not ${what}.`);
}

function unreachable(cluster: string, detail: string): ApiError {
  return new ApiError("unavailable", `Cluster "${cluster}" is unreachable${detail ? `: ${detail}` : ""}. Try again in a moment.`);
}

/** A failed call to the cluster as the API's error: 404 as not found, a refusal with its message, else unreachable. */
function failure(rt: Runtime, e: unknown, cluster: string, missing: string): ApiError {
  if (e instanceof K8sError) {
    if (e.code === 404) return new ApiError("not_found", missing);
    if (e.code === 422 || e.code === 400) return new ApiError("validation_failed", e.message);
    if (e.code === 409) return new ApiError("conflict", e.message);
    if (e.code === 403) return new ApiError("forbidden", e.message);
    return new ApiError("unavailable", `Cluster "${cluster}" answered ${e.code}: ${e.message}`);
  }
  rt.clusters.reportFailure(cluster, e);
  return unreachable(cluster, describe(e));
}

export async function startRun(rt: Runtime, p: Principal, input: StartRunInput, signal: AbortSignal): Promise<StartRunAnswer> {
  const { cluster, namespace: ns } = input;
  const where = `in namespace "${ns}" on cluster "${cluster}"`;
  const create = await asCaller(rt, p, "POST", cluster, runsPath(ns), `create pipelineruns.tekton.dev ${where}`);
  let run: PipelineRunObject;
  if (input.rerunOf) {
    const from = await asCaller(rt, p, "GET", cluster, `${runsPath(ns)}/${input.rerunOf}`, `get pipelineruns.tekton.dev ${where}`);
    const base = await k8sJSON<PipelineRunObject>(from.conn, from.path, { timeoutMs: TIMEOUT_MS, signal }).catch((e) => {
      throw failure(rt, e, cluster, `PipelineRun "${input.rerunOf}" was not found ${where}.`);
    });
    const checked = runParams(runParamSpecs(base), input.params);
    if (Object.keys(checked.errors).length) throw paramErrors(checked.errors);
    run = rerunOf(base, checked.params, p.username);
  } else {
    const name = input.pipeline ?? "";
    const from = await asCaller(rt, p, "GET", cluster, pipelinePath(ns, name), `get pipelines.tekton.dev ${where}`);
    const pipeline = await k8sJSON<PipelineObject>(from.conn, from.path, { timeoutMs: TIMEOUT_MS, signal }).catch((e) => {
      throw failure(rt, e, cluster, `Pipeline "${name}" was not found ${where}.`);
    });
    const checked = runParams(pipeline.spec?.params, input.params);
    if (Object.keys(checked.errors).length) throw paramErrors(checked.errors);
    run = newPipelineRun(pipeline, checked.params, p.username);
  }
  const made = await k8sJSON<PipelineRunObject>(create.conn, create.path, { method: "POST", body: run, timeoutMs: TIMEOUT_MS, signal }).catch((e) => {
    throw failure(rt, e, cluster, `Namespace "${ns}" was not found on cluster "${cluster}".`);
  });
  return { cluster, namespace: ns, name: made.metadata.name ?? "", pipeline: made.spec?.pipelineRef?.name ?? null };
}

function paramErrors(errors: Record<string, string>): ApiError {
  const fields = Object.fromEntries(Object.entries(errors).map(([k, v]) => [`params.${k}`, v]));
  return new ApiError("validation_failed", `The run's params do not fit the pipeline: ${Object.values(errors).join(" ")}`, fields);
}

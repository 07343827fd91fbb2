import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { k8sJSON } from "@/lib/k8s/api";
import { type PipelineObject, type PipelineRunObject, TEKTON_GROUP } from "@/lib/k8s/kinds/pipeline";
import { newPipelineRun, rerunOf, runParamSpecs, runParams } from "@/lib/k8s/kinds/pipeline-run";
import { asCaller, callFailure as failure } from "@/lib/proxy/on-behalf";
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

import "server-only";
import { Agent } from "undici";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import { describe } from "@/lib/k8s/clusters";
import type { Status } from "@/lib/k8s/types";
import { checkCall, isStatus, place } from "@/lib/proxy/check";
import { refusal, unreachable } from "@/lib/proxy/on-behalf";
import type { Runtime } from "@/lib/server/context";
import type { RouteKind, TryRouteAnswer } from "@/lib/validations/route";
import { answerOf, countAnswer, countFailure, echoPod, failureReason, gatewayTarget, newTally, routeTarget } from "./try-model";

// "Try it": requests sent through a cluster's gateway, server-side, to see
// which pods answer a route. They go only to the gateway address a platform
// admin configured for the cluster, with the route's host; the caller needs
// the right to read the route, decided as the proxy decides it.

const CONCURRENCY = 16;
const REQUEST_TIMEOUT_MS = 2_000;
const RUN_TIMEOUT_MS = 15_000;
const ROUTE_READ_TIMEOUT_MS = 5_000;
const MAX_ANSWER_BYTES = 64 * 1024;

const API: Record<RouteKind, { group: string; version: string; resource: string }> = {
  HTTPRoute: { group: "gateway.networking.k8s.io", version: "v1", resource: "httproutes" },
  Ingress: { group: "networking.k8s.io", version: "v1", resource: "ingresses" },
};

// Shared by every run: keep-alive sockets for the next burst, at most CONCURRENCY per gateway.
let agent: Agent | undefined;
function gatewayAgent(): Agent {
  agent ??= new Agent({
    connections: CONCURRENCY,
    keepAliveTimeout: 10_000,
    connect: { timeout: REQUEST_TIMEOUT_MS },
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  });
  return agent;
}

export interface TryRouteInput {
  cluster: string;
  namespace: string;
  kind: RouteKind;
  name: string;
  requests: number;
  path?: string;
}

class RunLimit extends Error {
  constructor() {
    super(`the run reached its ${RUN_TIMEOUT_MS / 1000} s limit`);
  }
}

export async function tryRoute(rt: Runtime, p: Principal, input: TryRouteInput, signal: AbortSignal): Promise<TryRouteAnswer> {
  const api = API[input.kind];
  const apiPath = `/apis/${api.group}/${api.version}/namespaces/${input.namespace}/${api.resource}/${input.name}`;
  // The proxy's own check of `GET <route>`: the same decision kubectl would get. The wrapper audits a refusal.
  const checked = checkCall(rt, {
    method: "GET",
    url: `/clusters/${input.cluster}${apiPath}`,
    headers: {},
    upgrade: false,
    auth: { ok: true, principal: p },
    probe: true,
  });
  if (isStatus(checked)) throw refused(checked, input);
  const gatewayURL = rt.store.cluster(input.cluster)?.spec.gatewayURL;
  if (!gatewayURL) {
    throw new ApiError(
      "conflict",
      `Cluster "${input.cluster}" has no gateway address, so its routes cannot be tried from the console. A platform admin can set it in the cluster's settings (Clusters › Edit › Gateway URL).`,
    );
  }
  const placed = await place(rt, checked);
  if (isStatus(placed)) throw refused(placed, input);
  let route: unknown;
  try {
    route = await k8sJSON(placed.conn, placed.path, { timeoutMs: ROUTE_READ_TIMEOUT_MS, signal });
  } catch (e) {
    if (e instanceof K8sError && e.code === 404) {
      throw new ApiError("not_found", `${input.kind} "${input.name}" was not found in namespace "${input.namespace}" on cluster "${input.cluster}".`);
    }
    // The caller left: nothing to say about the cluster (and nothing to log as a failure).
    if (signal.aborted) throw new ApiError("bad_request", "The request was cancelled before the route was read.");
    if (e instanceof K8sError) throw new ApiError("unavailable", `Cluster "${input.cluster}" answered ${e.code} when asked for the ${input.kind}: ${e.message}`);
    rt.clusters.reportFailure(input.cluster, e);
    throw unreachable(input.cluster, describe(e));
  }
  const target = routeTarget(input.kind, route, { name: input.name, namespace: input.namespace, path: input.path });
  return send(gatewayURL, target, input.requests, signal);
}

/** The check's refusal as the console API's error, naming what was refused. */
function refused(s: Status, input: TryRouteInput): ApiError {
  const api = API[input.kind];
  return refusal(s, input.cluster, `get ${api.resource}.${api.group} in namespace "${input.namespace}" on cluster "${input.cluster}", so you cannot try ${input.kind} "${input.name}"`);
}

async function send(gatewayURL: string, target: ReturnType<typeof routeTarget>, requests: number, signal: AbortSignal): Promise<TryRouteAnswer> {
  const { origin, path } = gatewayTarget(gatewayURL, target.path);
  const headers = { ...target.headers, host: target.host, accept: "application/json", "user-agent": "pilothouse-try" };
  const dispatcher = gatewayAgent();
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(new RunLimit()), RUN_TIMEOUT_MS);
  const run = AbortSignal.any([signal, limit.signal]);
  const tally = newTally();
  const started = performance.now();

  const one = async () => {
    try {
      const res = await dispatcher.request({
        origin,
        path,
        method: "GET",
        headers,
        signal: AbortSignal.any([run, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      let size = 0;
      const chunks: Buffer[] = [];
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        const room = MAX_ANSWER_BYTES - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        // Leaving the loop destroys the body: the rest is never read.
        if (size >= MAX_ANSWER_BYTES) break;
      }
      const pod = res.headers["x-pilothouse-pod"];
      countAnswer(tally, res.statusCode, echoPod(Buffer.concat(chunks).toString("utf8"), Array.isArray(pod) ? pod[0] : pod));
    } catch (e) {
      countFailure(tally, run.aborted ? (limit.signal.aborted ? String((limit.signal.reason as Error).message) : "the request was cancelled") : failureReason(e, REQUEST_TIMEOUT_MS));
    }
  };

  const worker = async () => {
    while (tally.sent < requests && !run.aborted) {
      tally.sent += 1;
      await one();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, requests) }, worker));
  } finally {
    clearTimeout(timer);
  }
  return answerOf(tally, { gateway: gatewayURL, host: target.host, path: target.path, durationMs: performance.now() - started });
}

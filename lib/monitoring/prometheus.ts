import "server-only";

// A small Prometheus HTTP API client: server-side only (the browser never
// talks to Prometheus), every call bounded by a timeout so one cluster's slow
// or dead Prometheus never holds up a page.

export const PROMETHEUS_TIMEOUT_MS = 5000;

export type PrometheusAuth = { type: "none" } | { type: "bearer"; token: string } | { type: "basic"; username: string; password: string };

export interface PrometheusTarget {
  cluster: string;
  url?: string;
  auth: PrometheusAuth;
}

/** One series of a range or instant query, values as numbers (null for NaN/Inf gaps). */
export type { Series } from "./series";
import type { Series } from "./series";

export interface RawAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: "firing" | "pending" | "inactive";
  activeAt?: string;
  value?: string;
}

/** The cluster has no Prometheus, or it could not be reached or answered nonsense. */
export class MetricsUnavailableError extends Error {
  constructor(
    readonly cluster: string,
    readonly reason: "not_configured" | "unreachable" | "timeout" | "bad_response" | "unauthorized",
    message: string,
  ) {
    super(message);
  }
}

/** Prometheus refused the query itself (bad PromQL in the explorer, too many samples, …). */
export class QueryError extends Error {
  constructor(
    readonly cluster: string,
    message: string,
  ) {
    super(message);
  }
}

function authHeader(auth: PrometheusAuth): string | undefined {
  if (auth.type === "bearer") return `Bearer ${auth.token}`;
  if (auth.type === "basic") return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
  return undefined;
}

function num(v: string): number | null {
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

async function call<T>(t: PrometheusTarget, path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  if (!t.url) throw new MetricsUnavailableError(t.cluster, "not_configured", `Cluster "${t.cluster}" has no Prometheus address configured.`);
  const url = new URL(path.replace(/^\//, ""), t.url.endsWith("/") ? t.url : `${t.url}/`);
  const timeout = AbortSignal.timeout(PROMETHEUS_TIMEOUT_MS);
  const headers: Record<string, string> = { accept: "application/json" };
  const auth = authHeader(t.auth);
  if (auth) headers.authorization = auth;
  let res: Response;
  try {
    res = await fetch(url, {
      // POST keeps long queries out of URLs (and out of Prometheus' access logs).
      method: params ? "POST" : "GET",
      headers: params ? { ...headers, "content-type": "application/x-www-form-urlencoded" } : headers,
      body: params?.toString(),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: "error",
    });
  } catch (e) {
    if (timeout.aborted) {
      throw new MetricsUnavailableError(t.cluster, "timeout", `The Prometheus of "${t.cluster}" did not answer within ${PROMETHEUS_TIMEOUT_MS / 1000} s.`);
    }
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new MetricsUnavailableError(
      t.cluster,
      "unreachable",
      `The Prometheus of "${t.cluster}" is unreachable (${cause?.code ?? cause?.message ?? (e as Error).message}).`,
    );
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    throw new MetricsUnavailableError(t.cluster, "unauthorized", `The Prometheus of "${t.cluster}" refused the console's credentials (HTTP ${res.status}).`);
  }
  let body: { status?: string; data?: T; error?: string; errorType?: string };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new MetricsUnavailableError(t.cluster, "bad_response", `The Prometheus of "${t.cluster}" answered HTTP ${res.status} without a Prometheus API response.`);
  }
  if (body.status !== "success") {
    // 400/422: the query is at fault; 503/timeouts: Prometheus is.
    if (res.status === 400 || res.status === 422 || body.errorType === "bad_data" || body.errorType === "execution") {
      throw new QueryError(t.cluster, body.error ?? "Prometheus rejected the query.");
    }
    throw new MetricsUnavailableError(t.cluster, "bad_response", `The Prometheus of "${t.cluster}" answered: ${body.error ?? `HTTP ${res.status}`}.`);
  }
  return body.data as T;
}

type PromResult =
  | { resultType: "matrix"; result: { metric: Record<string, string>; values: [number, string][] }[] }
  | { resultType: "vector"; result: { metric: Record<string, string>; value: [number, string] }[] }
  | { resultType: "scalar" | "string"; result: [number, string] };

function toSeries(r: PromResult): Series[] {
  switch (r.resultType) {
    case "matrix":
      return r.result.map((s) => ({ metric: s.metric, values: s.values.map(([t, v]) => [t, num(v)] as [number, number | null]) }));
    case "vector":
      return r.result.map((s) => ({ metric: s.metric, values: [[s.value[0], num(s.value[1])]] }));
    default:
      return [{ metric: {}, values: [[r.result[0], num(r.result[1])]] }];
  }
}

export async function queryRange(
  t: PrometheusTarget,
  query: string,
  range: { start: number; end: number; step: number },
  signal?: AbortSignal,
): Promise<Series[]> {
  const params = new URLSearchParams({
    query,
    start: String(range.start),
    end: String(range.end),
    step: String(range.step),
    timeout: `${PROMETHEUS_TIMEOUT_MS - 500}ms`,
  });
  return toSeries(await call<PromResult>(t, "api/v1/query_range", params, signal));
}

export async function queryInstant(t: PrometheusTarget, query: string, time?: number, signal?: AbortSignal): Promise<Series[]> {
  const params = new URLSearchParams({ query, timeout: `${PROMETHEUS_TIMEOUT_MS - 500}ms` });
  if (time !== undefined) params.set("time", String(time));
  return toSeries(await call<PromResult>(t, "api/v1/query", params, signal));
}

export async function alerts(t: PrometheusTarget, signal?: AbortSignal): Promise<RawAlert[]> {
  return (await call<{ alerts: RawAlert[] }>(t, "api/v1/alerts", undefined, signal)).alerts ?? [];
}

import type { KubeObject } from "../types";
import { type Condition, JSON_PATCH, findCondition } from "./common";

// Gateway API HTTPRoutes (gateway.networking.k8s.io/v1): what they match, where
// they send traffic and in what shares, what each parent's controller says of
// them, and the weight changes of blue-green and canary releases. Pure.

export const GATEWAY_GROUP = "gateway.networking.k8s.io";

export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export type PathMatchType = "Exact" | "PathPrefix" | "RegularExpression";
export type HeaderMatchType = "Exact" | "RegularExpression";

export interface HTTPHeaderMatch {
  type?: HeaderMatchType;
  name: string;
  value: string;
}

export interface HTTPRouteMatch {
  path?: { type?: PathMatchType; value?: string };
  headers?: HTTPHeaderMatch[];
  queryParams?: { type?: string; name: string; value: string }[];
  method?: string;
}

export interface HTTPBackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  filters?: unknown[];
}

export interface HTTPRouteRule {
  name?: string;
  matches?: HTTPRouteMatch[];
  filters?: unknown[];
  backendRefs?: HTTPBackendRef[];
  timeouts?: Record<string, string>;
  [other: string]: unknown;
}

export interface RouteParentStatus {
  parentRef: ParentReference;
  controllerName?: string;
  conditions?: (Condition & { observedGeneration?: number })[];
}

export interface HTTPRouteObject extends KubeObject {
  spec?: {
    parentRefs?: ParentReference[];
    hostnames?: string[];
    rules?: HTTPRouteRule[];
  };
  status?: { parents?: RouteParentStatus[] };
}

// ---- matches ----

export interface MatchView {
  pathType: PathMatchType;
  path: string;
  headers: { name: string; value: string; type: HeaderMatchType }[];
  method?: string;
  queryParams: string[];
}

/** A match as the API defaults it: a path prefix "/" when the match names no path. */
export function matchView(m: HTTPRouteMatch): MatchView {
  return {
    pathType: m.path?.type ?? "PathPrefix",
    path: m.path?.value ?? "/",
    headers: (m.headers ?? []).map((h) => ({ name: h.name, value: h.value, type: h.type ?? "Exact" })),
    method: m.method,
    queryParams: (m.queryParams ?? []).map((q) => `${q.name}=${q.value}`),
  };
}

/** A rule's matches; a rule without any matches every request (prefix "/"). */
export const ruleMatches = (r: HTTPRouteRule): MatchView[] => (r.matches?.length ? r.matches : [{}]).map(matchView);

const PATH_SIGN: Record<PathMatchType, string> = { PathPrefix: "", Exact: "=", RegularExpression: "~" };

/** One line for a match: "/api*", "=/health", "~^/v[0-9]+", with headers and method after it. */
export function matchText(m: MatchView): string {
  const path = m.pathType === "PathPrefix" ? `${m.path}${m.path.endsWith("*") ? "" : "*"}` : `${PATH_SIGN[m.pathType]}${m.path}`;
  const extra = [
    ...(m.method ? [m.method] : []),
    ...m.headers.map((h) => `${h.name}${h.type === "Exact" ? "=" : "~"}${h.value}`),
    ...m.queryParams.map((q) => `?${q}`),
  ];
  return extra.length ? `${path} [${extra.join(", ")}]` : path;
}

// ---- backends and shares ----

export interface BackendShare {
  name: string;
  namespace?: string;
  /** "Service" unless the reference names another kind. */
  kind: string;
  port?: number;
  weight: number;
  /** Of the rule's total weight, exact (0 when the total is 0). */
  percent: number;
}

/** Each weight's share of the total in percent (0 for all when the total is 0). */
export function percents(weights: number[]): number[] {
  const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
  return weights.map((w) => (total > 0 ? (Math.max(0, w) / total) * 100 : 0));
}

/**
 * Whole percents that add up to 100 (largest remainder), for labels: 33/33/33
 * would tell the reader a third is lost. All 0 when the total is 0.
 */
export function roundedPercents(weights: number[]): number[] {
  const exact = percents(weights);
  if (exact.every((p) => p === 0)) return exact;
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((p, i) => [p - Math.floor(p), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

/** The backends of a rule with their weights (the API's default is 1) and their share of the rule's traffic. */
export function ruleBackends(r: HTTPRouteRule): BackendShare[] {
  const refs = r.backendRefs ?? [];
  const weights = refs.map((b) => b.weight ?? 1);
  const shares = percents(weights);
  return refs.map((b, i) => ({ name: b.name, namespace: b.namespace, kind: b.kind ?? "Service", port: b.port, weight: weights[i], percent: shares[i] }));
}

export interface RuleView {
  index: number;
  name?: string;
  matches: MatchView[];
  backends: BackendShare[];
}

export const httpRouteRules = (r: HTTPRouteObject): RuleView[] =>
  (r.spec?.rules ?? []).map((rule, index) => ({ index, name: rule.name, matches: ruleMatches(rule), backends: ruleBackends(rule) }));

export const httpRouteHosts = (r: HTTPRouteObject): string[] => r.spec?.hostnames ?? [];

/** "web:8080" or "other-ns/web:8080"; the kind too when it is not a Service. */
export function backendText(b: Pick<BackendShare, "name" | "namespace" | "kind" | "port">): string {
  const kind = b.kind && b.kind !== "Service" ? `${b.kind}/` : "";
  return `${kind}${b.namespace ? `${b.namespace}/` : ""}${b.name}${b.port !== undefined ? `:${b.port}` : ""}`;
}

/** Every backend of every rule, once, for a brief line and filters. */
export function httpRouteBackendNames(r: HTTPRouteObject): string[] {
  return [...new Set(httpRouteRules(r).flatMap((x) => x.backends.map(backendText)))];
}

// ---- parents and what their controllers say ----

export interface ParentView {
  ref: ParentReference;
  /** "namespace/name" (and "/section" or ":port" when the reference names one). */
  label: string;
  kind: string;
  namespace: string;
  controllerName?: string;
  conditions: Condition[];
  accepted?: Condition;
  resolvedRefs?: Condition;
}

function sameParent(a: ParentReference, b: ParentReference, ns: string): boolean {
  return (
    (a.group ?? GATEWAY_GROUP) === (b.group ?? GATEWAY_GROUP) &&
    (a.kind ?? "Gateway") === (b.kind ?? "Gateway") &&
    (a.namespace ?? ns) === (b.namespace ?? ns) &&
    a.name === b.name &&
    (a.sectionName ?? "") === (b.sectionName ?? "") &&
    (a.port ?? 0) === (b.port ?? 0)
  );
}

export function parentLabel(p: ParentReference, ns: string): string {
  const kind = (p.kind ?? "Gateway") === "Gateway" ? "" : `${p.kind}/`;
  return `${kind}${p.namespace ?? ns}/${p.name}${p.sectionName ? `/${p.sectionName}` : ""}${p.port ? `:${p.port}` : ""}`;
}

/**
 * The route's parents (its spec.parentRefs) with what the controller of each
 * reported in status.parents; a parent no controller has reported on yet has
 * no conditions.
 */
export function routeParents(r: { metadata: KubeObject["metadata"]; spec?: { parentRefs?: ParentReference[] }; status?: { parents?: RouteParentStatus[] } }): ParentView[] {
  const ns = r.metadata.namespace ?? "";
  const reported = r.status?.parents ?? [];
  return (r.spec?.parentRefs ?? []).map((ref) => {
    const st = reported.find((p) => sameParent(p.parentRef, ref, ns));
    const conditions = st?.conditions ?? [];
    return {
      ref,
      label: parentLabel(ref, ns),
      kind: ref.kind ?? "Gateway",
      namespace: ref.namespace ?? ns,
      controllerName: st?.controllerName,
      conditions,
      accepted: findCondition(conditions, "Accepted"),
      resolvedRefs: findCondition(conditions, "ResolvedRefs"),
    };
  });
}

/**
 * One parent's state as its controller put it: "Accepted" when it accepted
 * the route and resolved its references, "NotAccepted: <reason>" or
 * "RefsNotResolved: <reason>" when it said otherwise, "Pending" when it has
 * not said anything yet.
 */
export function parentStatus(p: ParentView): string {
  if (p.accepted?.status === "False") return `NotAccepted: ${p.accepted.reason ?? "Unknown"}`;
  if (p.resolvedRefs?.status === "False") return `RefsNotResolved: ${p.resolvedRefs.reason ?? "Unknown"}`;
  if (p.accepted?.status === "True") return "Accepted";
  return "Pending";
}

/** The route's state over all its parents: the first refusal, else Pending while any is unreported, else Accepted. */
export function routeStatus(r: Parameters<typeof routeParents>[0]): string {
  const all = routeParents(r).map(parentStatus);
  if (all.length === 0) return "NoParents";
  return all.find((s) => s !== "Accepted" && s !== "Pending") ?? (all.includes("Pending") ? "Pending" : "Accepted");
}

/** What a controller said went wrong, in its words: "<parent>: <reason>: <message>". */
export function routeProblem(r: Parameters<typeof routeParents>[0]): string | undefined {
  for (const p of routeParents(r)) {
    for (const c of [p.accepted, p.resolvedRefs]) {
      if (c?.status === "False") return `${p.label}: ${c.reason ?? c.type}${c.message ? `: ${c.message}` : ""}`;
    }
  }
  return undefined;
}

/** The colour of a route's or a gateway's status. */
export function routeTone(status: string): "green" | "red" | "amber" | "slate" {
  if (status === "Accepted" || status === "Programmed") return "green";
  if (status === "Pending" || status === "NoParents") return "amber";
  if (/^(NotAccepted|RefsNotResolved|NotProgrammed)\b/.test(status)) return "red";
  return "slate";
}

export const httpRouteStatus = (r: HTTPRouteObject) => routeStatus(r);
export const httpRouteProblem = (r: HTTPRouteObject) => routeProblem(r);

// ---- releases: blue-green and canary ----

/** The canary steps: the percent of traffic the second ("new") backend gets. */
export const CANARY_STEPS = [10, 25, 50, 100] as const;

/** The rule's two backends' split, or undefined when the rule has not exactly two. */
export function twoWaySplit(rule: HTTPRouteRule | undefined): { stable: BackendShare; canary: BackendShare; canaryPercent: number } | undefined {
  if (!rule) return undefined;
  const b = ruleBackends(rule);
  if (b.length !== 2) return undefined;
  return { stable: b[0], canary: b[1], canaryPercent: b[1].percent };
}

/** The first rule a release can act on (two backends), its index or -1. */
export const releaseRuleIndex = (r: HTTPRouteObject): number => (r.spec?.rules ?? []).findIndex((x) => (x.backendRefs ?? []).length === 2);

export interface CanaryState {
  /** The canary's share now. */
  percent: number;
  /** The step the split is at (0: all on the stable backend), or undefined for a split between steps. */
  step: number | undefined;
  /** The step nearest to the split (ties: the lower one). */
  nearest: number;
  /** The step after the split, undefined once all traffic is on the canary. */
  next: number | undefined;
}

// Weights are whole numbers: a split within half a percent of a step is at it.
const AT_STEP = 0.5;

export function canaryState(percent: number): CanaryState {
  const points = [0, ...CANARY_STEPS];
  const step = points.find((s) => Math.abs(percent - s) < AT_STEP);
  const nearest = points.reduce((best, s) => (Math.abs(percent - s) < Math.abs(percent - best) ? s : best), 0);
  const next = CANARY_STEPS.find((s) => s > percent + (step !== undefined ? AT_STEP : 0));
  return { percent, step, nearest, next };
}

/** Weights of a two-way split giving `canaryPercent` (0–100) to the second backend, on a scale of 100. */
export function canaryWeights(canaryPercent: number): [number, number] {
  const p = Math.min(100, Math.max(0, Math.round(canaryPercent)));
  return [100 - p, p];
}

/** Blue-green: everything to backend `to` (0 or 1) of a two-way split. */
export const switchWeights = (to: 0 | 1): [number, number] => (to === 0 ? [100, 0] : [0, 100]);

/** The backend (0 or 1) serving most of the traffic (the first on a tie): blue-green switches to the other. */
export function activeBackend(rule: HTTPRouteRule): 0 | 1 {
  const s = twoWaySplit(rule);
  return s && s.canary.weight > s.stable.weight ? 1 : 0;
}

/**
 * The JSON patch that sets the weights of rule `ruleIndex`'s backends, in one
 * write. It first tests each backend's name: a route changed meanwhile (its
 * backends reordered, removed or replaced) is refused, not patched blindly.
 */
export function weightsPatch(r: HTTPRouteObject, ruleIndex: number, weights: number[]) {
  const refs = r.spec?.rules?.[ruleIndex]?.backendRefs ?? [];
  if (refs.length !== weights.length) throw new Error(`rule ${ruleIndex} has ${refs.length} backends, not ${weights.length}`);
  const at = `/spec/rules/${ruleIndex}/backendRefs`;
  const body = refs.flatMap((b, j) => [
    { op: "test", path: `${at}/${j}/name`, value: b.name },
    { op: "add", path: `${at}/${j}/weight`, value: weights[j] },
  ]);
  return { contentType: JSON_PATCH, body };
}

export interface Release {
  /** The rule the release acts on: the first with exactly two backends. */
  ruleIndex: number;
  stable: BackendShare;
  canary: BackendShare;
  /** The backend serving most of the traffic (the first on a tie); blue-green switches to the other. */
  active: 0 | 1;
  canaryState: CanaryState;
}

/** What blue-green and canary act on, or undefined for a route without a rule of two backends. */
export function releaseOf(r: HTTPRouteObject): Release | undefined {
  const ruleIndex = releaseRuleIndex(r);
  const rule = r.spec?.rules?.[ruleIndex];
  const split = twoWaySplit(rule);
  if (!rule || !split) return undefined;
  return { ruleIndex, stable: split.stable, canary: split.canary, active: activeBackend(rule), canaryState: canaryState(split.canaryPercent) };
}

// ---- which rule a request takes ----

function prefixMatches(prefix: string, path: string): boolean {
  if (prefix === "/" || prefix === "") return true;
  const p = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  // Whole path elements: "/api" matches "/api" and "/api/x", not "/apix".
  return path === p || path.startsWith(`${p}/`);
}

/**
 * The rule a request for `path` takes, as the Gateway API orders matches: an
 * exact path before any prefix, a longer prefix before a shorter, then the
 * earlier rule. Header, query and method matches and regular expressions are
 * not weighed (the answer is for a plain GET); -1 when no rule matches.
 */
export function ruleForPath(r: HTTPRouteObject, path: string): number {
  const bare = path.split("?")[0] || "/";
  let best = { rule: -1, score: -1 };
  (r.spec?.rules ?? []).forEach((rule, i) => {
    for (const m of ruleMatches(rule)) {
      let score = -1;
      if (m.pathType === "Exact" && m.path === bare) score = 1e6;
      else if (m.pathType === "PathPrefix" && prefixMatches(m.path, bare)) score = m.path.length;
      if (score > best.score) best = { rule: i, score };
    }
  });
  return best.rule;
}

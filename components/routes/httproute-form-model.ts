import { z } from "@/lib/validations/zod";
import { GATEWAY_GROUP, type HTTPRouteObject, type HTTPRouteRule, type HeaderMatchType, type PathMatchType } from "@/lib/k8s/kinds/httproute";
import { DNS_LABEL, DNS_SUBDOMAIN, absolutePathCode, type FieldError, type FormErrors, INT, type Kept, hostCode, issue, issuesToErrors, kept, nameCode, portCode, serverFieldErrors, splitHosts } from "./form-common";

// The HTTPRoute form as data: the values an object gives the form, the checks
// (a zod schema with one message key per field), the object the values give
// back — the original with only what the form shows replaced, so editing never
// drops what the form does not know (filters, timeouts, query matches…) — and
// where the API server's field errors belong. Pure.

export const PATH_TYPES = ["PathPrefix", "Exact", "RegularExpression"] as const satisfies readonly PathMatchType[];
export const HEADER_TYPES = ["Exact", "RegularExpression"] as const satisfies readonly HeaderMatchType[];
export const DEFAULT_GATEWAY = "pilothouse-gateway/public";
/** The API's limits: rules per route, backends per rule, hostnames. */
export const MAX_RULES = 16;
export const MAX_BACKENDS = 16;
export const MAX_MATCHES = 8;
export const MAX_HOSTNAMES = 16;
export const MAX_WEIGHT = 1_000_000;

export interface HeaderRow {
  name: string;
  value: string;
  type: HeaderMatchType;
}

export interface MatchRow {
  pathType: PathMatchType;
  path: string;
  headers: HeaderRow[];
  keep: Kept;
}

export interface BackendRow {
  /** The Service's name (or another kind's, kept in `keep`). */
  service: string;
  port: string;
  weight: string;
  keep: Kept;
}

export interface RuleRow {
  matches: MatchRow[];
  backends: BackendRow[];
  keep: Kept;
}

export interface ParentRow {
  /** "namespace/name", or "name" for a gateway in the route's namespace. */
  gateway: string;
  /** A listener of the gateway, or "" for all. */
  section: string;
  keep: Kept;
}

export interface HttpRouteForm {
  name: string;
  parents: ParentRow[];
  /** Separated by commas or spaces. */
  hostnames: string;
  rules: RuleRow[];
}

export const emptyHeader = (): HeaderRow => ({ name: "", value: "", type: "Exact" });
export const emptyMatch = (): MatchRow => ({ pathType: "PathPrefix", path: "/", headers: [], keep: {} });
export const emptyBackend = (weight = "1"): BackendRow => ({ service: "", port: "", weight, keep: {} });
export const emptyRule = (): RuleRow => ({ matches: [emptyMatch()], backends: [emptyBackend()], keep: {} });
export const emptyParent = (): ParentRow => ({ gateway: DEFAULT_GATEWAY, section: "", keep: {} });

export function emptyHttpRouteForm(): HttpRouteForm {
  return { name: "", parents: [emptyParent()], hostnames: "", rules: [emptyRule()] };
}

/** The form's values of an existing route. */
export function httpRouteToForm(r: HTTPRouteObject): HttpRouteForm {
  const spec = r.spec ?? {};
  return {
    name: r.metadata.name ?? "",
    parents: (spec.parentRefs ?? []).map((p) => ({
      gateway: p.namespace ? `${p.namespace}/${p.name}` : p.name,
      section: p.sectionName ?? "",
      keep: kept(p, ["namespace", "name", "sectionName"]),
    })),
    hostnames: (spec.hostnames ?? []).join(", "),
    rules: (spec.rules ?? []).map((rule) => ({
      matches: (rule.matches ?? []).map((m) => ({
        pathType: m.path?.type ?? "PathPrefix",
        path: m.path?.value ?? "/",
        headers: (m.headers ?? []).map((h) => ({ name: h.name, value: h.value, type: h.type ?? "Exact" })),
        keep: kept(m, ["path", "headers"]),
      })),
      backends: (rule.backendRefs ?? []).map((b) => ({
        service: b.name,
        port: b.port === undefined ? "" : String(b.port),
        weight: String(b.weight ?? 1),
        keep: kept(b, ["name", "port", "weight"]),
      })),
      keep: kept(rule, ["matches", "backendRefs"]),
    })),
  };
}

const isBlankHeader = (h: HeaderRow) => !h.name.trim() && !h.value.trim();
const isBlankBackend = (b: BackendRow) => !b.service.trim() && !b.port.trim();
const isServiceRef = (b: BackendRow) => (b.keep.group ?? "") === "" && (b.keep.kind ?? "Service") === "Service";
/** Header names are HTTP tokens. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/** "ns/name" → ["ns", "name"]; "name" → ["", "name"]. */
export function splitGateway(v: string): [string, string] {
  const s = v.trim();
  const i = s.indexOf("/");
  return i < 0 ? ["", s] : [s.slice(0, i), s.slice(i + 1)];
}

function gatewayCode(v: string): FieldError | undefined {
  if (!v.trim()) return { code: "required" };
  const [ns, name] = splitGateway(v);
  if (v.trim().split("/").length > 2) return { code: "gatewayRef" };
  if (ns && (ns.length > 63 || !DNS_LABEL.test(ns))) return { code: "gatewayRef" };
  if (!name || name.length > 253 || !DNS_SUBDOMAIN.test(name)) return { code: "gatewayRef" };
  return undefined;
}

/** What the API refuses in a path prefix or exact path. */
function pathCode(type: PathMatchType, v: string): FieldError | undefined {
  if (type !== "RegularExpression") return absolutePathCode(v);
  if (v.length > 1024) return { code: "tooLong", values: { max: 1024 } };
  return v ? undefined : { code: "required" };
}

const put = (ctx: z.RefinementCtx, path: (string | number)[], e: FieldError | undefined) => {
  if (e && "code" in e) issue(ctx, path, e.code, e.values);
};

const row = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, keep: z.record(z.string(), z.unknown()) });

/** The form's checks: each issue's message is a key of workloads.routeForm.errors, its params.values the key's values. */
export const httpRouteFormSchema = z
  .object({
    name: z.string(),
    parents: z.array(row({ gateway: z.string(), section: z.string() })),
    hostnames: z.string(),
    rules: z.array(
      row({
        matches: z.array(row({ pathType: z.enum(PATH_TYPES), path: z.string(), headers: z.array(z.object({ name: z.string(), value: z.string(), type: z.enum(HEADER_TYPES) })) })),
        backends: z.array(row({ service: z.string(), port: z.string(), weight: z.string() })),
      }),
    ),
  })
  .superRefine((f, ctx) => {
    put(ctx, ["name"], nameCode(f.name));

    const seenParents = new Set<string>();
    f.parents.forEach((p, i) => {
      const e = gatewayCode(p.gateway);
      put(ctx, ["parents", i, "gateway"], e);
      const section = p.section.trim();
      if (section && (section.length > 253 || !DNS_SUBDOMAIN.test(section))) issue(ctx, ["parents", i, "section"], "sectionName");
      const key = `${p.gateway.trim()}#${section}`;
      if (!e && seenParents.has(key)) issue(ctx, ["parents", i, "gateway"], "parentDuplicate");
      seenParents.add(key);
    });

    const hosts = splitHosts(f.hostnames);
    if (hosts.length > MAX_HOSTNAMES) issue(ctx, ["hostnames"], "tooMany", { max: MAX_HOSTNAMES });
    else put(ctx, ["hostnames"], hosts.map(hostCode).find(Boolean));

    f.rules.forEach((rule, i) => {
      rule.matches.forEach((m, j) => {
        put(ctx, ["rules", i, "matches", j, "path"], pathCode(m.pathType, m.path.trim()));
        const seen = new Set<string>();
        m.headers.forEach((h, k) => {
          if (isBlankHeader(h)) return;
          const at = ["rules", i, "matches", j, "headers", k];
          const name = h.name.trim();
          if (!name) issue(ctx, [...at, "name"], "required");
          else if (name.length > 256 || !TOKEN.test(name)) issue(ctx, [...at, "name"], "headerName");
          else if (seen.has(name.toLowerCase())) issue(ctx, [...at, "name"], "headerDuplicate");
          seen.add(name.toLowerCase());
          if (!h.value) issue(ctx, [...at, "value"], "required");
          else if (h.value.length > 4096) issue(ctx, [...at, "value"], "tooLong", { max: 4096 });
        });
      });
      const used = rule.backends.filter((b) => !isBlankBackend(b));
      if (used.length === 0) issue(ctx, ["rules", i, "backends", 0, "service"], "backendRequired");
      rule.backends.forEach((b, j) => {
        if (isBlankBackend(b)) return;
        const at = ["rules", i, "backends", j];
        const svc = b.service.trim();
        if (!svc) issue(ctx, [...at, "service"], "required");
        else if (svc.length > 253 || !DNS_SUBDOMAIN.test(svc)) issue(ctx, [...at, "service"], "dnsSubdomain");
        // A Service needs its port; other kinds may go without.
        if (isServiceRef(b) || b.port.trim()) put(ctx, [...at, "port"], portCode(b.port, false));
        const w = b.weight.trim();
        if (!INT.test(w) || Number(w) > MAX_WEIGHT) issue(ctx, [...at, "weight"], "weight", { max: MAX_WEIGHT });
      });
    });
  });

/** Every field error, keyed by field ("name", "rules.0.backends.1.weight" …). */
export function validateHttpRouteForm(f: HttpRouteForm): FormErrors {
  const r = httpRouteFormSchema.safeParse(f);
  return r.success ? {} : issuesToErrors(r.error.issues);
}

/** The weights a rule's rows give (blank rows left out; a weight not yet a number counts 0), for the live shares. */
export function rowWeights(rule: Pick<RuleRow, "backends">): { label: string; weight: number }[] {
  return rule.backends.filter((b) => !isBlankBackend(b)).map((b) => ({ label: b.service.trim() || "?", weight: INT.test(b.weight.trim()) ? Number(b.weight.trim()) : 0 }));
}

/**
 * The HTTPRoute the form describes. With `original` (editing), that object
 * with its parents, hostnames and rules replaced — everything else, and every
 * field of a rule, match or backend the form does not show, stays as it was.
 */
export function buildHttpRoute(f: HttpRouteForm, ns: string, original?: HTTPRouteObject): HTTPRouteObject {
  const spec: NonNullable<HTTPRouteObject["spec"]> & Record<string, unknown> = { ...(original?.spec ?? {}) };
  spec.parentRefs = f.parents.map((p) => {
    const [pns, name] = splitGateway(p.gateway);
    const section = p.section.trim();
    return { ...p.keep, ...(pns ? { namespace: pns } : {}), name, ...(section ? { sectionName: section } : {}) };
  });
  const hosts = splitHosts(f.hostnames);
  if (hosts.length) spec.hostnames = hosts;
  else delete spec.hostnames;
  spec.rules = f.rules.map((r): HTTPRouteRule => {
    const matches = r.matches.map((m) => {
      const headers = m.headers.filter((h) => !isBlankHeader(h)).map((h) => ({ type: h.type, name: h.name.trim(), value: h.value }));
      return { ...m.keep, path: { type: m.pathType, value: m.path.trim() }, ...(headers.length ? { headers } : {}) };
    });
    const backendRefs = r.backends
      .filter((b) => !isBlankBackend(b))
      .map((b) => ({ ...b.keep, name: b.service.trim(), ...(b.port.trim() ? { port: Number(b.port.trim()) } : {}), weight: Number(b.weight.trim()) }));
    return { ...r.keep, ...(matches.length ? { matches } : {}), backendRefs };
  });
  if (original) {
    return { ...original, apiVersion: `${GATEWAY_GROUP}/v1`, kind: "HTTPRoute", spec };
  }
  return { apiVersion: `${GATEWAY_GROUP}/v1`, kind: "HTTPRoute", metadata: { name: f.name.trim(), namespace: ns }, spec };
}

/** The form field an API server error's field path belongs to; undefined when the form has none for it. */
export function httpRouteFieldFor(path: (string | number)[]): string | undefined {
  const [a, b, i, c, j, d, k, e] = path;
  if (a === "metadata" && b === "name") return "name";
  if (a !== "spec") return undefined;
  if (b === "hostnames") return "hostnames";
  if (b === "parentRefs" && typeof i === "number") return `parents.${i}.${c === "sectionName" ? "section" : "gateway"}`;
  if (b !== "rules" || typeof i !== "number") return undefined;
  if (c === "matches" && typeof j === "number") {
    if (d === "headers" && typeof k === "number") return `rules.${i}.matches.${j}.headers.${k}.${e === "value" ? "value" : "name"}`;
    if (d === "path") return `rules.${i}.matches.${j}.path`;
    return undefined;
  }
  if (c === "backendRefs" && typeof j === "number") return `rules.${i}.backends.${j}.${d === "port" ? "port" : d === "weight" ? "weight" : "service"}`;
  return undefined;
}

export const httpRouteServerErrors = (causes: { field?: string; message?: string; reason?: string }[]) => serverFieldErrors(causes, httpRouteFieldFor);

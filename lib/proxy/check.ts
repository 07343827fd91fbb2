import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import type { AuthResult } from "@/lib/auth/authenticate";
import type { Principal } from "@/lib/auth/principal";
import type { Connection } from "@/lib/k8s/connection";
import type { Status } from "@/lib/k8s/types";
import type { Runtime } from "@/lib/server/context";
import { auditRequest } from "./audit";
import { excludingNamespace, hostGuard } from "./host-guard";
import { Query, QueryError } from "./query";
import { ProxyPathError, type RequestAttributes, UPGRADE_SUBRESOURCES, parseProxyPath, requestAttributes } from "./request-info";
import { namespacedResource } from "./scope-discovery";
import { type SelfReview, selfReviewKind } from "./self-review";
import { status } from "./status";

// The one check of a call to a cluster — authenticate → parse → authorize →
// place — for the proxy and for server-rendered pages alike.

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const PROXY_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

/** A call as it arrives: the request line, the headers the check reads, and how its caller was authenticated. */
export interface Call {
  method: string;
  /** /clusters/<cluster>/<API path>?<query>, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  upgrade: boolean;
  auth: AuthResult;
  /** Only asking whether the caller could (to offer a page or tab): nothing is sent, so a refusal is not audited. */
  probe?: boolean;
  /**
   * Made by the console's own API on behalf of its caller (lib/api/handler has
   * checked the session's CSRF token of the request that asked for it): there
   * is no browser request of this call to check.
   */
  onBehalf?: boolean;
}

export interface Checked {
  cluster: string;
  /** The API path as sent upstream, with the query the console parsed, checked and re-serialized. */
  path: string;
  rawPath: string;
  /** The parsed query; undefined for pods/services proxy answers, whose query belongs to the app behind them. */
  query?: Query;
  attrs: RequestAttributes;
  principal: Principal;
  /** Namespace lists and watches of callers without cluster-wide read: what they may see. */
  visible?: (namespace: string) => boolean;
  /** Lists and watches across all namespaces of the console's host: its own namespace left out. */
  excludeNamespace?: string;
  /** "Who am I / can I" reviews, answered by the console for the console user. */
  review?: SelfReview;
}

/** A checked call with the connection it goes out on. */
export interface Placed extends Checked {
  conn: Connection;
}

export const isStatus = (x: object): x is Status => (x as Status).kind === "Status";

export function forbiddenStatus(user: string, a: RequestAttributes, why?: string): Status {
  if (a.kind === "nonResource") {
    return status(403, "Forbidden", `forbidden: User "${user}" cannot ${a.verb} path "${a.path}"${why ? `: ${why}` : ""}`);
  }
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const where = a.namespace ? ` in the namespace "${a.namespace}"` : a.name ? "" : " at the cluster scope";
  return status(
    403,
    "Forbidden",
    `${subject} is forbidden: User "${user}" cannot ${a.verb} resource "${res}" in API group "${a.apiGroup}"${where}${why ? `: ${why}` : ""}`,
    { name: a.name || undefined, group: a.apiGroup, kind: a.resource },
  );
}

export function unavailable(cluster: string, detail?: string): Status {
  return status(503, "ServiceUnavailable", `cluster ${cluster} is unreachable${detail ? `: ${detail}` : ""}`, {
    name: cluster,
    group: "pilothouse.dev",
    kind: "clusters",
    retryAfterSeconds: 5,
  });
}

/** The one reading of a request: its path, its query and what Kubernetes would make of them. */
function readRequest(method: string, url: string): { parsed: ReturnType<typeof parseProxyPath>; query?: Query; attrs: RequestAttributes } | Status {
  let parsed;
  try {
    parsed = parseProxyPath(url);
  } catch (e) {
    if (e instanceof ProxyPathError) {
      return e.status === 400 ? status(400, "BadRequest", e.message) : status(404, "NotFound", e.message);
    }
    throw e;
  }
  let query: Query | undefined;
  let queryError: QueryError | undefined;
  try {
    query = Query.parse(parsed.query);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    queryError = e;
  }
  const attrs = requestAttributes(method, parsed.segments, query ?? Query.empty);
  if (attrs.kind === "resource" && attrs.subresource === "proxy") return { parsed, attrs };
  if (queryError) return status(400, "BadRequest", `ambiguous query: ${queryError.message}`);
  return { parsed, query, attrs };
}

/** Parses and authorizes an authenticated call; returns the Status to answer instead when it may not proceed. */
export function checkCall(rt: Runtime, call: Call): Checked | Status {
  const method = call.method.toUpperCase();
  const read = readRequest(method, call.url);
  if (isStatus(read)) return read;
  const { parsed } = read;
  let { attrs, query } = read;
  if (!PROXY_METHODS.has(method)) return status(405, "MethodNotAllowed", `method ${method} is not supported by the Kubernetes API`);
  const { auth, upgrade } = call;
  if (!auth.ok) return status(401, "Unauthorized", `Unauthorized: ${auth.reason}`);
  const audit = call.probe ? () => undefined : auditRequest;
  if (auth.principal.via === "session" && !call.onBehalf) {
    // Browser sessions: a write must prove it comes from our page (cookies go along with any cross-site request).
    if (upgrade) {
      if (!sameOrigin(call.headers)) {
        audit(auth.principal, parsed.cluster, attrs, "deny", 403, "cross-origin upgrade");
        return status(403, "Forbidden", "cross-origin upgrade requests are refused");
      }
    } else if (!SAFE_METHODS.has(method) && !(auth.sessionToken && rt.authn.csrfValid(auth.sessionToken, call.headers["x-csrf-token"]))) {
      audit(auth.principal, parsed.cluster, attrs, "deny", 403, "csrf");
      return status(403, "Forbidden", "CSRF token missing or invalid: send the X-CSRF-Token header of your session");
    }
  }
  if (auth.principal.tool && auth.principal.tool.cluster !== parsed.cluster) {
    audit(auth.principal, parsed.cluster, attrs, "deny", 403, "tool token of another cluster");
    return forbiddenStatus(auth.principal.username, attrs, `this token is for cluster "${auth.principal.tool.cluster}" only`);
  }
  const cr = rt.store.cluster(parsed.cluster);
  if (!cr || cr.status?.phase !== "Active") {
    return status(404, "NotFound", `clusters.pilothouse.dev "${parsed.cluster}" not found`, {
      name: parsed.cluster,
      group: "pilothouse.dev",
      kind: "clusters",
    });
  }
  if (upgrade) {
    if (attrs.kind !== "resource" || attrs.resource !== "pods" || !UPGRADE_SUBRESOURCES.has(attrs.subresource)) {
      return status(400, "BadRequest", "protocol upgrades are only proxied for pods/exec, pods/attach and pods/portforward");
    }
    // Like the API server: streaming into a pod is "create" on the subresource, whatever the HTTP method.
    attrs = { ...attrs, verb: "create" };
  }
  const review = upgrade ? undefined : selfReviewKind(attrs);
  if (review) {
    return { cluster: parsed.cluster, path: parsed.rawPath, rawPath: parsed.rawPath, query, attrs, principal: auth.principal, review };
  }
  const guard = consoleHostGuard(rt, auth.principal, parsed.cluster, attrs);
  if (!guard.ok) {
    audit(auth.principal, parsed.cluster, attrs, "deny", 403, guard.why);
    return forbiddenStatus(auth.principal.username, attrs, guard.why);
  }
  let visible: Checked["visible"];
  const namespaceCollection =
    attrs.kind === "resource" && attrs.apiGroup === "" && attrs.resource === "namespaces" && !attrs.subresource && !attrs.name;
  if (namespaceCollection && (attrs.verb === "list" || attrs.verb === "watch")) {
    // Everyone may list namespaces; they see the ones they may get.
    visible = rt.authz.namespaceFilter(auth.principal, parsed.cluster, attrs.verb);
    // A filtered list is asked for whole: a page's continue token and count would tell of hidden names.
    if (visible && query) query = query.with(["limit", "continue"]);
  } else {
    const decision = rt.authz.authorizeRequest(auth.principal, parsed.cluster, attrs);
    if (!decision.allowed) {
      audit(auth.principal, parsed.cluster, attrs, "deny", 403, decision.reason);
      return forbiddenStatus(auth.principal.username, attrs);
    }
  }
  const q = query ? query.toString() : parsed.query;
  return {
    cluster: parsed.cluster,
    path: parsed.rawPath + (q ? `?${q}` : ""),
    rawPath: parsed.rawPath,
    query,
    attrs,
    principal: auth.principal,
    visible,
    excludeNamespace: guard.excludeNamespace,
  };
}

/**
 * Where a checked call goes: the cluster's connection, unless the cluster is
 * known to be down; lists across the host's namespaces without the console's
 * own (which needs the resource's scope, sometimes from discovery: then the
 * answer is a promise).
 */
export function place(rt: Runtime, c: Checked): Placed | Status | Promise<Placed | Status> {
  const conn = rt.clusters.connection(c.cluster);
  if (!conn) return unavailable(c.cluster, "no connection (credentials missing)");
  const health = rt.clusters.health(c.cluster);
  if (health?.status === "Unreachable") {
    // Someone wants it: a long-dead cluster is looked at again soon instead of at the end of its backoff.
    rt.clusters.nudge(c.cluster);
    return unavailable(c.cluster, health.lastError);
  }
  const placed: Placed = { ...c, conn };
  if (!c.excludeNamespace || c.attrs.kind !== "resource") return placed;
  return withoutNamespace(placed, c.attrs.apiGroup, c.attrs.resource, c.excludeNamespace);
}

async function withoutNamespace(c: Placed, group: string, resource: string, namespace: string): Promise<Placed | Status> {
  // Unknown resources are treated as namespaced: the safe way to be wrong.
  if ((await namespacedResource(c.conn, group, resource)) === false) return c;
  const query = c.query ?? Query.empty;
  const fieldSelector = excludingNamespace(query.get("fieldSelector"), namespace);
  if (!fieldSelector) return status(400, "BadRequest", "a field selector with backslashes cannot be combined with the console's own on this cluster");
  const q = query.with(["fieldSelector"], [["fieldSelector", fieldSelector]]);
  return { ...c, query: q, path: q.on(c.rawPath) };
}

/** Is this cluster the console's host (by identity: it may be registered under any name)? */
export function isConsoleHost(rt: Runtime, cluster: string): boolean {
  const uid = rt.store.cluster(cluster)?.status?.kubeSystemUID;
  // Without both identities to compare, the name decides (the safe way to be unsure).
  if (rt.hostUID && uid) return uid === rt.hostUID;
  return cluster === rt.config.hostClusterName;
}

/** The console's state on its host is for platform admins only, whatever role one holds on the host. */
export function consoleHostGuard(rt: Runtime, p: Principal, cluster: string, a: RequestAttributes) {
  if (a.kind !== "resource" || !isConsoleHost(rt, cluster)) return { ok: true as const };
  return hostGuard(a, { namespace: rt.config.namespace, platformAdmin: rt.authz.can(p, "console/system", a.verb) });
}

function sameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (!origin) return true; // non-browser clients (kubectl) send none
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/**
 * Authenticates (synchronously for tokens and recent sessions), then checks;
 * `then` gets the outcome, a Status for every failure.
 */
export function authenticateAndCheck(rt: Runtime, req: { method?: string; url?: string; headers: IncomingHttpHeaders }, upgrade: boolean, then: (c: Checked | Status) => void) {
  const run = (auth: AuthResult) => {
    let c: Checked | Status;
    try {
      c = checkCall(rt, { method: req.method ?? "GET", url: req.url ?? "", headers: req.headers, upgrade, auth });
    } catch (e) {
      console.error(JSON.stringify({ level: "error", msg: "proxy check failed", err: String(e) }));
      c = status(500, "InternalError", "internal error");
    }
    then(c);
  };
  const quick = rt.authn.authenticateSync(req.headers);
  if (quick) return run(quick);
  rt.authn.authenticate(req.headers).then(run, (e: unknown) => {
    console.error(JSON.stringify({ level: "error", msg: "proxy authentication failed", err: String(e) }));
    then(status(500, "InternalError", "internal error"));
  });
}

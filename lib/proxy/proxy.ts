import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import { Transform } from "node:stream";
import tls from "node:tls";
import type { AuthResult } from "@/lib/auth/authenticate";
import { auditLine } from "@/lib/audit/log";
import type { Principal } from "@/lib/auth/principal";
import type { Runtime } from "@/lib/runtime";
import { budgetErrors, withBudgetLock } from "@/lib/tenancy/projects";
import { type CheckedWriteResult, checkedWrite } from "./checked-write";
import { describe } from "@/lib/k8s/clusters";
import { ConnectTimeoutError, startRequest } from "@/lib/k8s/connection";
import { SECURITY_HEADERS, downstreamResponseHeaders, upstreamRequestHeaders } from "./headers";
import { excludingNamespace, hostGuard } from "./host-guard";
import type { ResourceQuotaObject } from "@/lib/k8s/kinds/resourcequota";
import { LeaseBusyError, LeaseError } from "@/lib/k8s/lease";
import { filterListDocument, jsonAccept, watchFilter } from "./namespace-filter";
import { ProtobufError, decodeReview, isProtobuf } from "./protobuf-review";
import { Query, QueryError, queryBool } from "./query";
import { type SelfReview, answerSelfReview, selfReviewKind } from "./self-review";
import {
  ProxyPathError,
  type RequestAttributes,
  type ResourceAttributes,
  UPGRADE_SUBRESOURCES,
  parseProxyPath,
  requestAttributes,
} from "./request-info";
import { namespacedResource } from "./scope-discovery";
import { status } from "./status";
import type { Status } from "@/lib/k8s/types";
import { watchHub } from "./watch-hub";
import { shareableWatch } from "./watch-share";
import { addedExternalIPs, protectedChanges } from "./write-rules";
import { endSocketWithJSON } from "@/lib/server/raw-response";

export { status };

// The /clusters/<cluster>/… API proxy: authenticate, authorize with the one
// enforcer, then stream to the cluster with its stored credentials. Bodies are
// never buffered or parsed: watches, logs -f and large objects flow through.

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const PROXY_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

function send(res: ServerResponse, s: Status, extraHeaders: Record<string, string> = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(s);
  res.writeHead(s.code, {
    ...SECURITY_HEADERS,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    ...extraHeaders,
  });
  res.end(body);
}

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

interface Checked {
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

/** Everything before forwarding; returns a Status to send instead when the request may not proceed. */
function check(rt: Runtime, req: IncomingMessage, upgrade: boolean, auth: AuthResult): Checked | Status {
  const method = (req.method ?? "GET").toUpperCase();
  const read = readRequest(method, req.url ?? "");
  if ("kind" in read) return read;
  const { parsed } = read;
  let { attrs, query } = read;
  if (!PROXY_METHODS.has(method)) return status(405, "MethodNotAllowed", `method ${method} is not supported by the Kubernetes API`);
  if (!auth.ok) return status(401, "Unauthorized", `Unauthorized: ${auth.reason}`);
  if (auth.principal.via === "session") {
    // Browser sessions: a write must prove it comes from our page (cookies go along with any cross-site request).
    if (upgrade) {
      if (!sameOrigin(req)) {
        auditRequest(auth.principal, parsed.cluster, attrs, "deny", 403, "cross-origin upgrade");
        return status(403, "Forbidden", "cross-origin upgrade requests are refused");
      }
    } else if (!SAFE_METHODS.has(method) && !(auth.sessionToken && rt.authn.csrfValid(auth.sessionToken, req.headers["x-csrf-token"]))) {
      auditRequest(auth.principal, parsed.cluster, attrs, "deny", 403, "csrf");
      return status(403, "Forbidden", "CSRF token missing or invalid: send the X-CSRF-Token header of your session");
    }
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
    auditRequest(auth.principal, parsed.cluster, attrs, "deny", 403, guard.why);
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
      auditRequest(auth.principal, parsed.cluster, attrs, "deny", 403, decision.reason);
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

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // non-browser clients (kubectl) send none
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function unavailable(cluster: string, detail?: string): Status {
  return status(503, "ServiceUnavailable", `cluster ${cluster} is unreachable${detail ? `: ${detail}` : ""}`, {
    name: cluster,
    group: "pilothouse.dev",
    kind: "clusters",
    retryAfterSeconds: 5,
  });
}

/** The audit line of a request to a cluster (the proxy's, and server-rendered pages' reads of Secrets). */
export function auditRequest(p: Principal, cluster: string, a: RequestAttributes, decision: "allow" | "deny", code: number, reason?: string) {
  auditLine({
    user: p.username,
    via: p.via,
    cluster,
    namespace: a.kind === "resource" ? a.namespace || undefined : undefined,
    verb: a.verb,
    resource: a.kind === "resource" ? (a.subresource ? `${a.resource}/${a.subresource}` : a.resource) : a.path,
    apiGroup: a.kind === "resource" ? a.apiGroup : undefined,
    name: a.kind === "resource" ? a.name || undefined : undefined,
    tokenId: p.tokenId,
    decision,
    code,
    reason,
  });
}

const MUTATING = new Set(["create", "update", "patch", "delete", "deletecollection"]);

/** Reads of Secrets are audited like changes: who looked at which credentials. */
export function auditedRead(a: RequestAttributes): boolean {
  return a.kind === "resource" && a.apiGroup === "" && a.resource === "secrets" && !MUTATING.has(a.verb);
}

/** Authenticates (synchronously for tokens and recent sessions), then checks; `then` gets the outcome. */
function authenticated(rt: Runtime, req: IncomingMessage, upgrade: boolean, then: (c: Checked | Status) => void) {
  const run = (auth: AuthResult) => {
    let c: Checked | Status;
    try {
      c = check(rt, req, upgrade, auth);
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

export function proxyRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse) {
  authenticated(rt, req, false, (c) => forwardChecked(rt, req, res, c));
}

/** A write whose outcome the console must judge before it is made (see checked-write.ts), and how. */
function writeCheck(rt: Runtime, c: Checked): "budget" | "namespace" | "service" | undefined {
  const a = c.attrs;
  if (a.kind !== "resource" || a.apiGroup !== "" || !MUTATING.has(a.verb)) return undefined;
  if (a.resource === "resourcequotas" && !a.subresource && a.namespace) {
    const tenant = rt.store.tenant(rt.authz.placeOf(c.cluster, a.namespace).tenant ?? "");
    if (tenant?.spec.budget?.[c.cluster]) return "budget";
  }
  // Cluster admins set namespaces' labels and services' external IPs; everyone else is checked.
  const mayAtCluster = () => rt.authz.can(c.principal, `core/${a.resource}`, a.verb, { cluster: c.cluster });
  if (a.resource === "namespaces" && a.name && (a.verb === "update" || a.verb === "patch") && !mayAtCluster()) return "namespace";
  if (a.resource === "services" && (!a.subresource || a.subresource === "status") && ["create", "update", "patch"].includes(a.verb) && !mayAtCluster()) return "service";
  return undefined;
}

function forwardChecked(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Checked | Status) {
  if ("kind" in c && c.kind === "Status") {
    req.resume();
    return send(res, c);
  }
  const { cluster, attrs, review } = c as Checked;
  if (review) return void answerReview(rt, req, res, c as Checked, review);
  const conn = rt.clusters.connection(cluster);
  const health = rt.clusters.health(cluster);
  if (!conn) {
    req.resume();
    return send(res, unavailable(cluster, "no connection (credentials missing)"), { "retry-after": "5" });
  }
  if (health?.status === "Unreachable") {
    req.resume();
    return send(res, unavailable(cluster, health.lastError), { "retry-after": "5" });
  }
  const checked = writeCheck(rt, c as Checked);
  if (checked) return void judgedWrite(rt, req, res, c as Checked, checked);
  if ((c as Checked).excludeNamespace && attrs.kind === "resource") {
    // Leaving a namespace out needs to know the resource is namespaced (cluster-scoped ones refuse the selector).
    return void withoutConsoleNamespace(rt, c as Checked, attrs).then(
      (next) => ("kind" in next ? (req.resume(), send(res, next)) : forwardUpstream(rt, req, res, next)),
      (e: unknown) => {
        req.resume();
        send(res, unavailable(cluster, describe(e)), { "retry-after": "5" });
      },
    );
  }
  forwardUpstream(rt, req, res, c as Checked);
}

async function withoutConsoleNamespace(rt: Runtime, c: Checked, a: ResourceAttributes): Promise<Checked | Status> {
  const conn = rt.clusters.connection(c.cluster)!;
  // Unknown resources are treated as namespaced: the safe way to be wrong.
  if ((await namespacedResource(conn, a.apiGroup, a.resource)) === false) return c;
  const query = c.query ?? Query.empty;
  const fieldSelector = excludingNamespace(query.get("fieldSelector"), c.excludeNamespace!);
  if (!fieldSelector) return status(400, "BadRequest", "a field selector with backslashes cannot be combined with the console's own on this cluster");
  const q = query.with(["fieldSelector"], [["fieldSelector", fieldSelector]]);
  return { ...c, query: q, path: q.on(c.rawPath) };
}

function forwardUpstream(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Checked) {
  const { cluster, path, attrs, principal, visible } = c;
  const conn = rt.clusters.connection(cluster);
  if (!conn) {
    req.resume();
    return send(res, unavailable(cluster, "no connection (credentials missing)"), { "retry-after": "5" });
  }
  const max = rt.config.maxBodyBytes;
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > max) {
    req.resume();
    return send(res, status(413, "RequestEntityTooLarge", `request body of ${declared} bytes exceeds the limit of ${max} bytes`));
  }
  const headers = upstreamRequestHeaders(req.rawHeaders, req.headers);
  if (req.headers["transfer-encoding"] !== undefined) {
    // A chunked body goes on chunked. Without a length or chunking, Node's
    // client writes the body of a GET, HEAD or DELETE raw after the headers,
    // and the cluster would read it as another request on the console's own
    // connection (request smuggling with the console's credentials).
    headers["transfer-encoding"] = "chunked";
  }
  if (visible) {
    // The answer will be read and filtered: ask for plain JSON.
    headers.accept = jsonAccept(typeof headers.accept === "string" ? headers.accept : undefined);
    delete headers["accept-encoding"];
  }
  if (attrs.kind === "resource" && attrs.verb === "watch" && !visible && c.query) {
    const shared = shareableWatch(cluster, c.rawPath, c.query.toString(), joined(req.headers.accept));
    if (shared && watchHub(conn).join(shared, res, (err) => rt.clusters.reportFailure(cluster, err))) {
      req.resume();
      if (auditedRead(attrs)) auditRequest(principal, cluster, attrs, "allow", 200);
      return;
    }
  }
  const upstream = startRequest(conn, { method: req.method, path, headers, connectTimeoutMs: 3_000 });
  const mutating = attrs.kind === "resource" && MUTATING.has(attrs.verb);
  const audited = mutating || auditedRead(attrs);
  const streaming = isStreaming(attrs, c.query);

  upstream.on("response", (ures) => {
    let code = ures.statusCode ?? 502;
    if (code === 401) {
      // The cluster rejected the console's own credentials, not the user's: say so.
      ures.resume();
      rt.clusters.reportFailure(cluster, new Error("the cluster rejected the console's stored credentials (401)"));
      return send(
        res,
        status(503, "ServiceUnavailable", `cluster ${cluster} rejected the console's stored credentials; an admin must update them`),
      );
    }
    if (code < 100) code = 502;
    if (visible && code < 300) return sendFiltered(res, ures, code, attrs.verb === "watch", visible);
    forward(res, ures, code, streaming);
    ures.on("error", () => res.destroy());
    if (audited) auditRequest(principal, cluster, attrs, "allow", code);
  });
  upstream.on("error", (err) => {
    if (res.writableEnded) return; // already answered (e.g. 413)
    if (!res.headersSent) {
      if (failedToConnect(err)) rt.clusters.reportFailure(cluster, err);
      send(res, unavailable(cluster, describe(err)), { "retry-after": "5" });
    } else {
      res.destroy();
    }
  });
  // The client went away (e.g. a closed watch): release the upstream request.
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });

  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) {
    // No body (most reads): nothing to stream or count.
    req.resume();
    upstream.end();
    return;
  }
  let seen = 0;
  let over = false;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (over) return cb(); // the rest of a refused body is read and dropped
      seen += chunk.length;
      if (seen > max) {
        over = true;
        upstream.destroy();
        send(res, status(413, "RequestEntityTooLarge", `request body exceeds the limit of ${max} bytes`));
        return cb();
      }
      cb(null, chunk);
    },
  });
  req.pipe(limit).pipe(upstream);
}

function failedToConnect(err: unknown): boolean {
  return err instanceof ConnectTimeoutError || ["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND"].includes((err as NodeJS.ErrnoException)?.code ?? "");
}

/** Watches, logs -f and proxied pod/service traffic: open-ended answers whose chunks must go out as they come. */
function isStreaming(a: RequestAttributes, query: Query | undefined): boolean {
  if (a.kind !== "resource") return false;
  if (a.verb === "watch" || a.subresource === "proxy") return true;
  return a.subresource === "log" && queryBool(query?.get("follow") ?? null);
}

/** Chunked answers up to this size are gathered and sent in one write with a content-length. */
const GATHER_BYTES = 256 * 1024;

/**
 * Sends an upstream response on. Every write is a syscall and a packet, and
 * they are most of a small request's cost here: streams get their headers at
 * once and then each chunk; a sized answer goes out with its first chunk; an
 * unsized (chunked) one is gathered until it ends or grows past GATHER_BYTES,
 * so a typical GET leaves in one write instead of headers, chunk, terminator.
 */
function forward(res: ServerResponse, ures: IncomingMessage, code: number, streaming: boolean) {
  const headers = downstreamResponseHeaders(ures.headers);
  const bodiless = res.req.method === "HEAD" || code === 204 || code === 304;
  if (streaming || bodiless || ures.headers["content-length"] !== undefined) {
    res.writeHead(code, headers);
    if (streaming) res.flushHeaders();
    ures.pipe(res);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (c: Buffer) => {
    chunks.push(c);
    size += c.length;
    if (size <= GATHER_BYTES) return;
    // Large: stream the rest as it comes.
    ures.off("data", onData);
    ures.off("end", onEnd);
    res.writeHead(code, headers);
    for (const x of chunks.splice(0)) res.write(x);
    ures.pipe(res);
  };
  const onEnd = () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    res.writeHead(code, { ...headers, "content-length": size });
    res.end(body);
  };
  ures.on("data", onData);
  ures.on("end", onEnd);
}

function joined(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(",") : v;
}

const MAX_REVIEW_BYTES = 64 * 1024;

/**
 * A whole small body, read before the console judges the request: "too-large"
 * past `max` (the rest is read and dropped), "gone" when the client went away
 * or was cut off mid-body (the server's request timeout answers it).
 */
function readSmallBody(req: IncomingMessage, max: number): Promise<Buffer | "too-large" | "gone"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (d: Buffer) => {
      size += d.length;
      if (size <= max) chunks.push(d);
    });
    req.on("end", () => resolve(size > max ? "too-large" : Buffer.concat(chunks)));
    req.on("error", () => resolve("gone"));
    req.on("close", () => {
      if (!req.complete) resolve("gone");
    });
  });
}

/** Bodies of writes the console judges (namespaces, services, quotas are small objects). */
const MAX_JUDGED_BODY = 1024 * 1024;

/**
 * A write judged by its outcome (see checked-write.ts): a ResourceQuota in a
 * project of a tenant with a budget on this cluster (one at a time per tenant
 * and cluster across replicas, against the quotas as they are now), a
 * namespace's console-owned labels, a Service's external IPs.
 */
async function judgedWrite(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Checked, kind: "budget" | "namespace" | "service") {
  const a = c.attrs as ResourceAttributes;
  const user = c.principal.username;
  const refuse = (s: Status) => {
    if (s.code === 403) auditRequest(c.principal, c.cluster, a, "deny", 403, s.message);
    send(res, s);
  };
  const tenantName = rt.authz.placeOf(c.cluster, a.namespace).tenant ?? "";
  if (kind === "budget" && (a.verb === "delete" || a.verb === "deletecollection")) {
    req.resume();
    return refuse(forbiddenStatus(user, a, `tenant ${tenantName} has a budget on cluster ${c.cluster}: every project there needs a quota; change it instead of deleting it`));
  }
  const body = await readSmallBody(req, MAX_JUDGED_BODY);
  if (body === "gone") return;
  if (body === "too-large") return send(res, status(413, "RequestEntityTooLarge", `the console checks this write before it is made: its body may be at most ${MAX_JUDGED_BODY} bytes`));
  const conn = rt.clusters.connection(c.cluster);
  if (!conn) return send(res, unavailable(c.cluster));
  const write = (check: Parameters<typeof checkedWrite>[0]["check"]) =>
    checkedWrite({
      conn,
      method: (req.method ?? "GET").toUpperCase(),
      path: c.rawPath,
      // The object itself, for the first read (a subresource's path less its last segment).
      objectPath: a.subresource ? c.rawPath.slice(0, c.rawPath.lastIndexOf("/")) : c.rawPath,
      query: c.query ?? Query.empty,
      headers: upstreamRequestHeaders(req.rawHeaders, req.headers),
      body,
      check,
    });
  let result: CheckedWriteResult;
  try {
    if (kind === "budget") {
      const tenant = rt.store.tenant(tenantName)!;
      // Checked against the quotas read inside the lock: the last write of another replica is in them.
      result = await withBudgetLock(rt, tenantName, c.cluster, (quotas) =>
        write((_before, after) => {
          const q = after as ResourceQuotaObject;
          const errors = budgetErrors(rt, tenant, c.cluster, a.namespace, q.spec?.hard ?? {}, q.metadata.name, quotas);
          if (!Object.keys(errors).length) return undefined;
          return status(403, "Forbidden", `resourcequotas "${q.metadata.name ?? a.name}" is forbidden: ${Object.values(errors).join(" ")}`, {
            name: q.metadata.name ?? a.name,
            kind: "resourcequotas",
            causes: Object.entries(errors).map(([field, message]) => ({ field: `spec.hard.${field.replace(/^quota\./, "")}`, message, reason: "FieldValueForbidden" })),
          });
        }),
      );
    } else if (kind === "namespace") {
      result = await write((before, after) => {
        const changed = protectedChanges(before, after);
        return changed.length
          ? forbiddenStatus(user, a, `the ${changed.join(", ")} ${changed.length > 1 ? "are" : "is"} set by the console and the platform (tenancy and Pod Security); only cluster admins change them`)
          : undefined;
      });
    } else {
      result = await write((before, after) => {
        const added = addedExternalIPs(before, after);
        return added.length
          ? forbiddenStatus(user, a, `spec.externalIPs (${added.join(", ")}): external IPs let a Service take over traffic to any address; only cluster admins set them`)
          : undefined;
      });
    }
  } catch (e) {
    if (e instanceof LeaseBusyError) return send(res, status(409, "Conflict", e.message, { retryAfterSeconds: 1 }));
    if (e instanceof LeaseError) return send(res, status(503, "ServiceUnavailable", `${e.message}; budget changes wait for it`), { "retry-after": "5" });
    if (failedToConnect(e)) rt.clusters.reportFailure(c.cluster, e);
    return send(res, unavailable(c.cluster, describe(e)), { "retry-after": "5" });
  }
  if (result.refused) return refuse(result.refused);
  const answer = result.answer;
  auditRequest(c.principal, c.cluster, a, "allow", answer.status);
  res.writeHead(answer.status, { ...downstreamResponseHeaders(answer.headers), "content-length": answer.body.length });
  res.end(answer.body);
}

async function answerReview(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Checked, kind: SelfReview) {
  const raw = await readSmallBody(req, MAX_REVIEW_BYTES);
  if (raw === "gone") return;
  if (raw === "too-large") return send(res, status(413, "RequestEntityTooLarge", "review body too large"));
  let body: object;
  try {
    // kubectl sends built-in types as protobuf; who-am-I needs no body at all.
    body = kind === "subject" ? {} : isProtobuf(raw) ? decodeReview(raw, kind) : JSON.parse(raw.toString("utf8") || "{}");
  } catch (e) {
    const why = e instanceof ProtobufError ? `: ${e.message}` : "";
    return send(res, status(400, "BadRequest", `the review body is neither JSON nor a Kubernetes protobuf review${why}`));
  }
  const a = c.attrs.kind === "resource" ? c.attrs : undefined;
  const out = answerSelfReview(kind, body, c.principal, rt.authz, c.cluster, `${a?.apiGroup}/${a?.apiVersion}`);
  const text = JSON.stringify(out.doc);
  res.writeHead(out.code, { ...SECURITY_HEADERS, "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}

function sendFiltered(res: ServerResponse, ures: IncomingMessage, code: number, watch: boolean, visible: (ns: string) => boolean) {
  const headers = downstreamResponseHeaders(ures.headers);
  delete headers["content-length"];
  if (watch) {
    res.writeHead(code, headers);
    res.flushHeaders();
    ures.pipe(watchFilter(visible)).pipe(res);
    return;
  }
  const chunks: Buffer[] = [];
  ures.on("data", (c: Buffer) => chunks.push(c));
  ures.on("end", () => {
    let body: string;
    try {
      body = JSON.stringify(filterListDocument(JSON.parse(Buffer.concat(chunks).toString("utf8")), visible));
    } catch {
      return send(res, status(502, "BadGateway", "the cluster's namespace list could not be read"));
    }
    res.writeHead(code, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  ures.on("error", () => res.destroy());
}

function writeRawStatus(socket: Duplex, s: Status) {
  endSocketWithJSON(socket, s.code, JSON.stringify(s));
}

/** exec / attach / port-forward: authorize, then splice the client socket to the cluster. */
export function proxyUpgrade(rt: Runtime, req: IncomingMessage, socket: Duplex, head: Buffer) {
  socket.on("error", () => socket.destroy());
  // Nothing the client sends is read (or lost) until the cluster has switched protocols.
  socket.pause();
  authenticated(rt, req, true, (c) => spliceChecked(rt, req, socket, head, c));
}

const SWITCHING = /^HTTP\/1\.[01] 101[ \r]/;

function spliceChecked(rt: Runtime, req: IncomingMessage, socket: Duplex, head: Buffer, c: Checked | Status) {
  if ("kind" in c && c.kind === "Status") return writeRawStatus(socket, c);
  const { cluster, path, attrs, principal } = c as Checked;
  const conn = rt.clusters.connection(cluster);
  if (!conn || rt.clusters.health(cluster)?.status === "Unreachable") {
    return writeRawStatus(socket, unavailable(cluster, rt.clusters.health(cluster)?.lastError));
  }
  const headers = upstreamRequestHeaders(req.rawHeaders, req.headers);
  // An upgrade request has no body of its own; bytes after it belong to the new protocol.
  delete headers["content-length"];
  const lines = [`${req.method} ${conn.path(path)} HTTP/1.1`, `host: ${conn.base.host}`];
  for (const [k, v] of Object.entries(headers)) {
    for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${one}`);
  }
  if (conn.authHeader) lines.push(`authorization: ${conn.authHeader}`);
  // "close": should the cluster refuse the upgrade, it ends this connection
  // instead of waiting for another request on it.
  lines.push("connection: Upgrade, close", `upgrade: ${String(req.headers.upgrade ?? "")}`);
  const port = Number(conn.base.port || (conn.secure ? 443 : 80));
  const upstream = conn.secure
    ? tls.connect({ host: conn.base.hostname, port, ...conn.tls, ALPNProtocols: ["http/1.1"] })
    : net.connect({ host: conn.base.hostname, port });
  const timer = setTimeout(() => upstream.destroy(new ConnectTimeoutError(cluster, 3_000)), 3_000);
  upstream.once(conn.secure ? "secureConnect" : "connect", () => {
    clearTimeout(timer);
    upstream.write(lines.join("\r\n") + "\r\n\r\n");
    awaitSwitch();
  });
  // The client is joined to the cluster only once the cluster has switched
  // protocols. After any other answer the connection is still plain HTTP,
  // authenticated as the console: whatever the client sent next would be a
  // request of its own there, never authorized. So that answer is passed on
  // and the connection ends.
  const awaitSwitch = () => {
    let got: Buffer = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      got = got.length ? Buffer.concat([got, d]) : d;
      const eol = got.indexOf("\r\n");
      if (eol < 0) {
        if (got.length > 8192) upstream.destroy(new Error("no status line from the cluster"));
        return;
      }
      upstream.off("data", onData);
      const line = got.subarray(0, eol).toString("latin1");
      socket.write(got);
      upstream.pipe(socket);
      if (SWITCHING.test(line)) {
        if (head.length) upstream.write(head);
        socket.pipe(upstream);
        auditRequest(principal, cluster, attrs, "allow", 101);
      } else {
        auditRequest(principal, cluster, attrs, "allow", Number(line.split(" ")[1]) || 502);
        // The cluster closes after its answer ("connection: close"); do not wait for one that does not.
        setTimeout(() => upstream.destroy(), 10_000).unref();
      }
    };
    upstream.on("data", onData);
  };
  upstream.on("error", (err) => {
    clearTimeout(timer);
    if (!upstream.readable || (upstream as net.Socket).bytesRead === 0) {
      rt.clusters.reportFailure(cluster, err);
      writeRawStatus(socket, unavailable(cluster, describe(err)));
    } else {
      socket.destroy();
    }
  });
  socket.on("close", () => upstream.destroy());
  // The cluster hung up: let what it said reach the client, then close.
  upstream.on("close", () => {
    if (socket.destroyed) return;
    if (socket.writableFinished) return socket.destroy();
    socket.once("finish", () => socket.destroy());
    socket.end();
    setTimeout(() => socket.destroy(), 5_000).unref();
  });
}

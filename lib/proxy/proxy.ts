import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import { stringify as stringifyYAML } from "yaml";
import type { Runtime } from "@/lib/server/context";
import { describe } from "@/lib/k8s/clusters";
import { type ForwardHandler, forward, startRequest } from "@/lib/k8s/connection";
import type { AuditFields } from "@/lib/audit/log";
import { OUTLINE_MAX_BYTES, changeOutline } from "@/lib/audit/outline";
import { MUTATING, auditRequest, auditedRead } from "./audit";
import { readSmallBody } from "./body";
import { type Checked, type Placed, authenticateAndCheck, isStatus, place, unavailable } from "./check";
import { SECURITY_HEADERS, downstreamRawResponseHeaders, downstreamResponseHeaders, upstreamRawHeaders, upstreamRequestHeaders } from "./headers";
import { judgeOf, judgedWrite } from "./judged-write";
import { filterListDocument, filterProtobufList, jsonAccept, watchFilter } from "./namespace-filter";
import { negotiateListAnswer, negotiateReviewAnswer, prettyByRequest, upstreamAccept } from "./negotiate";
import { ProtobufError, decodeReview, isProtobuf } from "./protobuf-review";
import { type Query, queryBool } from "./query";
import type { RequestAttributes } from "./request-info";
import { RETRY, failedToConnect, sendStatus } from "./respond";
import { type SelfReview, answerSelfReview } from "./self-review";
import { status } from "./status";
import { watchHub } from "./watch-hub";
import { shareableWatch } from "./watch-share";

export { status };
export { proxyUpgrade } from "./upgrade";

// The /clusters/<cluster>/… API proxy: the one check (check.ts), then a
// stream to the cluster with its stored credentials. Bodies are never
// buffered or parsed on the way: watches, logs -f and large objects flow
// through. Writes some rule must judge by their outcome go by judged-write.ts.

const MAX_REVIEW_BYTES = 64 * 1024;

export function proxyRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse) {
  authenticateAndCheck(rt, req, false, (c) => forwardChecked(rt, req, res, c));
}

function refuse(req: IncomingMessage, res: ServerResponse, s: Parameters<typeof sendStatus>[1]) {
  req.resume();
  sendStatus(res, s, s.code === 503 ? RETRY : {});
}

function forwardChecked(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Checked | ReturnType<typeof status>) {
  if (isStatus(c)) return refuse(req, res, c);
  if (c.review) return void answerReview(rt, req, res, c, c.review);
  const placed = place(rt, c);
  if (placed instanceof Promise) {
    return void placed.then(
      (p) => (isStatus(p) ? refuse(req, res, p) : forwardPlaced(rt, req, res, p)),
      (e: unknown) => refuse(req, res, unavailable(c.cluster, describe(e))),
    );
  }
  if (isStatus(placed)) return refuse(req, res, placed);
  forwardPlaced(rt, req, res, placed);
}

function forwardPlaced(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Placed) {
  const judged = judgeOf(rt, c);
  if (judged) return void judgedWrite(rt, req, res, c, judged.judge, judged.call);
  forwardUpstream(rt, req, res, c);
}

function forwardUpstream(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Placed) {
  const { cluster, attrs, principal, visible, conn } = c;
  const max = rt.config.maxBodyBytes;
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > max) {
    req.resume();
    return sendStatus(res, status(413, "RequestEntityTooLarge", `request body of ${declared} bytes exceeds the limit of ${max} bytes`));
  }
  if (visible) return forwardFiltered(rt, req, res, c, visible);
  if (attrs.kind === "resource" && attrs.verb === "watch" && c.query) {
    const shared = shareableWatch(cluster, c.rawPath, c.query.toString(), joined(req.headers.accept));
    if (shared && watchHub(conn).join(shared, res, (err) => rt.clusters.reportFailure(cluster, err))) {
      req.resume();
      if (auditedRead(attrs)) auditRequest(principal, cluster, attrs, "allow", 200);
      return;
    }
  }
  const mutating = attrs.kind === "resource" && MUTATING.has(attrs.verb);
  const audited = mutating || auditedRead(attrs);
  let abort: (reason: Error) => void = () => undefined;
  let body: NodeJS.ReadableStream | null = null;
  // A change's audit line names the fields it touched (never values): the body's first bytes are kept as they pass.
  const outline = mutating && attrs.verb !== "delete" && attrs.verb !== "deletecollection" ? new KeptBody() : undefined;
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) {
    // No body (most reads): nothing to stream or count.
    req.resume();
  } else {
    // A chunked body goes on chunked: the pool frames a body without a length itself.
    body = req.pipe(
      bodyLimit(max, outline?.keep, () => {
        // Answered first: the abort below reports to the answer, which must find the response ended.
        sendStatus(res, status(413, "RequestEntityTooLarge", `request body exceeds the limit of ${max} bytes`));
        abort(new Error("request body too large"));
      }),
    );
  }
  const answer = new Answer(rt, req, res, c, isStreaming(attrs, c.query), audited, outline && (() => outline.outline(attrs.verb, joined(req.headers["content-type"]))));
  abort = forward(conn, { method: req.method ?? "GET", path: c.path, headers: upstreamRawHeaders(req.rawHeaders, req.headers), body }, answer);
  // The client went away (e.g. a closed watch): release the upstream request.
  res.on("close", () => {
    if (!res.writableFinished) abort(new Error("the client went away"));
  });
}

/** The first OUTLINE_MAX_BYTES of a body, by reference (no copies while it streams). */
class KeptBody {
  private chunks: Buffer[] = [];
  private size = 0;
  keep = (chunk: Buffer) => {
    if (this.size > OUTLINE_MAX_BYTES) return;
    this.size += chunk.length;
    if (this.size <= OUTLINE_MAX_BYTES) this.chunks.push(chunk);
    else this.chunks = [];
  };
  outline(verb: string, contentType: string | undefined): AuditFields {
    if (!this.chunks.length || this.size > OUTLINE_MAX_BYTES) return {};
    const o = changeOutline(verb, contentType, this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size));
    return o ? { fields: o.fields, fieldsMore: o.more } : {};
  }
}

/** Passes a request body on until it grows past `max`; then calls `over` once and drops the rest. */
function bodyLimit(max: number, seen: ((chunk: Buffer) => void) | undefined, over: () => void): Transform {
  let total = 0;
  let refused = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (refused) return cb();
      total += chunk.length;
      if (total > max) {
        refused = true;
        over();
        return cb();
      }
      seen?.(chunk);
      cb(null, chunk);
    },
  });
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
 * Sends an upstream answer on. Every write is a syscall and a packet, and
 * they are most of a small request's cost here: streams get their headers at
 * once and then each chunk; a sized answer goes out with its first chunk; an
 * unsized (chunked) one is gathered until it ends or grows past GATHER_BYTES,
 * so a typical GET leaves in one write instead of headers, chunk, terminator.
 */
class Answer implements ForwardHandler {
  private mode: "gather" | "stream" | "drop" = "drop";
  private code = 502;
  private headers: OutgoingHttpHeaders = {};
  private chunks: Buffer[] = [];
  private size = 0;
  private resume = () => {};

  constructor(
    private rt: Runtime,
    private req: IncomingMessage,
    private res: ServerResponse,
    private c: Placed,
    private streaming: boolean,
    private audited: boolean,
    private outline?: () => AuditFields,
  ) {}

  onHeaders(code: number, raw: Buffer[], resume: () => void): boolean {
    const { res, c } = this;
    if (res.writableEnded) return true; // already answered (e.g. 413)
    if (code === 401) {
      credentialsRejected(this.rt, res, c.cluster);
      return true;
    }
    this.code = code;
    this.headers = downstreamRawResponseHeaders(raw);
    this.resume = resume;
    const bodiless = this.req.method === "HEAD" || code === 204 || code === 304;
    if (this.streaming || bodiless || this.headers["content-length"] !== undefined) {
      res.writeHead(code, this.headers);
      if (this.streaming) res.flushHeaders();
      this.mode = "stream";
    } else {
      this.mode = "gather";
    }
    if (this.audited) auditRequest(c.principal, c.cluster, c.attrs, "allow", code, undefined, this.outline?.());
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.mode === "drop") return true;
    if (this.mode === "gather") {
      this.chunks.push(chunk);
      this.size += chunk.length;
      if (this.size <= GATHER_BYTES) return true;
      // Large: stream the rest as it comes.
      this.mode = "stream";
      this.res.writeHead(this.code, this.headers);
      const gathered = this.chunks.splice(0);
      for (let i = 0; i < gathered.length - 1; i++) this.res.write(gathered[i]);
      chunk = gathered[gathered.length - 1];
    }
    if (this.res.write(chunk)) return true;
    this.res.once("drain", this.resume);
    return false;
  }

  onComplete(): void {
    if (this.mode === "drop") return;
    if (this.mode === "stream") return void this.res.end();
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.headers["content-length"] = this.size;
    this.res.writeHead(this.code, this.headers);
    this.res.end(body);
  }

  onError(err: Error): void {
    this.mode = "drop";
    upstreamFailed(this.rt, this.res, this.c.cluster, err);
  }
}

/** The cluster refused the console's own credentials, not the user's: its health knows, and the client is told so. */
function credentialsRejected(rt: Runtime, res: ServerResponse, cluster: string) {
  rt.clusters.reportFailure(cluster, new Error("the cluster rejected the console's stored credentials (401)"));
  sendStatus(res, status(503, "ServiceUnavailable", `cluster ${cluster} rejected the console's stored credentials; an admin must update them`));
}

/** The request could not be sent or its answer broke off: a 503 while nothing was sent, else the answer is cut. */
function upstreamFailed(rt: Runtime, res: ServerResponse, cluster: string, err: Error) {
  if (res.writableEnded) return; // already answered (e.g. 413), or the client went away
  if (res.headersSent) return void res.destroy();
  if (failedToConnect(err)) rt.clusters.reportFailure(cluster, err);
  sendStatus(res, unavailable(cluster, describe(err)), RETRY);
}

/** Namespace lists and watches of callers who may see only some: asked in a form the console can filter (JSON, or protobuf for a list), filtered on the way. */
function forwardFiltered(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Placed, visible: (ns: string) => boolean) {
  const headers = upstreamRequestHeaders(req.rawHeaders, req.headers);
  const watch = c.attrs.verb === "watch";
  let wanted: ListAnswer | undefined;
  if (watch) headers.accept = jsonAccept(typeof headers.accept === "string" ? headers.accept : undefined);
  else {
    // As the apiserver would answer the list: its 406, or the type it would choose, asked for in a form the console can filter.
    const n = negotiateListAnswer(joined(req.headers.accept), prettyByRequest(c.query?.get("pretty"), req.headers["user-agent"] ?? ""));
    if (!n.ok) {
      req.resume();
      return sendStatus(res, status(406, "NotAcceptable", n.message));
    }
    wanted = n;
    headers.accept = upstreamAccept(n);
  }
  delete headers["accept-encoding"];
  delete headers["content-length"];
  req.resume();
  const upstream = startRequest(c.conn, { method: req.method, path: c.path, headers, connectTimeoutMs: 3_000 });
  upstream.on("response", (ures) => {
    const code = ures.statusCode ?? 502;
    if (code === 401) {
      ures.resume();
      return credentialsRejected(rt, res, c.cluster);
    }
    if (code < 300) return sendFiltered(res, ures, code, wanted, visible);
    res.writeHead(code, downstreamResponseHeaders(ures.headers));
    ures.pipe(res);
    ures.on("error", () => res.destroy());
  });
  upstream.on("error", (err) => upstreamFailed(rt, res, c.cluster, err));
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.end();
}

function joined(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(",") : v;
}

async function answerReview(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Checked, kind: SelfReview) {
  // As the apiserver: the answer's media type is settled before the body is read.
  const wanted = negotiateReviewAnswer(joined(req.headers.accept), prettyByRequest(c.query?.get("pretty"), req.headers["user-agent"] ?? ""));
  if (!wanted.ok) return sendStatus(res, status(406, "NotAcceptable", wanted.message));
  const raw = await readSmallBody(req, MAX_REVIEW_BYTES);
  if (raw === "gone") return;
  if (raw === "too-large") return sendStatus(res, status(413, "RequestEntityTooLarge", "review body too large"));
  let body: object;
  try {
    // kubectl sends built-in types as protobuf; who-am-I needs no body at all.
    body = kind === "subject" ? {} : isProtobuf(raw) ? decodeReview(raw, kind) : JSON.parse(raw.toString("utf8") || "{}");
  } catch (e) {
    const why = e instanceof ProtobufError ? `: ${e.message}` : "";
    return sendStatus(res, status(400, "BadRequest", `the review body is neither JSON nor a Kubernetes protobuf review${why}`));
  }
  const a = c.attrs.kind === "resource" ? c.attrs : undefined;
  const out = answerSelfReview(kind, body, c.principal, rt.authz, c.cluster, `${a?.apiGroup}/${a?.apiVersion}`);
  let doc = out.doc as { kind?: string; metadata?: unknown };
  if (wanted.partialMetadata && out.code < 300) {
    if (wanted.partialMetadata.kind === "PartialObjectMetadataList") {
      return sendStatus(res, status(406, "NotAcceptable", `you requested PartialObjectMetadataList, but the requested object is not a list (${INTERNAL_TYPE[kind]})`));
    }
    doc = { kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${wanted.partialMetadata.version}`, metadata: doc.metadata } as typeof doc;
  }
  // Protobuf is not written here: a client asking for it alone still gets JSON, which every Kubernetes client reads.
  const yaml = wanted.mediaType === "application/yaml";
  const text = yaml ? stringifyYAML(doc) : wanted.pretty ? `${JSON.stringify(doc, null, 2)}\n` : JSON.stringify(doc);
  res.writeHead(out.code, {
    ...SECURITY_HEADERS,
    "content-type": yaml ? "application/yaml" : "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

/** The apiserver names the internal Go type in one of its 406 messages. */
const INTERNAL_TYPE: Record<SelfReview, string> = {
  access: "*authorization.SelfSubjectAccessReview",
  rules: "*authorization.SelfSubjectRulesReview",
  subject: "*authentication.SelfSubjectReview",
};

const PROTOBUF = "application/vnd.kubernetes.protobuf";
type ListAnswer = Extract<ReturnType<typeof negotiateListAnswer>, { ok: true }>;

/** The filtered list in the negotiated form: JSON (pretty when asked), YAML, or protobuf; a watch as the cluster sent it. */
function sendFiltered(res: ServerResponse, ures: IncomingMessage, code: number, wanted: ListAnswer | undefined, visible: (ns: string) => boolean) {
  const headers = downstreamResponseHeaders(ures.headers);
  delete headers["content-length"];
  if (!wanted) {
    res.writeHead(code, headers);
    res.flushHeaders();
    ures.pipe(watchFilter(visible)).pipe(res);
    return;
  }
  const chunks: Buffer[] = [];
  ures.on("data", (c: Buffer) => chunks.push(c));
  ures.on("end", () => {
    let body: string | Buffer;
    const upstreamType = String(ures.headers["content-type"] ?? "");
    try {
      if (upstreamType.startsWith(PROTOBUF)) body = filterProtobufList(Buffer.concat(chunks), visible);
      else {
        const doc = filterListDocument(JSON.parse(Buffer.concat(chunks).toString("utf8")), visible);
        body = wanted.mediaType === "application/yaml" ? stringifyYAML(doc) : wanted.pretty ? `${JSON.stringify(doc, null, 2)}\n` : JSON.stringify(doc);
      }
    } catch {
      return sendStatus(res, status(502, "BadGateway", "the cluster's namespace list could not be read"));
    }
    const type = upstreamType.startsWith(PROTOBUF) ? PROTOBUF : wanted.mediaType === "application/yaml" ? "application/yaml" : "application/json";
    res.writeHead(code, { ...headers, "content-type": type, "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  ures.on("error", () => res.destroy());
}


import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import type { Runtime } from "@/lib/server/context";
import { describe } from "@/lib/k8s/clusters";
import { startRequest } from "@/lib/k8s/connection";
import { MUTATING, auditRequest, auditedRead } from "./audit";
import { readSmallBody } from "./body";
import { type Checked, type Placed, authenticateAndCheck, isStatus, place, unavailable } from "./check";
import { SECURITY_HEADERS, downstreamResponseHeaders, upstreamRequestHeaders } from "./headers";
import { judgeOf, judgedWrite } from "./judged-write";
import { filterListDocument, jsonAccept, watchFilter } from "./namespace-filter";
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
  const { cluster, path, attrs, principal, visible, conn } = c;
  const max = rt.config.maxBodyBytes;
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > max) {
    req.resume();
    return sendStatus(res, status(413, "RequestEntityTooLarge", `request body of ${declared} bytes exceeds the limit of ${max} bytes`));
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
      return sendStatus(
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
      sendStatus(res, unavailable(cluster, describe(err)), RETRY);
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
        sendStatus(res, status(413, "RequestEntityTooLarge", `request body exceeds the limit of ${max} bytes`));
        return cb();
      }
      cb(null, chunk);
    },
  });
  req.pipe(limit).pipe(upstream);
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
    headers["content-length"] = size;
    res.writeHead(code, headers);
    res.end(body);
  };
  ures.on("data", onData);
  ures.on("end", onEnd);
}

function joined(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(",") : v;
}

async function answerReview(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Checked, kind: SelfReview) {
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
      return sendStatus(res, status(502, "BadGateway", "the cluster's namespace list could not be read"));
    }
    res.writeHead(code, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  ures.on("error", () => res.destroy());
}


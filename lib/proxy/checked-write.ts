import "server-only";
import type { OutgoingHttpHeaders } from "node:http";
import { parse as parseYAML } from "yaml";
import { type BufferedResponse, type Connection, request } from "@/lib/k8s/connection";
import type { Query } from "./query";
import { status } from "./status";
import type { KubeObject, Status } from "@/lib/k8s/types";

// A write the console must judge by its outcome (a namespace's Pod Security
// labels, a Service's external IPs, a quota against a tenant budget), not by
// its bytes: patches come in four dialects. The cluster computes the outcome
// with a dry run; the console checks it and only then sends the write. So that
// the write does exactly what was checked, both are made conditional on the
// version of the object the console read first: if anything changed in
// between, the cluster answers 409 and nothing is written.

export interface CheckedWrite {
  conn: Connection;
  method: string;
  /** API path (no query) of the request, and of the object it changes (for the first read). */
  path: string;
  objectPath: string;
  /** The query as the proxy parsed and checked it. */
  query: Query;
  /** Client headers as they may go upstream (identity and hop-by-hop removed). */
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** Refuses the outcome: `before` is the object as read first (undefined for a new one). */
  check: (before: KubeObject | undefined, after: KubeObject) => Status | undefined | Promise<Status | undefined>;
}

export type CheckedWriteResult = { answer: BufferedResponse; refused?: undefined } | { refused: Status; answer?: undefined };

const TIMEOUT_MS = 15_000;

function mediaType(h: OutgoingHttpHeaders): string {
  return String(h["content-type"] ?? "application/json").split(";")[0].trim().toLowerCase();
}

/**
 * The body with the object's version as a precondition, in the body's own
 * dialect (merge and strategic patches, apply configurations and whole objects
 * carry metadata.resourceVersion; a JSON patch gets an operation that sets it).
 * A version the client gave is kept: it is their precondition.
 */
export function withPrecondition(body: Buffer, contentType: string, rv: string): { body: Buffer; contentType: string } | Status {
  const unreadable = () => status(415, "UnsupportedMediaType", `the console checks this write before it is made: send it as JSON or YAML, not ${contentType}`);
  let doc: unknown;
  try {
    if (contentType === "application/json-patch+json") {
      doc = JSON.parse(body.toString("utf8"));
      if (!Array.isArray(doc)) return { body, contentType }; // the cluster will refuse it
      return { body: Buffer.from(JSON.stringify([...doc, { op: "replace", path: "/metadata/resourceVersion", value: rv }])), contentType };
    }
    if (contentType.endsWith("json")) doc = JSON.parse(body.toString("utf8"));
    else if (contentType.endsWith("yaml")) doc = parseYAML(body.toString("utf8"), { maxAliasCount: 50 });
    else return unreadable();
  } catch {
    return status(400, "BadRequest", `the body is not valid ${contentType.endsWith("yaml") ? "YAML" : "JSON"}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return { body, contentType };
  const o = doc as { metadata?: { resourceVersion?: string } | null };
  const metadata = o.metadata && typeof o.metadata === "object" ? o.metadata : {};
  const out = { ...o, metadata: { ...metadata, resourceVersion: metadata.resourceVersion || rv } };
  // YAML in, JSON out: JSON is YAML, and an apply stays an apply.
  const type = contentType === "application/yaml" ? "application/json" : contentType;
  return { body: Buffer.from(JSON.stringify(out)), contentType: type };
}

function send(w: CheckedWrite, path: string, body: Buffer, contentType: string, json: boolean): Promise<BufferedResponse> {
  const headers: OutgoingHttpHeaders = { ...w.headers, "content-type": contentType, "content-length": body.length };
  delete headers["transfer-encoding"];
  if (json) {
    headers.accept = "application/json";
    delete headers["accept-encoding"];
  }
  return request(w.conn, { method: w.method, path, headers, body, timeoutMs: TIMEOUT_MS, maxBytes: 8 << 20 });
}

export async function checkedWrite(w: CheckedWrite): Promise<CheckedWriteResult> {
  let before: KubeObject | undefined;
  let body = w.body;
  let contentType = mediaType(w.headers);
  if (w.method !== "POST") {
    const cur = await request(w.conn, { path: w.objectPath, headers: { accept: "application/json" }, timeoutMs: TIMEOUT_MS, maxBytes: 8 << 20 });
    if (cur.status === 200) {
      before = JSON.parse(cur.body.toString("utf8")) as KubeObject;
      const rv = before.metadata?.resourceVersion;
      if (rv) {
        const pre = withPrecondition(body, contentType, rv);
        if ("kind" in pre) return { refused: pre };
        ({ body, contentType } = pre);
      }
    } else if (cur.status !== 404) {
      return { answer: cur };
    }
  }
  const clientDryRun = w.query.has("dryRun");
  // The client's own dry run is sent as it is (the cluster judges its values); the console's is one it builds.
  const dryQuery = clientDryRun ? w.query : w.query.with(["dryRun"], [["dryRun", "All"]]);
  const dry = await send(w, dryQuery.on(w.path), body, contentType, true);
  if (dry.status >= 300) return { answer: dry };
  let after: KubeObject;
  try {
    after = JSON.parse(dry.body.toString("utf8")) as KubeObject;
  } catch {
    return { refused: status(502, "BadGateway", "the cluster's dry run answer could not be read") };
  }
  const refused = await w.check(before, after);
  if (refused) return { refused };
  if (clientDryRun) return { answer: dry };
  return { answer: await send(w, w.query.on(w.path), body, contentType, false) };
}

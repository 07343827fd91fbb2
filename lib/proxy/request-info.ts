// Turns a proxied request into what authorization needs to know — the same
// attributes kube-apiserver derives (its RequestInfoFactory). Pure: no I/O.

import { queryBool } from "./query";

export type Verb =
  | "get"
  | "list"
  | "watch"
  | "create"
  | "update"
  | "patch"
  | "delete"
  | "deletecollection"
  | "proxy";

export interface ResourceAttributes {
  kind: "resource";
  verb: Verb;
  apiGroup: string; // "" for core
  apiVersion: string;
  resource: string; // plural, e.g. pods
  subresource: string; // e.g. log, exec, scale, status; "" if none
  namespace: string; // "" for cluster-scoped or all-namespaces
  name: string; // "" for collections
}

export interface NonResourceAttributes {
  kind: "nonResource";
  verb: string; // lowercased HTTP method
  path: string; // e.g. /version, /apis, /openapi/v3, /metrics
  /** Discovery and version/openapi documents every signed-in user may read. */
  discovery: boolean;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

export class ProxyPathError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedProxyPath {
  cluster: string;
  /** The API path as the client sent it (validated, not re-encoded), e.g. /api/v1/pods */
  rawPath: string;
  /** Decoded path segments after the cluster. */
  segments: string[];
  query: string; // without '?'
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
// Disallowed after percent-decoding a segment: separators, dot segments, control bytes.
const BAD_SEGMENT = /[/\\\u0000-\u001f\u007f]/;

/**
 * Splits /clusters/<name>/<api path>?<query>. Refuses anything whose meaning
 * could differ between us and the API server: dot segments, encoded or
 * back slashes, empty segments, control characters, bad escapes, fragments.
 */
export function parseProxyPath(url: string): ParsedProxyPath {
  const q = url.indexOf("?");
  const path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q + 1) : "";
  if (!path.startsWith("/clusters/")) throw new ProxyPathError(404, "not a cluster path");
  if (path.includes("\\")) throw new ProxyPathError(400, "backslashes are not allowed in the path");
  // Clients never send a fragment; a server that cut the path there would see another path than we do.
  if (path.includes("#")) throw new ProxyPathError(400, "a fragment (#) is not allowed in the request path");
  const raw = path.slice("/clusters/".length).split("/");
  const decoded: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const seg = raw[i];
    if (seg === "") {
      // Only a single trailing slash is tolerated (e.g. /api/).
      if (i === raw.length - 1 && i > 1) continue;
      throw new ProxyPathError(400, "empty path segments are not allowed");
    }
    let d = seg;
    if (seg.includes("%")) {
      try {
        d = decodeURIComponent(seg);
      } catch {
        throw new ProxyPathError(400, "malformed percent-encoding in the path");
      }
    }
    if (d === "." || d === ".." || BAD_SEGMENT.test(d) || d.includes("%")) {
      throw new ProxyPathError(400, "dot segments, encoded slashes and control characters are not allowed in the path");
    }
    decoded.push(d);
  }
  const [cluster, ...segments] = decoded;
  if (!cluster || !CLUSTER_NAME.test(cluster) || raw[0] !== cluster) {
    throw new ProxyPathError(404, "invalid cluster name");
  }
  if (segments.length === 0) throw new ProxyPathError(404, "no API path after the cluster name");
  const rawPath = "/" + raw.slice(1).join("/");
  return { cluster, rawPath, segments, query };
}

const DISCOVERY_ROOTS = new Set(["api", "apis", "version", "openapi", ".well-known"]);

/** Derives verb, resource, namespace and name like kube-apiserver does. */
export function requestAttributes(method: string, segments: string[], query: Pick<URLSearchParams, "get">): RequestAttributes {
  const m = method.toUpperCase();
  const httpVerb = m.toLowerCase();
  const nonResource = (discovery: boolean): NonResourceAttributes => ({
    kind: "nonResource",
    verb: httpVerb,
    path: "/" + segments.join("/"),
    discovery: discovery && (m === "GET" || m === "HEAD"),
  });
  const root = segments[0];
  if (!DISCOVERY_ROOTS.has(root)) return nonResource(false);
  if (root !== "api" && root !== "apis") return nonResource(root === "version" || root === "openapi");

  let parts: string[];
  let apiGroup: string;
  let apiVersion: string;
  if (root === "api") {
    // /api, /api/v1 are discovery
    if (segments.length < 3) return nonResource(true);
    apiGroup = "";
    apiVersion = segments[1];
    parts = segments.slice(2);
  } else {
    // /apis, /apis/<g>, /apis/<g>/<v> are discovery
    if (segments.length < 4) return nonResource(true);
    apiGroup = segments[1];
    apiVersion = segments[2];
    parts = segments.slice(3);
  }

  let watchPrefix = false;
  if (parts[0] === "watch") {
    watchPrefix = true;
    parts = parts.slice(1);
    if (parts.length === 0) return nonResource(false);
  }

  let namespace = "";
  if (parts[0] === "namespaces") {
    if (parts.length >= 2) {
      namespace = parts[1];
      // /namespaces/<ns> and /namespaces/<ns>/{status,finalize} address the namespace itself.
      if (parts.length === 2 || (parts.length === 3 && (parts[2] === "status" || parts[2] === "finalize"))) {
        parts = ["namespaces", parts[1], ...parts.slice(2)];
      } else {
        parts = parts.slice(2);
      }
    }
  }

  const resource = parts[0] ?? "";
  let name = parts[1] ?? "";
  const subresource = parts.length >= 3 ? parts[2] : "";
  if (resource === "namespaces" && parts.length >= 2) namespace = parts[1];

  let verb: Verb;
  switch (m) {
    case "POST":
      verb = "create";
      break;
    case "PUT":
      verb = "update";
      break;
    case "PATCH":
      verb = "patch";
      break;
    case "DELETE":
      verb = name ? "delete" : "deletecollection";
      break;
    case "GET":
    case "HEAD": {
      // Like kube-apiserver: ?watch only applies to collections; a named GET is served as a get.
      const watch = watchPrefix || (!name && queryBool(query.get("watch")));
      verb = watch ? "watch" : name ? "get" : "list";
      break;
    }
    default:
      verb = "get";
  }
  if ((verb === "list" || verb === "watch") && !name) {
    // A list/watch narrowed to one object by field selector is about that object.
    const fs = query.get("fieldSelector") ?? "";
    const match = /^metadata\.name==?([^,]+)$/.exec(fs);
    if (match) name = match[1];
  }
  return { kind: "resource", verb, apiGroup, apiVersion, resource, subresource, namespace, name };
}

/** Subresources that are served as protocol upgrades (WebSocket / SPDY). */
export const UPGRADE_SUBRESOURCES = new Set(["exec", "attach", "portforward"]);

export function describeAttributes(a: RequestAttributes): string {
  if (a.kind === "nonResource") return `${a.verb} path "${a.path}"`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return `${a.verb} resource "${res}" in API group "${a.apiGroup}"${a.namespace ? ` in the namespace "${a.namespace}"` : a.name ? "" : " at the cluster scope"}`;
}

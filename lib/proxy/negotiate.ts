// Content negotiation for the answers the proxy makes itself (self-reviews),
// decided exactly as kube-apiserver decides it for a built-in kind without a
// table convertor (k8s.io/apiserver handlers/negotiation + goautoneg): clients
// such as `kubectl get --raw` or the conformance suite ask for Table,
// PartialObjectMetadata or YAML and must get what the apiserver would give,
// including its 406.

/** A built-in group's serializers, in the apiserver's order (CBOR is off by default in 1.37). */
export const SERVED_MEDIA_TYPES = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"] as const;
export type ServedMediaType = (typeof SERVED_MEDIA_TYPES)[number];
const WATCH_STREAMS = ["application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch"];

export type Negotiated =
  | {
      ok: true;
      mediaType: ServedMediaType;
      pretty: boolean;
      partialMetadata?: { kind: "PartialObjectMetadata" | "PartialObjectMetadataList"; version: "v1" | "v1beta1" };
      table?: { version: "v1" | "v1beta1" };
    }
  | { ok: false; message: string };

interface Clause {
  type: string;
  subType: string;
  q: number;
  params: Map<string, string>;
}

const trimSpaces = (s: string) => s.replace(/^ +| +$/g, "");

function cut(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** goautoneg.ParseAccept: its quirks kept (malformed parts dropped, q parsed leniently, its own sort order). */
export function parseAccept(header: string): Clause[] {
  const out: Clause[] = [];
  for (const raw of header.split(",")) {
    const part = trimSpaces(raw);
    if (!part) continue;
    const [range, rest] = cut(part, ";");
    const [type0, subRest] = cut(range, "/");
    const c: Clause = { type: trimSpaces(type0), subType: "", q: 1, params: new Map() };
    if (!subRest) {
      if (c.type !== "*") continue;
      c.subType = "*";
    } else {
      if (subRest.includes("/")) continue;
      c.subType = trimSpaces(subRest);
    }
    for (const p of rest ? rest.split(";") : []) {
      const [k, v] = cut(p, "=");
      if (v === undefined || v.includes("=")) continue;
      const key = trimSpaces(k);
      if (key === "q") c.q = goParseFloat(v);
      else c.params.set(key, trimSpaces(v));
    }
    out.push(c);
  }
  const less = (a: Clause, b: Clause) => a.q > b.q || (a.type !== "*" && b.type === "*") || (a.subType !== "*" && b.subType === "*");
  if (out.length <= 12) {
    // Go's sort.Sort on up to 12 elements is an insertion sort with this Less; its
    // order is not a proper ordering, so only the same insertion sort reproduces it.
    for (let i = 1; i < out.length; i++) {
      for (let j = i; j > 0 && less(out[j], out[j - 1]); j--) [out[j], out[j - 1]] = [out[j - 1], out[j]];
    }
    return out;
  }
  // Longer headers (untrusted, up to Node's header limit): never quadratic. Go's
  // pdqsort order is not reproduced here; a stable, proper q-then-specificity order is.
  const rank = (c: Clause) => (c.type === "*" ? 2 : c.subType === "*" ? 1 : 0);
  return out.sort((a, b) => b.q - a.q || rank(a) - rank(b));
}

/** strconv.ParseFloat as goautoneg uses it: anything it refuses reads as 0. */
function goParseFloat(s: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : 0;
}

/** strconv.ParseBool's true spellings (the apiserver's ?pretty=). */
const GO_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);

/** The apiserver's pretty triggers besides the media type's: `?pretty=`, else a curl/Wget/browser user agent. */
export function prettyByRequest(prettyParam: string | null | undefined, userAgent: string): boolean {
  return prettyParam ? GO_TRUE.has(prettyParam) : /^(curl|Wget|Mozilla\/5\.0)/.test(userAgent);
}

/**
 * The media type kube-apiserver would answer a create of a self-review with,
 * or its 406. `prettyHint` is the apiserver's other pretty trigger
 * (`?pretty=true`, or a curl/Wget/browser user agent).
 */
export function negotiateReviewAnswer(accept: string | undefined, prettyHint = false): Negotiated {
  return negotiate(accept, prettyHint, false);
}

/**
 * The same for a namespace list the console filters: a list endpoint with a
 * table convertor, so Table of meta.k8s.io v1/v1beta1 is also allowed, in JSON
 * and YAML only (the apiserver's AllowsMediaTypeTransform). Whether
 * PartialObjectMetadata (not List) fits a list is the apiserver's to answer.
 */
export function negotiateListAnswer(accept: string | undefined, prettyHint = false): Negotiated {
  return negotiate(accept, prettyHint, true);
}

function negotiate(accept: string | undefined, prettyHint: boolean, table: boolean): Negotiated {
  if (!accept) return { ok: true, mediaType: SERVED_MEDIA_TYPES[0], pretty: prettyHint };
  if (!routeAccepts(accept)) {
    // go-restful names what the route produces: a list route also its watch streams.
    const produced = table ? [...SERVED_MEDIA_TYPES, ...WATCH_STREAMS] : SERVED_MEDIA_TYPES;
    return { ok: false, message: `406: Not Acceptable\n\nAvailable representations: ${produced.join(", ")}` };
  }
  for (const clause of parseAccept(accept)) {
    for (const mediaType of SERVED_MEDIA_TYPES) {
      const [type, subType] = mediaType.split("/");
      const matches = (clause.type === type && (clause.subType === subType || clause.subType === "*")) || (clause.type === "*" && clause.subType === "*");
      if (!matches) continue;
      const chosen = acceptOptions(clause.params, mediaType, table);
      if (chosen) return { ...chosen, pretty: chosen.pretty || prettyHint };
    }
  }
  return { ok: false, message: `only the following media types are accepted: ${SERVED_MEDIA_TYPES.join(", ")}` };
}

/**
 * go-restful's route match, which runs before the apiserver's own negotiation:
 * some range must be exactly a served type or the all-types range (a type range like application/json is needed, a subtype wildcard is not enough).
 */
function routeAccepts(accept: string): boolean {
  return accept.split(",").some((part) => {
    const range = trimSpaces(cut(part, ";")[0]);
    return range === "*/*" || (SERVED_MEDIA_TYPES as readonly string[]).includes(range);
  });
}

function acceptOptions(params: Map<string, string>, mediaType: ServedMediaType, table: boolean): Extract<Negotiated, { ok: true }> | undefined {
  let convert: { kind?: string; group?: string; version?: string } | undefined;
  let pretty = false;
  for (const [k, v] of params) {
    if (k === "as") convert = { ...convert, kind: v };
    else if (k === "g") convert = { ...convert, group: v };
    else if (k === "v") convert = { ...convert, version: v };
    // JSON and protobuf stream ("watch" is the one stream schema); YAML does not.
    else if (k === "stream" && v && (v !== "watch" || mediaType === "application/yaml")) return undefined;
    else if (k === "sv" && v && v !== "v1") return undefined;
    else if (k === "pretty") pretty = v === "1";
  }
  if (!convert) return { ok: true, mediaType, pretty };
  // A review has no table convertor: only PartialObjectMetadata of meta.k8s.io v1/v1beta1 is allowed.
  const meta = convert.group === "meta.k8s.io" && (convert.version === "v1" || convert.version === "v1beta1");
  if (!meta) return undefined;
  const version = convert.version as "v1" | "v1beta1";
  if (convert.kind === "PartialObjectMetadata" || convert.kind === "PartialObjectMetadataList") {
    return { ok: true, mediaType, pretty, partialMetadata: { kind: convert.kind, version } };
  }
  if (convert.kind === "Table" && table && mediaType !== "application/vnd.kubernetes.protobuf") return { ok: true, mediaType, pretty, table: { version } };
  return undefined;
}

/**
 * The Accept that asks the cluster for what was negotiated, in a form the
 * console can filter: protobuf as protobuf (Table never is), everything else
 * as JSON (YAML is written by the console from it).
 */
export function upstreamAccept(n: Extract<Negotiated, { ok: true }>): string {
  const type = n.mediaType === "application/vnd.kubernetes.protobuf" ? n.mediaType : "application/json";
  const as = n.partialMetadata ? { kind: n.partialMetadata.kind, version: n.partialMetadata.version } : n.table ? { kind: "Table", version: n.table.version } : undefined;
  return as ? `${type};as=${as.kind};g=meta.k8s.io;v=${as.version}` : type;
}

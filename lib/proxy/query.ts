// The query of a proxied request, parsed once the way kube-apiserver (Go's
// net/url) reads it, so that what the console authorizes and checks is what
// the cluster will do. Go drops pairs it cannot read (a ';', a bad escape)
// and Kubernetes takes the first of repeated values: a request the console
// and the cluster could read differently is refused instead. The forwarded
// query is re-serialized from what was parsed. Pure.

export class QueryError extends Error {}

/** Kubernetes' query parameters (meta/v1 options, logs, exec, attach, port-forward, proxy). */
const KNOWN = [
  "allowWatchBookmarks",
  "command",
  "container",
  "continue",
  "dryRun",
  "fieldManager",
  "fieldSelector",
  "fieldValidation",
  "follow",
  "force",
  "gracePeriodSeconds",
  "ignoreStoreReadErrorWithClusterBreakingPotential",
  "includeObject",
  "insecureSkipTLSVerifyBackend",
  "labelSelector",
  "limit",
  "limitBytes",
  "orphanDependents",
  "path",
  "ports",
  "pretty",
  "previous",
  "propagationPolicy",
  "resourceVersion",
  "resourceVersionMatch",
  "sendInitialEvents",
  "sinceSeconds",
  "sinceTime",
  "stderr",
  "stdin",
  "stdout",
  "stream",
  "tailLines",
  "timeoutSeconds",
  "timestamps",
  "tty",
  "watch",
];
const KNOWN_BY_LOWER = new Map(KNOWN.map((k) => [k.toLowerCase(), k]));
/** Parameters Kubernetes reads as lists; every other known one is read once. */
const MULTI = new Set(["command", "dryRun", "ports"]);

const HEX = /^[0-9A-Fa-f]{2}$/;
const NOT_VISIBLE_ASCII = /[^\x21-\x7e]/;
const PLAIN = /^[A-Za-z0-9\-_.~]*$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Go's url.QueryUnescape, strictly: '+' is a space, every '%' starts two hex digits, the result is UTF-8. */
function unescape(s: string): string {
  if (!s.includes("%") && !s.includes("+")) return s;
  if (!s.includes("%")) return s.replaceAll("+", " ");
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      const h = s.slice(i + 1, i + 3);
      if (!HEX.test(h)) throw new QueryError(`invalid escape "%${h}" in the query`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (c === 0x2b) {
      bytes.push(0x20);
    } else {
      bytes.push(c);
    }
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    throw new QueryError("the query is not valid UTF-8 once unescaped");
  }
}

function escape(s: string): string {
  return PLAIN.test(s) ? s : encodeURIComponent(s);
}

/** The parsed query: ordered pairs, first-value lookups, and the one serialization that is forwarded. */
export class Query {
  private constructor(readonly pairs: readonly (readonly [string, string])[]) {}

  static readonly empty = new Query([]);

  static parse(raw: string): Query {
    if (raw === "") return Query.empty;
    if (raw.includes("#")) throw new QueryError("a '#' is not allowed in the query");
    // Clients percent-encode everything else; raw bytes would be read as latin1 here and as UTF-8 there.
    if (NOT_VISIBLE_ASCII.test(raw)) throw new QueryError("the query may only hold visible ASCII characters (percent-encode the rest)");
    const pairs: [string, string][] = [];
    const seen = new Set<string>();
    for (const part of raw.split("&")) {
      if (part === "") continue;
      if (part.includes(";")) throw new QueryError("';' is not a query separator: use '&' (the cluster would drop this parameter)");
      const eq = part.indexOf("=");
      const key = unescape(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? "" : unescape(part.slice(eq + 1));
      if (key === "") throw new QueryError("a query parameter without a name");
      const known = KNOWN_BY_LOWER.get(key.toLowerCase());
      if (known && known !== key) throw new QueryError(`unknown query parameter "${key}" (the parameter is "${known}"; names are case-sensitive)`);
      if (known && !MULTI.has(known)) {
        if (seen.has(known)) throw new QueryError(`the query parameter "${known}" is given more than once`);
        seen.add(known);
      }
      pairs.push([key, value]);
    }
    return new Query(pairs);
  }

  get(name: string): string | null {
    for (const [k, v] of this.pairs) if (k === name) return v;
    return null;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  all(name: string): string[] {
    return this.pairs.filter(([k]) => k === name).map(([, v]) => v);
  }

  /** A copy without the named parameters, with `extra` appended. */
  with(drop: readonly string[], extra: readonly (readonly [string, string])[] = []): Query {
    return new Query([...this.pairs.filter(([k]) => !drop.includes(k)), ...extra]);
  }

  /** Serialized for the cluster (without '?'): every value exactly as it was read. */
  toString(): string {
    return this.pairs.map(([k, v]) => `${escape(k)}=${escape(v)}`).join("&");
  }

  /** Path plus this query. */
  on(path: string): string {
    const s = this.toString();
    return s ? `${path}?${s}` : path;
  }
}

/** Kubernetes' query booleans: absent, "0" and "false" (any case) are false; anything else, even "", is true. */
export function queryBool(v: string | null): boolean {
  return v !== null && v !== "0" && v.toLowerCase() !== "false";
}

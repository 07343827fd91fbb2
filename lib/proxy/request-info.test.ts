import { describe, expect, it } from "vitest";
import {
  type NonResourceAttributes,
  ProxyPathError,
  type RequestAttributes,
  type ResourceAttributes,
  UPGRADE_SUBRESOURCES,
  describeAttributes,
  parseProxyPath,
  requestAttributes,
} from "./request-info";

/** The ProxyPathError parseProxyPath throws for `url` (fails the test if it does not throw one). */
function rejection(url: string): ProxyPathError {
  try {
    parseProxyPath(url);
  } catch (e) {
    expect(e).toBeInstanceOf(ProxyPathError);
    return e as ProxyPathError;
  }
  throw new Error(`parseProxyPath(${JSON.stringify(url)}) did not throw`);
}

describe("parseProxyPath", () => {
  describe("accepts", () => {
    it("a plain resource path", () => {
      expect(parseProxyPath("/clusters/prod/api/v1/namespaces/default/pods")).toEqual({
        cluster: "prod",
        rawPath: "/api/v1/namespaces/default/pods",
        segments: ["api", "v1", "namespaces", "default", "pods"],
        query: "",
      });
    });

    it("a cluster name with digits and dashes, up to 63 characters", () => {
      expect(parseProxyPath("/clusters/eu-west-1/version").cluster).toBe("eu-west-1");
      expect(parseProxyPath("/clusters/0/version").cluster).toBe("0");
      const longest = "a" + "b".repeat(61) + "c";
      expect(longest).toHaveLength(63);
      expect(parseProxyPath(`/clusters/${longest}/version`).cluster).toBe(longest);
    });

    it("a single trailing slash, kept in rawPath but not in segments", () => {
      expect(parseProxyPath("/clusters/a/api/")).toEqual({ cluster: "a", rawPath: "/api/", segments: ["api"], query: "" });
      const p = parseProxyPath("/clusters/a/api/v1/pods/");
      expect(p.segments).toEqual(["api", "v1", "pods"]);
      expect(p.rawPath).toBe("/api/v1/pods/");
    });

    it("names with colons (RBAC system roles)", () => {
      const p = parseProxyPath("/clusters/a/apis/rbac.authorization.k8s.io/v1/clusterroles/system:controller:foo");
      expect(p.segments).toEqual(["apis", "rbac.authorization.k8s.io", "v1", "clusterroles", "system:controller:foo"]);
      expect(p.rawPath).toBe("/apis/rbac.authorization.k8s.io/v1/clusterroles/system:controller:foo");
    });

    it("percent-encoded ordinary characters: decoded in segments, rawPath as sent", () => {
      const p = parseProxyPath("/clusters/a/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Acontroller%3Afoo");
      expect(p.segments[4]).toBe("system:controller:foo");
      // Not re-encoded, not decoded: exactly what the client sent.
      expect(p.rawPath).toBe("/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Acontroller%3Afoo");

      const q = parseProxyPath("/clusters/a/api/v1/namespaces/default/configmaps/my%20cm");
      expect(q.segments[5]).toBe("my cm");
      expect(q.rawPath).toBe("/api/v1/namespaces/default/configmaps/my%20cm");
    });

    it("segments that merely contain dots", () => {
      const p = parseProxyPath("/clusters/a/apis/apps/v1/namespaces/default/configmaps/...");
      expect(p.segments.at(-1)).toBe("...");
      expect(parseProxyPath("/clusters/a/api/v1/namespaces/default/secrets/.dotfile").segments.at(-1)).toBe(".dotfile");
    });

    it("non-resource paths", () => {
      expect(parseProxyPath("/clusters/a/version").segments).toEqual(["version"]);
      expect(parseProxyPath("/clusters/a/openapi/v3").rawPath).toBe("/openapi/v3");
    });
  });

  describe("query", () => {
    it("is split off without the '?' and kept byte for byte", () => {
      const query = "labelSelector=app%3Dweb%2Ctier%21%3Dfront&watch=1&fieldSelector=metadata.name%3Dfoo&x=a+b";
      const p = parseProxyPath(`/clusters/a/api/v1/pods?${query}`);
      expect(p.query).toBe(query);
      expect(p.rawPath).toBe("/api/v1/pods");
      expect(p.segments).toEqual(["api", "v1", "pods"]);
    });

    it("only the first '?' splits; later ones belong to the query", () => {
      const p = parseProxyPath("/clusters/a/api/v1/pods?a=b?c&d=%2e%2e%2f");
      expect(p.query).toBe("a=b?c&d=%2e%2e%2f");
    });

    it("is not validated like the path", () => {
      expect(parseProxyPath("/clusters/a/api/v1/pods?x=..%2f..%5c%zz").query).toBe("x=..%2f..%5c%zz");
    });

    it("may be empty after a bare '?'", () => {
      const p = parseProxyPath("/clusters/a/api/v1/pods?");
      expect(p.query).toBe("");
      expect(p.rawPath).toBe("/api/v1/pods");
    });
  });

  describe("rejects with 400", () => {
    it.each([
      ["dot-dot segment", "/clusters/a/api/v1/../../secrets"],
      ["dot-dot at the end", "/clusters/a/api/v1/namespaces/default/pods/.."],
      ["dot segment", "/clusters/a/api/./v1/pods"],
      ["dot segment at the end", "/clusters/a/api/v1/pods/."],
      ["encoded dot-dot (lower case)", "/clusters/a/api/v1/%2e%2e/secrets"],
      ["encoded dot-dot (upper case)", "/clusters/a/api/v1/%2E%2E/secrets"],
      ["half-encoded dot-dot", "/clusters/a/api/v1/.%2e/secrets"],
      ["half-encoded dot-dot, other half", "/clusters/a/api/v1/%2e./secrets"],
      ["encoded dot", "/clusters/a/api/%2e/v1/pods"],
      ["encoded slash (lower case)", "/clusters/a/api/v1/namespaces/default%2fpods"],
      ["encoded slash (upper case)", "/clusters/a/api/v1/namespaces/default%2Fpods"],
      ["encoded slash as the whole segment", "/clusters/a/api/v1/%2F/pods"],
      ["encoded backslash (lower case)", "/clusters/a/api/v1/namespaces/default%5cpods"],
      ["encoded backslash (upper case)", "/clusters/a/api/v1/namespaces/default%5Cpods"],
      ["double-encoded slash", "/clusters/a/api/v1/namespaces/default%252fpods"],
      ["double-encoded dot-dot", "/clusters/a/api/v1/%252e%252e/secrets"],
      ["encoded percent sign", "/clusters/a/api/v1/namespaces/default/pods/x%25"],
      ["raw backslash", "/clusters/a/api/v1\\..\\secrets"],
      ["raw backslash alone", "/clusters/a/api/v1/namespaces/default/pods/a\\b"],
      ["empty segment in the middle", "/clusters/a/api//v1/pods"],
      ["empty segment right after the cluster", "/clusters/a//api/v1/pods"],
      ["double trailing slash", "/clusters/a/api/v1/pods//"],
      ["empty cluster segment", "/clusters//api/v1/pods"],
      ["nothing after /clusters/", "/clusters/"],
      ["a bare trailing slash after the cluster", "/clusters/a/"],
      ["encoded NUL", "/clusters/a/api/v1/namespaces/default/pods/x%00"],
      ["encoded newline", "/clusters/a/api/v1/namespaces/default/pods/x%0a"],
      ["encoded carriage return", "/clusters/a/api/v1/namespaces/default/pods/x%0D"],
      ["encoded tab", "/clusters/a/api/v1/namespaces/default/pods/x%09"],
      ["encoded DEL", "/clusters/a/api/v1/namespaces/default/pods/x%7f"],
      ["raw control character", "/clusters/a/api/v1/namespaces/default/pods/x\u0001"],
      ["raw DEL", "/clusters/a/api/v1/namespaces/default/pods/x\u007f"],
      ["malformed escape", "/clusters/a/api/v1/namespaces/default/pods/%zz"],
      ["truncated escape", "/clusters/a/api/v1/namespaces/default/pods/x%2"],
      ["lone percent sign", "/clusters/a/api/v1/namespaces/default/pods/100%"],
      ["invalid UTF-8", "/clusters/a/api/v1/namespaces/default/pods/%ff"],
      ["overlong UTF-8 dot", "/clusters/a/api/v1/%c0%ae%c0%ae/secrets"],
      ["%u escape", "/clusters/a/api/v1/%u002e%u002e/secrets"],
      ["dot-dot in the cluster position", "/clusters/../api/v1/pods"],
      ["encoded dot-dot in the cluster position", "/clusters/%2e%2e/api/v1/pods"],
      ["a fragment", "/clusters/a/api/v1/namespaces/kube-system#x"],
      ["a fragment hiding a traversal", "/clusters/a/api/v1/namespaces/dev/pods#/../../kube-system/secrets"],
    ])("%s: %s", (_what, url) => {
      expect(rejection(url).status).toBe(400);
    });

    it("says why", () => {
      expect(rejection("/clusters/a/api/v1/../x").message).toMatch(/dot segments/);
      expect(rejection("/clusters/a/api/v1/%2f/x").message).toMatch(/encoded slashes/);
      expect(rejection("/clusters/a/api//v1").message).toMatch(/empty path segments/);
      expect(rejection("/clusters/a/api/v1/%zz").message).toMatch(/malformed percent-encoding/);
      expect(rejection("/clusters/a/api\\v1").message).toMatch(/backslashes/);
      expect(rejection("/clusters/a/api/v1#x").message).toMatch(/fragment/);
    });

    it("refuses a bad path even when a query follows", () => {
      // The dot segment sits before the query: still refused.
      expect(rejection("/clusters/a/api/v1/../secrets?x=1").status).toBe(400);
    });
  });

  describe("rejects with 404", () => {
    it.each([
      ["not under /clusters/", "/api/v1/pods"],
      ["/clusters without a slash", "/clusters"],
      ["a look-alike prefix", "/clustersx/a/api/v1/pods"],
      ["an absolute URL", "http://evil.example/clusters/a/api/v1/pods"],
      ["an empty URL", ""],
      ["upper-case cluster name", "/clusters/Prod/api/v1/pods"],
      ["cluster name of 64 characters", `/clusters/${"a".repeat(64)}/api/v1/pods`],
      ["cluster name with an underscore", "/clusters/my_cluster/api/v1/pods"],
      ["cluster name with a dot", "/clusters/my.cluster/api/v1/pods"],
      ["cluster name with a colon", "/clusters/a:b/api/v1/pods"],
      ["cluster name starting with a dash", "/clusters/-a/api/v1/pods"],
      ["cluster name ending with a dash", "/clusters/a-/api/v1/pods"],
      ["cluster name with a space", "/clusters/a%20b/api/v1/pods"],
      ["cluster name with non-ASCII", "/clusters/caf%C3%A9/api/v1/pods"],
      ["percent-encoded cluster name", "/clusters/%61/api/v1/pods"],
      ["partly percent-encoded cluster name", "/clusters/prod%2Dx/api/v1/pods"],
      ["cluster name that decodes to upper case", "/clusters/a%41/api/v1/pods"],
      ["no API path after the cluster", "/clusters/prod"],
      ["no API path after the cluster, with a query", "/clusters/prod?watch=1"],
    ])("%s: %s", (_what, url) => {
      expect(rejection(url).status).toBe(404);
    });

    it("says why", () => {
      expect(rejection("/api/v1/pods").message).toBe("not a cluster path");
      expect(rejection("/clusters/UPPER/api").message).toBe("invalid cluster name");
      expect(rejection("/clusters/%61/api").message).toBe("invalid cluster name");
      expect(rejection("/clusters/a").message).toMatch(/no API path/);
    });
  });

  it("ProxyPathError is an Error carrying its status", () => {
    const e = new ProxyPathError(400, "nope");
    expect(e).toBeInstanceOf(Error);
    expect(e.status).toBe(400);
    expect(e.message).toBe("nope");
  });
});

const q = (s = "") => new URLSearchParams(s);
const seg = (path: string) => path.split("/").filter(Boolean);

function resource(method: string, path: string, query = ""): ResourceAttributes {
  const a = requestAttributes(method, seg(path), q(query));
  if (a.kind !== "resource") throw new Error(`${method} ${path} was not a resource request: ${JSON.stringify(a)}`);
  return a;
}

function nonResource(method: string, path: string, query = ""): NonResourceAttributes {
  const a = requestAttributes(method, seg(path), q(query));
  if (a.kind !== "nonResource") throw new Error(`${method} ${path} was not a non-resource request: ${JSON.stringify(a)}`);
  return a;
}

type Want = Omit<ResourceAttributes, "kind">;
const want = (w: Partial<Want>): ResourceAttributes => ({
  kind: "resource",
  verb: "get",
  apiGroup: "",
  apiVersion: "v1",
  resource: "",
  subresource: "",
  namespace: "",
  name: "",
  ...w,
});

describe("requestAttributes: resource requests", () => {
  it.each<[string, string, string, Partial<Want>]>([
    // collections
    ["GET", "/api/v1/pods", "", { verb: "list", resource: "pods" }],
    ["GET", "/api/v1/namespaces/default/pods", "", { verb: "list", resource: "pods", namespace: "default" }],
    ["HEAD", "/api/v1/namespaces/default/pods", "", { verb: "list", resource: "pods", namespace: "default" }],
    ["GET", "/apis/apps/v1/deployments", "", { verb: "list", apiGroup: "apps", resource: "deployments" }],
    // single objects
    ["GET", "/api/v1/namespaces/default/pods/x", "", { verb: "get", resource: "pods", namespace: "default", name: "x" }],
    ["HEAD", "/api/v1/namespaces/default/pods/x", "", { verb: "get", resource: "pods", namespace: "default", name: "x" }],
    ["GET", "/api/v1/nodes/n1", "", { verb: "get", resource: "nodes", name: "n1" }],
    [
      "GET",
      "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:controller:foo",
      "",
      { verb: "get", apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles", name: "system:controller:foo" },
    ],
    // watch via query parameter
    ["GET", "/api/v1/namespaces/default/pods", "watch=1", { verb: "watch", resource: "pods", namespace: "default" }],
    ["GET", "/api/v1/namespaces/default/pods", "watch=true", { verb: "watch", resource: "pods", namespace: "default" }],
    ["GET", "/api/v1/pods", "watch=true&resourceVersion=5", { verb: "watch", resource: "pods" }],
    ["GET", "/api/v1/namespaces/default/pods", "watch=0", { verb: "list", resource: "pods", namespace: "default" }],
    ["GET", "/api/v1/namespaces/default/pods", "watch=false", { verb: "list", resource: "pods", namespace: "default" }],
    // watch via the /watch/ prefix
    ["GET", "/api/v1/watch/namespaces/default/pods", "", { verb: "watch", resource: "pods", namespace: "default" }],
    ["GET", "/api/v1/watch/pods", "", { verb: "watch", resource: "pods" }],
    ["GET", "/api/v1/watch/namespaces/default/pods/x", "", { verb: "watch", resource: "pods", namespace: "default", name: "x" }],
    ["GET", "/apis/apps/v1/watch/deployments", "", { verb: "watch", apiGroup: "apps", resource: "deployments" }],
    ["GET", "/api/v1/watch/namespaces", "", { verb: "watch", resource: "namespaces" }],
    // writes
    ["POST", "/api/v1/namespaces/default/pods", "", { verb: "create", resource: "pods", namespace: "default" }],
    ["PUT", "/api/v1/namespaces/default/pods/x", "", { verb: "update", resource: "pods", namespace: "default", name: "x" }],
    ["PATCH", "/api/v1/namespaces/default/pods/x", "", { verb: "patch", resource: "pods", namespace: "default", name: "x" }],
    ["DELETE", "/api/v1/namespaces/default/pods/x", "", { verb: "delete", resource: "pods", namespace: "default", name: "x" }],
    ["DELETE", "/api/v1/namespaces/default/pods", "", { verb: "deletecollection", resource: "pods", namespace: "default" }],
    ["DELETE", "/apis/apps/v1/deployments", "", { verb: "deletecollection", apiGroup: "apps", resource: "deployments" }],
    ["POST", "/api/v1/namespaces", "", { verb: "create", resource: "namespaces" }],
    // method case does not matter
    ["get", "/api/v1/namespaces/default/pods/x", "", { verb: "get", resource: "pods", namespace: "default", name: "x" }],
    ["delete", "/api/v1/namespaces/default/pods", "", { verb: "deletecollection", resource: "pods", namespace: "default" }],
    ["post", "/api/v1/namespaces/default/pods", "", { verb: "create", resource: "pods", namespace: "default" }],
    // subresources
    [
      "GET",
      "/api/v1/namespaces/default/pods/x/log",
      "follow=true",
      { verb: "get", resource: "pods", subresource: "log", namespace: "default", name: "x" },
    ],
    [
      "POST",
      "/api/v1/namespaces/default/pods/x/exec",
      "command=sh&stdin=true",
      { verb: "create", resource: "pods", subresource: "exec", namespace: "default", name: "x" },
    ],
    [
      "GET",
      "/api/v1/namespaces/default/pods/x/exec",
      "command=sh",
      { verb: "get", resource: "pods", subresource: "exec", namespace: "default", name: "x" },
    ],
    [
      "POST",
      "/api/v1/namespaces/default/pods/x/portforward",
      "",
      { verb: "create", resource: "pods", subresource: "portforward", namespace: "default", name: "x" },
    ],
    [
      "PUT",
      "/apis/apps/v1/namespaces/d/deployments/x/scale",
      "",
      { verb: "update", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "d", name: "x" },
    ],
    [
      "GET",
      "/apis/apps/v1/namespaces/d/deployments/x/scale",
      "",
      { verb: "get", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "d", name: "x" },
    ],
    [
      "PATCH",
      "/apis/apps/v1/namespaces/d/deployments/x/status",
      "",
      { verb: "patch", apiGroup: "apps", resource: "deployments", subresource: "status", namespace: "d", name: "x" },
    ],
    ["PUT", "/api/v1/nodes/n1/status", "", { verb: "update", resource: "nodes", subresource: "status", name: "n1" }],
    [
      "POST",
      "/api/v1/namespaces/default/pods/x/eviction",
      "",
      { verb: "create", resource: "pods", subresource: "eviction", namespace: "default", name: "x" },
    ],
    [
      "GET",
      "/api/v1/namespaces/default/services/s:http/proxy/healthz",
      "",
      { verb: "get", resource: "services", subresource: "proxy", namespace: "default", name: "s:http" },
    ],
    // namespaces themselves
    ["GET", "/api/v1/namespaces", "", { verb: "list", resource: "namespaces" }],
    ["GET", "/api/v1/namespaces/foo", "", { verb: "get", resource: "namespaces", namespace: "foo", name: "foo" }],
    ["DELETE", "/api/v1/namespaces/foo", "", { verb: "delete", resource: "namespaces", namespace: "foo", name: "foo" }],
    ["PATCH", "/api/v1/namespaces/foo", "", { verb: "patch", resource: "namespaces", namespace: "foo", name: "foo" }],
    [
      "GET",
      "/api/v1/namespaces/foo/status",
      "",
      { verb: "get", resource: "namespaces", subresource: "status", namespace: "foo", name: "foo" },
    ],
    [
      "PUT",
      "/api/v1/namespaces/foo/status",
      "",
      { verb: "update", resource: "namespaces", subresource: "status", namespace: "foo", name: "foo" },
    ],
    [
      "PUT",
      "/api/v1/namespaces/foo/finalize",
      "",
      { verb: "update", resource: "namespaces", subresource: "finalize", namespace: "foo", name: "foo" },
    ],
    // a namespaced collection called like a namespace subresource is still the collection
    ["GET", "/api/v1/namespaces/foo/configmaps", "", { verb: "list", resource: "configmaps", namespace: "foo" }],
    // custom resources
    [
      "GET",
      "/apis/example.com/v1alpha1/namespaces/team/widgets/w1",
      "",
      { verb: "get", apiGroup: "example.com", apiVersion: "v1alpha1", resource: "widgets", namespace: "team", name: "w1" },
    ],
  ])("%s %s?%s", (method, path, query, w) => {
    expect(resource(method, path, query)).toEqual(want(w));
  });

  describe("watch query parameter, as the API server reads it", () => {
    // kube-apiserver: only absence, "0" and "false" (any case) mean no watch.
    it.each(["1", "true", "True", "TRUE", "yes", "on", ""])("watch=%j on a collection is a watch", (v) => {
      expect(resource("GET", "/api/v1/namespaces/default/pods", `watch=${v}`).verb).toBe("watch");
    });

    it("a bare ?watch is a watch", () => {
      expect(resource("GET", "/api/v1/pods", "watch").verb).toBe("watch");
    });

    it.each(["0", "false", "False", "FALSE"])("watch=%j on a collection is a list", (v) => {
      expect(resource("GET", "/api/v1/namespaces/default/pods", `watch=${v}`).verb).toBe("list");
    });

    it("only the first watch parameter counts", () => {
      expect(resource("GET", "/api/v1/pods", "watch=false&watch=true").verb).toBe("list");
      expect(resource("GET", "/api/v1/pods", "watch=true&watch=false").verb).toBe("watch");
    });

    it("is ignored on a named object: the API server serves a get", () => {
      expect(resource("GET", "/api/v1/namespaces/default/pods/x", "watch=1")).toEqual(
        want({ verb: "get", resource: "pods", namespace: "default", name: "x" }),
      );
      expect(resource("GET", "/api/v1/namespaces/default/pods/x/log", "watch=true").verb).toBe("get");
    });

    it("does not turn writes into watches", () => {
      expect(resource("POST", "/api/v1/namespaces/default/pods", "watch=1").verb).toBe("create");
      expect(resource("DELETE", "/api/v1/namespaces/default/pods", "watch=1").verb).toBe("deletecollection");
    });
  });

  describe("fieldSelector on metadata.name", () => {
    it.each([
      ["fieldSelector=metadata.name=foo", "list", "foo"],
      ["fieldSelector=metadata.name%3Dfoo", "list", "foo"],
      ["fieldSelector=metadata.name==foo", "list", "foo"],
      ["fieldSelector=metadata.name=foo&watch=1", "watch", "foo"],
    ])("%s -> %s named %s", (query, verb, name) => {
      expect(resource("GET", "/api/v1/namespaces/default/configmaps", query)).toEqual(
        want({ verb: verb as Want["verb"], resource: "configmaps", namespace: "default", name }),
      );
    });

    it.each([
      "fieldSelector=metadata.name!=foo",
      "fieldSelector=metadata.name=foo,metadata.namespace=bar",
      "fieldSelector=metadata.namespace=foo",
      "fieldSelector=spec.nodeName=n1",
      "fieldSelector=xmetadata.name=foo",
      "fieldSelector=metadata.name=",
      "fieldSelector=",
    ])("%s leaves the request unnamed", (query) => {
      const a = resource("GET", "/api/v1/namespaces/default/configmaps", query);
      expect(a.verb).toBe("list");
      expect(a.name).toBe("");
    });

    it("does not rename a request that already names an object", () => {
      expect(resource("GET", "/api/v1/namespaces/default/configmaps/a", "fieldSelector=metadata.name=b").name).toBe("a");
    });

    it("does not turn deletecollection into delete", () => {
      const a = resource("DELETE", "/api/v1/namespaces/default/configmaps", "fieldSelector=metadata.name=foo");
      expect(a.verb).toBe("deletecollection");
      expect(a.name).toBe("");
    });
  });
});

describe("requestAttributes: non-resource requests", () => {
  it.each([
    ["/api"],
    ["/api/v1"],
    ["/apis"],
    ["/apis/apps"],
    ["/apis/apps/v1"],
    ["/apis/rbac.authorization.k8s.io/v1"],
    ["/version"],
    ["/openapi/v2"],
    ["/openapi/v3"],
    ["/openapi/v3/apis/apps/v1"],
  ])("GET %s is discovery", (path) => {
    expect(nonResource("GET", path)).toEqual({ kind: "nonResource", verb: "get", path, discovery: true });
  });

  it("HEAD on discovery is discovery too", () => {
    expect(nonResource("HEAD", "/apis").discovery).toBe(true);
    expect(nonResource("head", "/version")).toEqual({ kind: "nonResource", verb: "head", path: "/version", discovery: true });
  });

  it.each(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])("%s on a discovery path is not discovery", (method) => {
    for (const path of ["/api", "/api/v1", "/apis/apps/v1", "/version", "/openapi/v3"]) {
      const a = nonResource(method, path);
      expect(a.discovery).toBe(false);
      expect(a.verb).toBe(method.toLowerCase());
      expect(a.path).toBe(path);
    }
  });

  it.each([
    ["/metrics"],
    ["/debug/pprof"],
    ["/debug/pprof/profile"],
    ["/logs"],
    ["/logs/kube-apiserver.log"],
    ["/healthz"],
    ["/livez"],
    ["/readyz/etcd"],
    ["/.well-known/openid-configuration"],
    ["/openid/v1/jwks"],
  ])("GET %s is a non-resource request but not discovery", (path) => {
    expect(nonResource("GET", path)).toEqual({ kind: "nonResource", verb: "get", path, discovery: false });
  });

  it("/api/v1/watch alone is not a resource request", () => {
    expect(nonResource("GET", "/api/v1/watch")).toEqual({ kind: "nonResource", verb: "get", path: "/api/v1/watch", discovery: false });
  });

  it("the path is rebuilt from the segments", () => {
    expect(requestAttributes("GET", ["debug", "pprof", "heap"], q())).toMatchObject({ kind: "nonResource", path: "/debug/pprof/heap" });
  });

  it("an empty path is the root, not discovery", () => {
    expect(requestAttributes("GET", [], q())).toEqual({ kind: "nonResource", verb: "get", path: "/", discovery: false });
  });
});

describe("UPGRADE_SUBRESOURCES", () => {
  it("lists exactly the streaming pod subresources", () => {
    expect([...UPGRADE_SUBRESOURCES].sort()).toEqual(["attach", "exec", "portforward"]);
    expect(UPGRADE_SUBRESOURCES.has("log")).toBe(false);
  });
});

describe("describeAttributes", () => {
  it.each<[RequestAttributes, string]>([
    [
      want({ verb: "list", resource: "pods", namespace: "default" }),
      'list resource "pods" in API group "" in the namespace "default"',
    ],
    [want({ verb: "list", resource: "pods" }), 'list resource "pods" in API group "" at the cluster scope'],
    [want({ verb: "get", resource: "nodes", name: "n1" }), 'get resource "nodes" in API group ""'],
    [
      want({ verb: "update", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "d", name: "x" }),
      'update resource "deployments/scale" in API group "apps" in the namespace "d"',
    ],
    [
      want({ verb: "create", resource: "pods", subresource: "exec", namespace: "default", name: "x" }),
      'create resource "pods/exec" in API group "" in the namespace "default"',
    ],
    [{ kind: "nonResource", verb: "get", path: "/metrics", discovery: false }, 'get path "/metrics"'],
    [{ kind: "nonResource", verb: "post", path: "/apis", discovery: false }, 'post path "/apis"'],
  ])("%j", (a, text) => {
    expect(describeAttributes(a)).toBe(text);
  });

  it("describes what requestAttributes derives", () => {
    const a = requestAttributes("DELETE", seg("/apis/apps/v1/namespaces/prod/deployments"), q());
    expect(describeAttributes(a)).toBe('deletecollection resource "deployments" in API group "apps" in the namespace "prod"');
    const b = requestAttributes("GET", seg("/metrics"), q());
    expect(describeAttributes(b)).toBe('get path "/metrics"');
  });
});

describe("parseProxyPath + requestAttributes", () => {
  it("decoded segments drive the attributes", () => {
    const p = parseProxyPath("/clusters/prod/api/v1/namespaces/kube%2Dsystem/pods?watch=1&labelSelector=app%3Ddns");
    expect(p.rawPath).toBe("/api/v1/namespaces/kube%2Dsystem/pods");
    expect(requestAttributes("GET", p.segments, new URLSearchParams(p.query))).toEqual(
      want({ verb: "watch", resource: "pods", namespace: "kube-system" }),
    );
  });

  it("a trailing slash does not change the attributes", () => {
    const p = parseProxyPath("/clusters/prod/api/v1/namespaces/default/pods/x/");
    expect(requestAttributes("GET", p.segments, new URLSearchParams(p.query))).toEqual(
      want({ verb: "get", resource: "pods", namespace: "default", name: "x" }),
    );
  });
});

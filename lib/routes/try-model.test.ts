import { describe, expect, it } from "vitest";
import { tryRouteAnswerSchema, tryRouteBodySchema } from "@/lib/validations/route";
import {
  MAX_ERRORS,
  answerOf,
  countAnswer,
  countFailure,
  echoPod,
  failureReason,
  gatewayTarget,
  hostHeader,
  imageTag,
  newTally,
  routeTarget,
  versionOf,
  wirePath,
} from "./try-model";

const at = { name: "web", namespace: "shop" };

describe("what a try-it request asks for", () => {
  it("takes an HTTPRoute's first hostname, its first rule's path and its exact header matches", () => {
    const route = {
      spec: {
        hostnames: ["shop.example.com", "www.shop.example.com"],
        rules: [
          {
            matches: [
              {
                path: { type: "PathPrefix", value: "/api" },
                headers: [
                  { name: "X-Canary", value: "true" },
                  { type: "Exact", name: "x-team", value: "blue" },
                  { type: "RegularExpression", name: "x-re", value: ".*" },
                ],
              },
              { path: { value: "/other" } },
            ],
          },
          { matches: [{ path: { value: "/second" } }] },
        ],
      },
    };
    expect(routeTarget("HTTPRoute", route, at)).toEqual({ host: "shop.example.com", path: "/api", headers: { "x-canary": "true", "x-team": "blue" } });
  });

  it("lets the body's path win, and keeps the route's headers", () => {
    const route = { spec: { rules: [{ matches: [{ path: { value: "/api" }, headers: [{ name: "x-v", value: "2" }] }] }] } };
    expect(routeTarget("HTTPRoute", route, { ...at, path: "/api/items?id=3" })).toEqual({ host: "web.shop.route.invalid", path: "/api/items?id=3", headers: { "x-v": "2" } });
  });

  it("uses / for a route without matches, a regular-expression path, or none at all", () => {
    expect(routeTarget("HTTPRoute", { spec: { hostnames: ["a.example"] } }, at).path).toBe("/");
    expect(routeTarget("HTTPRoute", { spec: { rules: [{ matches: [{ path: { type: "RegularExpression", value: "/v[0-9]+" } }] }] } }, at).path).toBe("/");
    expect(routeTarget("HTTPRoute", { spec: { rules: [{ matches: [{ path: { type: "Exact", value: "/exact" } }] }] } }, at).path).toBe("/exact");
    expect(routeTarget("HTTPRoute", {}, at)).toEqual({ host: "web.shop.route.invalid", path: "/", headers: {} });
    expect(routeTarget("HTTPRoute", null, at).path).toBe("/");
    expect(routeTarget("Ingress", { spec: { defaultBackend: { service: { name: "x" } } } }, at)).toEqual({ host: "web.shop.route.invalid", path: "/", headers: {} });
  });

  it("takes an Ingress's first rule with a host, and that rule's first path", () => {
    const ingress = {
      spec: {
        rules: [
          { http: { paths: [{ path: "/any-host", pathType: "Prefix" }] } },
          { host: "shop.example.com", http: { paths: [{ path: "/cart", pathType: "Prefix" }, { path: "/x" }] } },
        ],
      },
    };
    expect(routeTarget("Ingress", ingress, at)).toEqual({ host: "shop.example.com", path: "/cart", headers: {} });
    expect(routeTarget("Ingress", { spec: { rules: [{ http: { paths: [{ path: "/only" }] } }] } }, at)).toEqual({ host: "web.shop.route.invalid", path: "/only", headers: {} });
  });

  it("turns a wildcard host into one host it matches", () => {
    expect(hostHeader("*.example.com")).toBe("try.example.com");
    expect(routeTarget("Ingress", { spec: { rules: [{ host: "*.apps.example.com" }] } }, at).host).toBe("try.apps.example.com");
  });

  it("never puts what is not a host name, a path or a header on the wire", () => {
    for (const bad of ["evil.com\r\nX-Injected: 1", "a b", "*", "a..b", "-a.com", "x".repeat(254), 42, null]) expect(hostHeader(bad), String(bad)).toBeUndefined();
    const route = {
      spec: {
        hostnames: ["evil.com\r\nx: 1"],
        rules: [
          {
            matches: [
              {
                path: { value: "/a b\r\nHost: evil#frag" },
                headers: [
                  { name: "Host", value: "evil.example" },
                  { name: "Transfer-Encoding", value: "chunked" },
                  { name: "x-split", value: "a\r\nx-evil: 1" },
                  { name: "bad name", value: "v" },
                  { name: "x-ok", value: "fine" },
                ],
              },
            ],
          },
        ],
      },
    };
    expect(routeTarget("HTTPRoute", route, at)).toEqual({
      host: "web.shop.route.invalid",
      path: "/a%20b%0D%0AHost:%20evil%23frag",
      headers: { "x-ok": "fine" },
    });
    expect(wirePath("/ünï")).toBe("/%C3%BCn%C3%AF");
    expect(wirePath("relative")).toBe("/relative");
    // A path that does not start with "/" is not a path of this route.
    expect(routeTarget("Ingress", { spec: { rules: [{ http: { paths: [{ path: "shop" }] } }] } }, at).path).toBe("/");
  });

  it("sends only to the configured gateway, after its path prefix", () => {
    expect(gatewayTarget("http://127.0.0.1:20160", "/api")).toEqual({ origin: "http://127.0.0.1:20160", path: "/api" });
    expect(gatewayTarget("https://gw.example.com/edge/", "/api?x=1")).toEqual({ origin: "https://gw.example.com", path: "/edge/api?x=1" });
    // A path that looks like another origin stays a path on this one.
    expect(gatewayTarget("http://127.0.0.1:20160", "//evil.example/x")).toEqual({ origin: "http://127.0.0.1:20160", path: "//evil.example/x" });
  });
});

describe("who answered", () => {
  const echo = (o: object) => JSON.stringify({ host: "h", path: "/", method: "GET", ip: "10.0.0.1", port: 8080, ...o });

  it("reads the echo responder's JSON", () => {
    const body = echo({ pod: "web-v2-abc", namespace: "shop", image: "registry.local:5000/shop/web:2.1.0", labels: { app: "web", version: "v2" } });
    expect(echoPod(body, undefined)).toEqual({ pod: "web-v2-abc", namespace: "shop", image: "registry.local:5000/shop/web:2.1.0", labels: { app: "web", version: "v2" } });
  });

  it("falls back to the X-Pilothouse-Pod header, and to nothing", () => {
    expect(echoPod("<html>hello</html>", "shop/web-1")).toEqual({ pod: "web-1", namespace: "shop" });
    expect(echoPod("{not json", " shop/web-1 ")).toEqual({ pod: "web-1", namespace: "shop" });
    expect(echoPod(echo({ pod: 7 }), "shop/web-2")).toEqual({ pod: "web-2", namespace: "shop" });
    expect(echoPod("404 page not found", undefined)).toBeUndefined();
    expect(echoPod("", "no-slash")).toBeUndefined();
    expect(echoPod("", "Shop/<script>")).toBeUndefined();
    expect(echoPod(echo({ pod: "<img>", namespace: "shop" }), undefined)).toBeUndefined();
  });

  it("names the version by label, then the standard label, then the image tag", () => {
    expect(versionOf({ pod: "p", namespace: "n", labels: { version: "v2", "app.kubernetes.io/version": "2.0" }, image: "a:1" })).toBe("v2");
    expect(versionOf({ pod: "p", namespace: "n", labels: { "app.kubernetes.io/version": "2.0" }, image: "a:1" })).toBe("2.0");
    expect(versionOf({ pod: "p", namespace: "n", labels: {}, image: "a:1" })).toBe("1");
    expect(versionOf({ pod: "p", namespace: "n" })).toBeNull();
    expect(imageTag("nginx")).toBe("latest");
    expect(imageTag("registry.local:5000/team/app")).toBe("latest");
    expect(imageTag("registry.local:5000/team/app:1.4.2")).toBe("1.4.2");
    expect(imageTag("app:1.0@sha256:0123456789abcdef0123")).toBe("1.0");
    expect(imageTag("app@sha256:0123456789abcdef0123")).toBe("sha256:0123456789ab");
  });
});

describe("the tally", () => {
  const pod = (name: string, version = "v1") => ({ pod: name, namespace: "shop", image: `web:${version}`, labels: { version } });

  it("groups answers by pod, most first, with percentages of the answered requests", () => {
    const t = newTally();
    t.sent = 10;
    for (let i = 0; i < 6; i++) countAnswer(t, 200, pod("web-a"));
    for (let i = 0; i < 3; i++) countAnswer(t, 200, pod("web-b", "v2"));
    countAnswer(t, 503, undefined);
    const a = answerOf(t, { gateway: "http://127.0.0.1:1", host: "h", path: "/", durationMs: 12.6 });
    expect(a).toEqual({
      gateway: "http://127.0.0.1:1",
      host: "h",
      path: "/",
      sent: 10,
      answered: 10,
      failed: 0,
      durationMs: 13,
      statuses: { "200": 9, "503": 1 },
      backends: [
        { pod: "web-a", namespace: "shop", version: "v1", image: "web:v1", count: 6, percent: 60 },
        { pod: "web-b", namespace: "shop", version: "v2", image: "web:v2", count: 3, percent: 30 },
      ],
      errors: [],
    });
    expect(tryRouteAnswerSchema.parse(a)).toEqual(a);
  });

  it("rounds to 0.1 and orders ties by name", () => {
    const t = newTally();
    t.sent = 3;
    countAnswer(t, 200, pod("web-b"));
    countAnswer(t, 200, pod("web-a"));
    countAnswer(t, 200, pod("web-c"));
    expect(answerOf(t, { gateway: "g", host: "h", path: "/", durationMs: 1 }).backends.map((b) => [b.pod, b.percent])).toEqual([
      ["web-a", 33.3],
      ["web-b", 33.3],
      ["web-c", 33.3],
    ]);
  });

  it("completes a pod first seen by its header only", () => {
    const t = newTally();
    countAnswer(t, 200, { pod: "web-a", namespace: "shop" });
    countAnswer(t, 200, pod("web-a", "v3"));
    expect(answerOf(t, { gateway: "g", host: "h", path: "/", durationMs: 1 }).backends).toEqual([
      { pod: "web-a", namespace: "shop", version: "v3", image: "web:v3", count: 2, percent: 100 },
    ]);
  });

  it("keeps at most five distinct errors and counts every failure", () => {
    const t = newTally();
    for (let i = 0; i < 20; i++) countFailure(t, `reason ${i % 8}`);
    countFailure(t, "reason 0");
    expect(t.failed).toBe(21);
    expect(t.errors).toEqual(["reason 0", "reason 1", "reason 2", "reason 3", "reason 4"]);
    expect(t.errors).toHaveLength(MAX_ERRORS);
    expect(answerOf(t, { gateway: "g", host: "h", path: "/", durationMs: 0 }).backends).toEqual([]);
  });

  it("says why a request failed in a few stable words", () => {
    const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });
    expect(failureReason(coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"), 2000)).toBe("connection refused by the gateway");
    expect(failureReason(new DOMException("The operation was aborted due to timeout", "TimeoutError"), 2000)).toBe("no answer within 2 s");
    expect(failureReason(coded("UND_ERR_HEADERS_TIMEOUT"), 2000)).toBe("no answer within 2 s");
    expect(failureReason(coded("UND_ERR_CONNECT_TIMEOUT"), 2000)).toBe("connecting to the gateway timed out");
    expect(failureReason(coded("UND_ERR_SOCKET"), 2000)).toBe("the gateway closed the connection");
    expect(failureReason(coded("DEPTH_ZERO_SELF_SIGNED_CERT"), 2000)).toBe("TLS with the gateway failed (DEPTH_ZERO_SELF_SIGNED_CERT)");
    expect(failureReason(Object.assign(new Error("fetch failed"), { cause: coded("ENOTFOUND") }), 2000)).toBe("the gateway's host name does not resolve");
    expect(failureReason(new Error("odd\u0000 thing\n"), 2000)).toBe("odd thing");
  });
});

describe("the try-it body", () => {
  const base = { cluster: "member-1", namespace: "shop", kind: "HTTPRoute", name: "web" };
  const fields = (v: unknown) => {
    const r = tryRouteBodySchema.safeParse(v);
    const out: Record<string, string> = {};
    // The first issue of a field, as the API's wrapper reports it.
    for (const i of r.success ? [] : r.error.issues) out[i.path.join(".")] ??= i.message;
    return out;
  };

  it("defaults to 100 requests and takes a path", () => {
    expect(tryRouteBodySchema.parse(base)).toEqual({ ...base, requests: 100 });
    expect(tryRouteBodySchema.parse({ ...base, kind: "Ingress", requests: 1, path: "/a?b=c%20d" })).toMatchObject({ requests: 1, path: "/a?b=c%20d" });
  });

  it.each([
    [{ kind: "Service" }, "kind", /HTTPRoute or Ingress/],
    [{ requests: 0 }, "requests", /At least 1/],
    [{ requests: 201 }, "requests", /At most 200/],
    [{ requests: 2.5 }, "requests", /whole number/],
    [{ requests: "10" }, "requests", /number of requests/],
    [{ path: "api" }, "path", /Start the path with \//],
    [{ path: "/a b" }, "path", /visible ASCII/],
    [{ path: "/a\r\nHost: x" }, "path", /visible ASCII/],
    [{ path: "/a#b" }, "path", /fragment/],
    [{ path: `/${"a".repeat(1024)}` }, "path", /At most 1024/],
    [{ namespace: "Shop" }, "namespace", /Not a namespace/],
    [{ cluster: "" }, "cluster", /Enter the cluster name/],
    [{ name: "web/../x" }, "name", /Not a route name/],
    [{ extra: 1 }, "", /Unrecognized key/],
  ])("refuses %j on its field", (over, field, message) => {
    expect(fields({ ...base, ...over })[field]).toMatch(message);
  });
});

import { describe, expect, it } from "vitest";
import {
  type HTTPRouteObject,
  activeBackend,
  backendText,
  canaryState,
  canaryWeights,
  httpRouteBackendNames,
  httpRouteProblem,
  httpRouteRules,
  httpRouteStatus,
  matchText,
  parentStatus,
  percents,
  releaseOf,
  releaseRuleIndex,
  roundedPercents,
  ruleForPath,
  routeParents,
  routeTone,
  switchWeights,
  twoWaySplit,
  weightsPatch,
} from "./httproute";

const route = (spec: HTTPRouteObject["spec"], status?: HTTPRouteObject["status"]): HTTPRouteObject => ({ metadata: { name: "checkout", namespace: "acme-payments", generation: 2 }, spec, status });

const checkout = route(
  {
    parentRefs: [{ name: "public", namespace: "pilothouse-gateway" }],
    hostnames: ["checkout.example.com"],
    rules: [
      {
        matches: [{ path: { type: "PathPrefix", value: "/" }, headers: [{ name: "x-canary", value: "yes" }] }],
        backendRefs: [
          { name: "checkout-blue", port: 80, weight: 90 },
          { name: "checkout-green", port: 80, weight: 10 },
        ],
      },
    ],
  },
  {
    parents: [
      {
        parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "pilothouse-gateway" },
        controllerName: "traefik.io/gateway-controller",
        conditions: [
          { type: "Accepted", status: "True", reason: "Accepted" },
          { type: "ResolvedRefs", status: "True", reason: "ResolvedRefs" },
        ],
      },
    ],
  },
);

describe("httproute rules", () => {
  it("reads matches with the API's defaults", () => {
    const [rule] = httpRouteRules(checkout);
    expect(rule.matches).toEqual([{ pathType: "PathPrefix", path: "/", headers: [{ name: "x-canary", value: "yes", type: "Exact" }], method: undefined, queryParams: [] }]);
    expect(matchText(rule.matches[0])).toBe("/* [x-canary=yes]");
    // No matches: every request.
    expect(httpRouteRules(route({ rules: [{ backendRefs: [{ name: "a" }] }] }))[0].matches).toEqual([{ pathType: "PathPrefix", path: "/", headers: [], method: undefined, queryParams: [] }]);
    expect(matchText({ pathType: "Exact", path: "/health", headers: [], queryParams: [], method: "GET" })).toBe("=/health [GET]");
    expect(matchText({ pathType: "RegularExpression", path: "^/v[0-9]+", headers: [{ name: "a", value: "b.*", type: "RegularExpression" }], queryParams: ["q=1"] })).toBe("~^/v[0-9]+ [a~b.*, ?q=1]");
  });

  it("gives each backend its weight and share of the rule (default weight 1, weight 0 gets 0 %)", () => {
    const [rule] = httpRouteRules(checkout);
    expect(rule.backends.map((b) => [b.name, b.weight, b.percent])).toEqual([
      ["checkout-blue", 90, 90],
      ["checkout-green", 10, 10],
    ]);
    const defaults = httpRouteRules(route({ rules: [{ backendRefs: [{ name: "a" }, { name: "b" }, { name: "c", weight: 0 }] }] }))[0];
    expect(defaults.backends.map((b) => [b.weight, b.percent])).toEqual([
      [1, 50],
      [1, 50],
      [0, 0],
    ]);
    expect(percents([0, 0])).toEqual([0, 0]);
    expect(roundedPercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(roundedPercents([0, 0])).toEqual([0, 0]);
    expect(roundedPercents([2, 1])).toEqual([67, 33]);
  });

  it("names backends", () => {
    expect(backendText({ name: "web", port: 80, kind: "Service" })).toBe("web:80");
    expect(backendText({ name: "web", namespace: "other", kind: "Service" })).toBe("other/web");
    expect(backendText({ name: "b", kind: "Bucket" })).toBe("Bucket/b");
    expect(httpRouteBackendNames(checkout)).toEqual(["checkout-blue:80", "checkout-green:80"]);
  });
});

describe("httproute status", () => {
  it("is what the parent's controller says", () => {
    expect(httpRouteStatus(checkout)).toBe("Accepted");
    expect(httpRouteProblem(checkout)).toBeUndefined();
    const [p] = routeParents(checkout);
    expect(p).toMatchObject({ label: "pilothouse-gateway/public", controllerName: "traefik.io/gateway-controller", namespace: "pilothouse-gateway" });
  });

  it("matches status parents to references with the API's defaults", () => {
    // The reference leaves group, kind and namespace out; the status names them.
    const r = route(
      { parentRefs: [{ name: "public" }] },
      { parents: [{ parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "acme-payments", name: "public" }, conditions: [{ type: "Accepted", status: "True" }] }] },
    );
    expect(routeParents(r)[0].accepted?.status).toBe("True");
    const section = route({ parentRefs: [{ name: "public", sectionName: "web" }] }, { parents: [{ parentRef: { name: "public" }, conditions: [{ type: "Accepted", status: "True" }] }] });
    expect(routeParents(section)[0].conditions).toEqual([]);
    expect(routeParents(section)[0].label).toBe("acme-payments/public/web");
  });

  it("says NotAccepted or RefsNotResolved with the reason, and the message as the problem", () => {
    const refused = route(checkout.spec, {
      parents: [
        {
          parentRef: { name: "public", namespace: "pilothouse-gateway" },
          conditions: [{ type: "Accepted", status: "False", reason: "NotAllowedByListeners", message: "no listener admits routes from acme-payments" }],
        },
      ],
    });
    expect(httpRouteStatus(refused)).toBe("NotAccepted: NotAllowedByListeners");
    expect(httpRouteProblem(refused)).toBe("pilothouse-gateway/public: NotAllowedByListeners: no listener admits routes from acme-payments");
    const unresolved = route(checkout.spec, {
      parents: [
        {
          parentRef: { name: "public", namespace: "pilothouse-gateway" },
          conditions: [
            { type: "Accepted", status: "True" },
            { type: "ResolvedRefs", status: "False", reason: "BackendNotFound", message: "service acme-payments/checkout-green not found" },
          ],
        },
      ],
    });
    expect(httpRouteStatus(unresolved)).toBe("RefsNotResolved: BackendNotFound");
    expect(httpRouteProblem(unresolved)).toContain("BackendNotFound: service acme-payments/checkout-green not found");
    expect(routeTone(httpRouteStatus(unresolved))).toBe("red");
  });

  it("is Pending before any controller reports, NoParents without parents", () => {
    expect(httpRouteStatus(route(checkout.spec))).toBe("Pending");
    expect(routeTone("Pending")).toBe("amber");
    expect(httpRouteStatus(route({}))).toBe("NoParents");
    expect(parentStatus({ ref: { name: "x" }, label: "x", kind: "Gateway", namespace: "", conditions: [] })).toBe("Pending");
    expect(httpRouteStatus({ metadata: { name: "bare" } })).toBe("NoParents");
  });
});

describe("releases", () => {
  it("finds the two-way split", () => {
    expect(twoWaySplit(checkout.spec?.rules?.[0])?.canaryPercent).toBe(10);
    expect(twoWaySplit({ backendRefs: [{ name: "a" }] })).toBeUndefined();
    expect(releaseRuleIndex(route({ rules: [{ backendRefs: [{ name: "a" }] }, { backendRefs: [{ name: "a" }, { name: "b" }] }] }))).toBe(1);
    expect(releaseRuleIndex(route({}))).toBe(-1);
  });

  it("places a split on the canary steps", () => {
    expect(canaryState(0)).toEqual({ percent: 0, step: 0, nearest: 0, next: 10 });
    expect(canaryState(10)).toEqual({ percent: 10, step: 10, nearest: 10, next: 25 });
    expect(canaryState(25)).toMatchObject({ step: 25, next: 50 });
    expect(canaryState(50)).toMatchObject({ step: 50, next: 100 });
    expect(canaryState(100)).toMatchObject({ step: 100, next: undefined });
    // Between steps: custom, with the nearest step and the one after.
    expect(canaryState(30)).toEqual({ percent: 30, step: undefined, nearest: 25, next: 50 });
    expect(canaryState(40)).toMatchObject({ step: undefined, nearest: 50, next: 50 });
    expect(canaryState(99.8)).toMatchObject({ step: 100, next: undefined });
    expect(canaryState(200 / 3)).toMatchObject({ step: undefined, nearest: 50, next: 100 });
  });

  it("computes weights for a step and for a switch", () => {
    expect(canaryWeights(25)).toEqual([75, 25]);
    expect(canaryWeights(0)).toEqual([100, 0]);
    expect(canaryWeights(140)).toEqual([0, 100]);
    expect(switchWeights(1)).toEqual([0, 100]);
    expect(switchWeights(0)).toEqual([100, 0]);
    expect(activeBackend({ backendRefs: [{ name: "a", weight: 0 }, { name: "b", weight: 100 }] })).toBe(1);
    expect(activeBackend({ backendRefs: [{ name: "a", weight: 50 }, { name: "b", weight: 50 }] })).toBe(0);
  });

  it("patches only the weights, testing the backends first", () => {
    const p = weightsPatch(checkout, 0, [0, 100]);
    expect(p.contentType).toBe("application/json-patch+json");
    expect(p.body).toEqual([
      { op: "test", path: "/spec/rules/0/backendRefs/0/name", value: "checkout-blue" },
      { op: "add", path: "/spec/rules/0/backendRefs/0/weight", value: 0 },
      { op: "test", path: "/spec/rules/0/backendRefs/1/name", value: "checkout-green" },
      { op: "add", path: "/spec/rules/0/backendRefs/1/weight", value: 100 },
    ]);
    expect(() => weightsPatch(checkout, 0, [100])).toThrow();
  });

  it("reads what a release acts on", () => {
    expect(releaseOf(checkout)).toMatchObject({ ruleIndex: 0, stable: { name: "checkout-blue", weight: 90 }, canary: { name: "checkout-green", weight: 10 }, active: 0, canaryState: { step: 10, next: 25 } });
    const switched = route({ rules: [{ backendRefs: [{ name: "one" }] }, { backendRefs: [{ name: "blue", weight: 0 }, { name: "green", weight: 100 }] }] });
    expect(releaseOf(switched)).toMatchObject({ ruleIndex: 1, active: 1, canaryState: { step: 100, next: undefined } });
    expect(releaseOf(route({ rules: [{ backendRefs: [{ name: "a" }, { name: "b" }, { name: "c" }] }] }))).toBeUndefined();
    expect(releaseOf(route(undefined))).toBeUndefined();
  });

  it("finds the rule a path takes", () => {
    const r = route({
      rules: [
        { backendRefs: [{ name: "root" }] },
        { matches: [{ path: { type: "PathPrefix", value: "/api" } }], backendRefs: [{ name: "api" }] },
        { matches: [{ path: { type: "PathPrefix", value: "/api/v2/" } }, { path: { type: "Exact", value: "/health" } }], backendRefs: [{ name: "v2" }] },
        { matches: [{ path: { type: "RegularExpression", value: ".*" } }], backendRefs: [{ name: "re" }] },
      ],
    });
    expect(ruleForPath(r, "/")).toBe(0);
    expect(ruleForPath(r, "/apix")).toBe(0);
    expect(ruleForPath(r, "/api")).toBe(1);
    expect(ruleForPath(r, "/api/v1/x?q=1")).toBe(1);
    expect(ruleForPath(r, "/api/v2/orders")).toBe(2);
    expect(ruleForPath(r, "/health")).toBe(2);
    expect(ruleForPath(route({ rules: [{ matches: [{ path: { type: "Exact", value: "/a" } }] }] }), "/b")).toBe(-1);
  });
});

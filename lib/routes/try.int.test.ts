import { randomBytes } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { parse as parseYAML, stringify as toYAML } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, accessTokenObject, adminToken, bearerCall, fleetKubeconfigText, freePort, registerFleetCluster, startConsole } from "../../test/support/console";
import { eventually, fleetClusters, kubectl, uniqueName } from "../../test/support/fleet";

// "Try it" against the built console and the fleet: who may try which route,
// the errors a caller can act on, and the measurement itself — through a
// gateway this test runs (it sees exactly what the console sends). The fleet's
// real Traefik is measured in routes.int.test.ts.

let con: ConsoleProcess;
let admin: string;
let dev: string;
const namespace = uniqueName("ph-try");
const run = randomBytes(2).toString("hex");
const own = `try-acme-${run}`;
const foreign = `try-globex-${run}`;
const devName = `dev-${run}`;

// ---- a gateway of our own: an echo responder per Host --------------------------------

interface Seen {
  host?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
}
const seen: Seen[] = [];
let inFlight = 0;
let maxInFlight = 0;
const PODS = [
  { pod: "web-v1-aaaaa", labels: { app: "web", version: "v1" }, image: "registry.local/shop/web:1.0.0" },
  { pod: "web-v1-bbbbb", labels: { app: "web", version: "v1" }, image: "registry.local/shop/web:1.0.0" },
  { pod: "web-v2-ccccc", labels: { app: "web" }, image: "registry.local/shop/web:2.0.0" },
];
let next = 0;
const gateway = http.createServer((req, res) => {
  seen.push({ host: req.headers.host, url: req.url, headers: req.headers });
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  res.on("close", () => (inFlight -= 1));
  const host = req.headers.host ?? "";
  if (host === "shop.example.test" || host.endsWith(".route.invalid")) {
    const p = PODS[next++ % PODS.length];
    const body = JSON.stringify({ ...p, namespace: own, ip: "10.0.0.1", port: 8080, host, path: req.url, method: req.method });
    // A little latency, so requests overlap and the concurrency bound shows.
    setTimeout(() => res.writeHead(200, { "content-type": "application/json", "x-pilothouse-pod": `${own}/${p.pod}` }).end(body), 15);
  } else if (host === "slow.example.test") {
    // Never answers: the console's per-request limit must.
  } else if (host === "big.example.test") {
    res.writeHead(200, { "content-type": "text/plain", "x-pilothouse-pod": `${own}/big-pod` });
    res.end("x".repeat(4 << 20));
  } else {
    res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found");
  }
});
let gatewayURL: string;

// ---- member-2 behind a TCP relay the test can cut (an outage without stopping the fleet) ----

const relaySockets = new Set<net.Socket>();
const relay = net.createServer((client) => {
  const m2 = new URL(fleetClusters().find((c) => c.name === "member-2")!.server);
  const upstream = net.connect(Number(m2.port), m2.hostname);
  for (const sock of [client, upstream]) {
    relaySockets.add(sock);
    sock.on("close", () => relaySockets.delete(sock));
    sock.on("error", () => undefined);
  }
  client.pipe(upstream).pipe(client);
});

function cutRelay() {
  relay.close();
  for (const sock of relaySockets) sock.destroy();
}

/** member-2's kubeconfig with its server at the relay (its certificate names 127.0.0.1, so TLS still verifies). */
function member2ViaRelay(): string {
  const kc = parseYAML(fleetKubeconfigText("member-2")) as { clusters: { cluster: { server: string } }[] };
  for (const c of kc.clusters) c.cluster.server = `https://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  return toYAML(kc);
}

// ---- helpers -------------------------------------------------------------------------

const tryIt = (token: string, body: unknown) => bearerCall(con.url, token, "POST", "/api/routes/try", body);

function ingress(ns: string, name: string, rule: { host?: string; path?: string }) {
  const backend = { service: { name: "web", port: { number: 80 } } };
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: ns },
    spec: { rules: [{ host: rule.host, http: { paths: [{ path: rule.path ?? "/", pathType: "Prefix", backend }] } }] },
  };
}

async function setGateway(cluster: string, url: string) {
  const r = await bearerCall(con.url, admin, "PATCH", `/api/clusters/${cluster}`, { gatewayURL: url });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  // The try-it handler reads the registration from this process's informer.
  await eventually(async () => ((await bearerCall(con.url, admin, "GET", `/api/clusters/${cluster}`)).body?.gatewayURL ?? "") === url, { what: `${cluster}'s gateway ${url || "cleared"}` });
}


beforeAll(async () => {
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  gatewayURL = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  con = await startConsole({ namespace });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, "member-1");
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const m2 = await bearerCall(con.url, admin, "POST", "/api/clusters", { source: "kubeconfig", name: "member-2", kubeconfig: member2ViaRelay() });
  expect(m2.status, JSON.stringify(m2.body)).toBe(201);
  const docs = [
    ...[
      [own, "acme"],
      [foreign, "globex"],
    ].map(([ns, t]) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": t } } })),
    ingress(own, "shop", { host: "shop.example.test", path: "/cart" }),
    ingress(own, "slow", { host: "slow.example.test" }),
    ingress(own, "big", { host: "big.example.test" }),
    ingress(own, "anyhost", { path: "/any" }),
    ingress(own, "unrouted", { host: "nowhere.example.test" }),
    ingress(foreign, "shop", { host: "shop.example.test" }),
  ];
  await kubectl("member-1", ["apply", "-f", "-"], { input: docs.map((d) => JSON.stringify(d)).join("\n---\n") });
  const ok = async (method: string, p: string, body: unknown) => {
    const r = await bearerCall(con.url, admin, method, p, body);
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await ok("POST", "/api/tenants", { name: "acme", clusters: ["member-1"] });
  await ok("POST", "/api/tenants", { name: "globex", clusters: ["member-1", "member-2"] });
  await ok("POST", "/api/users", { username: devName, password: "try-it-password-1" });
  await ok("POST", "/api/rolebindings", { subject: { kind: "User", name: devName }, role: "project-developer", scope: { type: "project", cluster: "member-1", namespace: own } });
  const t = accessTokenObject(namespace, devName);
  await kubectl("host", ["apply", "-f", "-"], { input: t.doc });
  dev = t.token;
  await eventually(async () => (await bearerCall(con.url, dev, "GET", "/api/session")).status === 200, { what: "the developer's token" });
  await setGateway("member-1", gatewayURL);
  await setGateway("member-2", "");
}, 240_000);

afterAll(async () => {
  await con?.stop();
  cutRelay();
  gateway.closeAllConnections();
  gateway.close();
  await kubectl("member-1", ["delete", "namespace", own, foreign, "--wait=false"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

// ---- the tests -----------------------------------------------------------------------

describe("input and access", () => {
  it("refuses bad input with 422 naming each field", async () => {
    const r = await tryIt(admin, { cluster: "member-1", namespace: "Shop", kind: "Service", name: "shop", requests: 500, path: "cart" });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.fields).toMatchObject({
      namespace: expect.stringMatching(/Not a namespace/),
      kind: expect.stringMatching(/HTTPRoute or Ingress/),
      requests: expect.stringMatching(/At most 200/),
      path: expect.stringMatching(/Start the path with \//),
    });
    const header = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "shop", path: "/a\r\nHost: evil" });
    expect(header.status).toBe(422);
    expect(header.body.error.fields.path).toMatch(/visible ASCII/);
    expect((await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress" })).body.error.fields.name).toMatch(/Enter the route name/);
  });

  it("tells that the cluster has no gateway address and who can set it", async () => {
    const r = await tryIt(admin, { cluster: "member-2", namespace: "globex-web", kind: "Ingress", name: "web" });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    expect(r.body.error.message).toMatch(/Cluster "member-2" has no gateway address/);
    expect(r.body.error.message).toMatch(/platform admin can set it in the cluster's settings/);
  });

  it("refuses a developer another tenant's namespace, on this cluster and on another, with 403", async () => {
    const before = seen.length;
    for (const [cluster, ns] of [
      ["member-1", foreign],
      ["member-2", "globex-web"],
    ]) {
      const r = await tryIt(dev, { cluster, namespace: ns, kind: "Ingress", name: "shop" });
      expect(r.status, JSON.stringify(r.body)).toBe(403);
      expect(r.body.error.message).toBe(`You may not get ingresses.networking.k8s.io in namespace "${ns}" on cluster "${cluster}", so you cannot try Ingress "shop".`);
    }
    const route = await tryIt(dev, { cluster: "member-1", namespace: foreign, kind: "HTTPRoute", name: "shop" });
    expect(route.status).toBe(403);
    expect(route.body.error.message).toMatch(/httproutes\.gateway\.networking\.k8s\.io/);
    // Nothing was sent for the refused requests.
    expect(seen.length).toBe(before);
  });

  it("answers 404 for a route or a cluster that is not there", async () => {
    const ingress = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "nope" });
    expect(ingress.status).toBe(404);
    expect(ingress.body.error.message).toBe(`Ingress "nope" was not found in namespace "${own}" on cluster "member-1".`);
    const route = await tryIt(dev, { cluster: "member-1", namespace: own, kind: "HTTPRoute", name: "nope" });
    expect(route.status).toBe(404);
    expect(route.body.error.message).toMatch(/HTTPRoute "nope" was not found/);
    const cluster = await tryIt(admin, { cluster: `nope-${run}`, namespace: own, kind: "Ingress", name: "shop" });
    expect(cluster.status).toBe(404);
    expect(cluster.body.error.message).toBe(`Cluster "nope-${run}" is not registered.`);
  });
});

describe("the measurement, through a gateway of the test's own", () => {
  it("lets a developer try a route of their project: host and path of the route, the split by pod", async () => {
    const before = seen.length;
    const r = await tryIt(dev, { cluster: "member-1", namespace: own, kind: "Ingress", name: "shop", requests: 30 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ gateway: gatewayURL, host: "shop.example.test", path: "/cart", sent: 30, answered: 30, failed: 0, statuses: { "200": 30 }, errors: [] });
    expect(r.body.backends).toEqual([
      { pod: "web-v1-aaaaa", namespace: own, version: "v1", image: "registry.local/shop/web:1.0.0", count: 10, percent: 33.3 },
      { pod: "web-v1-bbbbb", namespace: own, version: "v1", image: "registry.local/shop/web:1.0.0", count: 10, percent: 33.3 },
      { pod: "web-v2-ccccc", namespace: own, version: "2.0.0", image: "registry.local/shop/web:2.0.0", count: 10, percent: 33.3 },
    ]);
    expect(r.body.durationMs).toBeGreaterThan(0);
    const sent = seen.slice(before);
    expect(sent).toHaveLength(30);
    for (const s of sent) {
      expect(s.host).toBe("shop.example.test");
      expect(s.url).toBe("/cart");
      // Nothing of the caller's or the cluster's credentials goes to the gateway.
      expect(s.headers.authorization).toBeUndefined();
      expect(s.headers.cookie).toBeUndefined();
    }
  });

  it("sends the body's path, and a placeholder host for a route that matches any host", async () => {
    const before = seen.length;
    const r = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "anyhost", requests: 2, path: "/any/items?id=7" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ host: `anyhost.${own}.route.invalid`, path: "/any/items?id=7", answered: 2 });
    expect(seen.slice(before).map((s) => [s.host, s.url])).toEqual([
      [`anyhost.${own}.route.invalid`, "/any/items?id=7"],
      [`anyhost.${own}.route.invalid`, "/any/items?id=7"],
    ]);
    const prefix = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "anyhost", requests: 1 });
    expect(prefix.body.path).toBe("/any");
  });

  it("keeps at most 16 requests in flight", async () => {
    maxInFlight = 0;
    const r = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "shop", requests: 200 });
    expect(r.status).toBe(200);
    expect(r.body.answered).toBe(200);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(16);
  });

  it("gives up on an answer after 2 s and says so", async () => {
    const t0 = Date.now();
    const r = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "slow", requests: 20 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ sent: 20, answered: 0, failed: 20, backends: [], errors: ["no answer within 2 s"] });
    // 20 requests, 16 at a time: two rounds of 2 s, far below the run's 15 s.
    expect(Date.now() - t0).toBeLessThan(8_000);
  });

  it("reads at most 64 KiB of an answer and still counts it", async () => {
    const r = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "big", requests: 3 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ answered: 3, failed: 0, backends: [{ pod: "big-pod", namespace: own, version: null, image: null, count: 3, percent: 100 }] });
  });

  it("counts other answers by status and reports a gateway that refuses connections", async () => {
    const unrouted = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "unrouted", requests: 4 });
    expect(unrouted.status).toBe(200);
    // A gateway's own 404 is an answer; no pod named itself.
    expect(unrouted.body).toMatchObject({ host: "nowhere.example.test", sent: 4, answered: 4, failed: 0, statuses: { "404": 4 }, backends: [], errors: [] });
    const closed = `http://127.0.0.1:${await freePort()}`;
    await setGateway("member-1", closed);
    try {
      const r = await tryIt(admin, { cluster: "member-1", namespace: own, kind: "Ingress", name: "shop", requests: 5 });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ gateway: closed, sent: 5, answered: 0, failed: 5, statuses: {}, backends: [], errors: ["connection refused by the gateway"] });
    } finally {
      await setGateway("member-1", gatewayURL);
    }
  });

  it("answers a cluster's gateway only to those who see the cluster, and never its credentials", async () => {
    const view = await bearerCall(con.url, dev, "GET", "/api/clusters/member-1");
    expect(view.status).toBe(200);
    expect(view.body.gatewayURL).toBe(gatewayURL);
    expect((await bearerCall(con.url, dev, "GET", "/api/clusters/member-2")).status).toBe(404);
    const r = await tryIt(dev, { cluster: "member-1", namespace: own, kind: "Ingress", name: "shop", requests: 1 });
    const text = JSON.stringify(r.body);
    const kubeconfig = await kubectl("member-1", ["config", "view", "--raw", "--minify", "-o", "json"]);
    const user = JSON.parse(kubeconfig.stdout).users[0].user as Record<string, string>;
    for (const secret of Object.values(user)) expect(text).not.toContain(secret.slice(0, 40));
    expect(Object.keys(r.body).sort()).toEqual(["answered", "backends", "durationMs", "errors", "failed", "gateway", "host", "path", "sent", "statuses"]);
  });
});

describe("a cluster that stops answering", () => {
  it("fails within seconds with 503 naming the cluster", async () => {
    await setGateway("member-2", gatewayURL);
    const before = seen.length;
    cutRelay();
    const t0 = Date.now();
    const r = await tryIt(admin, { cluster: "member-2", namespace: "globex-web", kind: "Ingress", name: "web" });
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(r.status, JSON.stringify(r.body)).toBe(503);
    expect(r.body.error.code).toBe("unavailable");
    expect(r.body.error.message).toMatch(/^Cluster "member-2" is unreachable: .+\. Try again in a moment\.$/);
    // Without the route, nothing goes to the gateway.
    expect(seen.length).toBe(before);
  });
});

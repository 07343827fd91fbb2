import http from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, adminToken, bearerCall, bearerOk, projectDevelopers, registerFleetCluster, startConsole } from "../../test/support/console";
import { eventually, fleetClusters, kubectl, uniqueName } from "../../test/support/fleet";

// Routes on the fleet's real data plane: Traefik in member-1's network
// namespace, echo responders on the pods' IPs. Routes are written through the
// console's proxy as a project developer; traffic goes to the gateway address
// the fleet prints (127.0.0.1, forwarded into the namespace), and every answer
// names the pod that served it.

const run = randomBytes(2).toString("hex");
const namespace = uniqueName("ph-routes");
const own = `routes-acme-${run}`;
const foreign = `routes-globex-${run}`;
const untenanted = `routes-none-${run}`;
const devName = `route-dev-${run}`;
const otherName = `route-other-${run}`;
const GW = "gateway.networking.k8s.io/v1";

let con: ConsoleProcess;
let admin: string;
let dev: string;
let other: string;

const member1 = fleetClusters().find((c) => c.name === "member-1") as { gateway?: string } | undefined;
const gateway = member1?.gateway ?? "";

function echo(ns: string, name: string, version: string, replicas = 2) {
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: ns },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name, version, "fleet.pilothouse.dev/serve": "http" } },
          spec: {
            containers: [
              { name: "web", image: `registry.local/shop/web:${version}`, ports: [{ containerPort: 8080, name: "http" }], resources: { requests: { cpu: "10m", memory: "16Mi" } } },
            ],
          },
        },
      },
    },
    { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ name: "http", port: 80, targetPort: "http" }] } },
  ];
}

function httpRoute(ns: string, name: string, host: string, backends: [string, number][]) {
  return {
    apiVersion: GW,
    kind: "HTTPRoute",
    metadata: { name, namespace: ns },
    spec: {
      parentRefs: [{ name: "public", namespace: "pilothouse-gateway" }],
      hostnames: [host],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: backends.map(([svc, weight]) => ({ name: svc, port: 80, weight })) }],
    },
  };
}

const routesPath = (ns: string, name = "") => `/clusters/member-1/apis/${GW}/namespaces/${ns}/httproutes${name ? `/${name}` : ""}`;

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One request through the gateway: the serving pod ("ns/pod") or the status when no pod answered. */
function send(host: string, path = "/"): Promise<{ status: number; pod: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${gateway}${path}`, { agent, headers: { host }, timeout: 5_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, pod: String(res.headers["x-pilothouse-pod"] ?? "") }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from the gateway for ${host} in 5 s`)));
    req.on("error", reject);
  });
}

/** n requests, 16 at a time: counts by Deployment (the pod name's prefix), or by status when no pod answered. */
async function split(host: string, n: number, path = "/"): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) {
        next += 1;
        const r = await send(host, path);
        const key = r.pod ? r.pod.split("/")[1].replace(/-[a-z0-9]+-[a-z0-9]+$/, "") : `status ${r.status}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }),
  );
  return counts;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
async function parentConditions(token: string, ns: string, name: string): Promise<Condition[]> {
  const r = await bearerCall(con.url, token, "GET", routesPath(ns, name));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.status?.parents?.[0]?.conditions ?? []) as Condition[];
}
const condition = (cs: Condition[], type: string) => cs.find((c) => c.type === type);

/** Merge-patches a route's backend weights through the console as `token`. */
async function setWeights(token: string, ns: string, name: string, backends: [string, number][]) {
  const res = await fetch(`${con.url}${routesPath(ns, name)}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/merge-patch+json" },
    body: JSON.stringify({
      spec: { rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: backends.map(([svc, weight]) => ({ name: svc, port: 80, weight })) }] },
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

beforeAll(async () => {
  expect(gateway, "fleet.json names member-1's gateway (make fleet starts the data plane)").toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  con = await startConsole({ namespace });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, "member-1");
  await bearerOk(con.url, admin, "PATCH", "/api/clusters/member-1", { gatewayURL: gateway });
  const namespaces = [
    [own, "acme"],
    [foreign, "globex"],
  ].map(([ns, t]) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": t } } }));
  const docs = [...namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: untenanted } }, ...echo(own, "blue", "v1"), ...echo(own, "green", "v2"), ...echo(untenanted, "blue", "v1", 1)];
  await kubectl("member-1", ["apply", "-f", "-"], { input: docs.map((d) => JSON.stringify(d)).join("\n---\n") });
  [dev, other] = await projectDevelopers(con, admin, "member-1", [
    { user: devName, namespace: own },
    { user: otherName, namespace: foreign },
  ]);
  // Every echo pod scheduled, running and behind its Service.
  await eventually(
    async () => {
      const { stdout } = await kubectl("member-1", ["get", "endpointslices", "-n", own, "-o", "jsonpath={range .items[*]}{range .endpoints[*]}{.conditions.ready}{\"\\n\"}{end}{end}"]);
      return stdout.split("\n").filter((l) => l === "true").length >= 4;
    },
    { timeoutMs: 90_000, intervalMs: 500, what: "four ready endpoints behind blue and green" },
  );
}, 240_000);

afterAll(async () => {
  agent.destroy();
  await con?.stop();
  await kubectl("member-1", ["delete", "namespace", own, foreign, untenanted, "--wait=false"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("weighted backends through Traefik", () => {
  const host = `shop-${run}.example.test`;

  it("splits 1,000 requests 80/20 within ±5 points, then sends everything to blue after 100/0", async () => {
    const created = await bearerCall(con.url, dev, "POST", routesPath(own), httpRoute(own, "shop", host, [["blue", 80], ["green", 20]]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // The controller's own word, read back through the console.
    await eventually(
      async () => {
        const cs = await parentConditions(dev, own, "shop");
        return condition(cs, "Accepted")?.status === "True" && condition(cs, "ResolvedRefs")?.status === "True";
      },
      { timeoutMs: 30_000, what: "Traefik to accept the route" },
    );
    // The route is served once a request reaches a pod.
    await eventually(async () => (await send(host)).pod !== "", { timeoutMs: 30_000, intervalMs: 100, what: "the first answer through the gateway" });

    const counts = await split(host, 1000);
    expect(Object.keys(counts).sort(), JSON.stringify(counts)).toEqual(["blue", "green"]);
    expect(counts.blue + counts.green).toBe(1000);
    expect(Math.abs(counts.blue / 10 - 80), JSON.stringify(counts)).toBeLessThanOrEqual(5);

    const t0 = performance.now();
    await setWeights(dev, own, "shop", [
      ["blue", 100],
      ["green", 0],
    ]);
    // Converged when 50 requests in a row reach blue; the time that took is what the bench measures.
    let streak = 0;
    while (streak < 50) {
      expect(performance.now() - t0, "the new weights reach the gateway within 10 s").toBeLessThan(10_000);
      streak = (await send(host)).pod.startsWith(`${own}/blue-`) ? streak + 1 : 0;
    }
    const converged = performance.now() - t0;
    const after = await split(host, 200);
    expect(after, `converged in ${Math.round(converged)} ms`).toEqual({ blue: 200 });
  });

  it("shows ResolvedRefs=False with Traefik's reason for a backend whose Service does not exist", async () => {
    const created = await bearerCall(con.url, dev, "POST", routesPath(own), httpRoute(own, "broken", `broken-${run}.example.test`, [["nope", 1]]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const resolved = await eventually(
      async () => {
        const c = condition(await parentConditions(dev, own, "broken"), "ResolvedRefs");
        return c?.status === "False" ? c : undefined;
      },
      { timeoutMs: 30_000, what: "ResolvedRefs=False on the broken route" },
    );
    expect(resolved.reason).toBe("BackendNotFound");
    expect(resolved.message).toMatch(/nope/);
    // Gateway API: a rule whose backends are all invalid answers 500 — once Traefik has loaded the route,
    // which it does apart from (and may after) writing its status.
    const answered = await eventually(
      async () => {
        const status = (await send(`broken-${run}.example.test`)).status;
        return status === 404 ? undefined : status;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: "the broken route to be loaded by the gateway" },
    );
    expect(answered).toBe(500);
  });

  it("shows the gateway's reason when the route's namespace is not allowed to attach", async () => {
    const created = await bearerCall(con.url, admin, "POST", routesPath(untenanted), httpRoute(untenanted, "outside", `outside-${run}.example.test`, [["blue", 1]]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const accepted = await eventually(
      async () => {
        const c = condition(await parentConditions(admin, untenanted, "outside"), "Accepted");
        return c?.status === "False" ? c : undefined;
      },
      { timeoutMs: 30_000, what: "Accepted=False on the route outside any tenant" },
    );
    expect(accepted.reason).toBe("NotAllowedByListeners");
    expect((await send(`outside-${run}.example.test`)).status).toBe(404);
  });
});

describe("tenancy", () => {
  it("keeps another tenant's developer from reading, listing, changing or deleting the routes", async () => {
    await bearerOk(con.url, dev, "POST", routesPath(own), httpRoute(own, "private", `private-${run}.example.test`, [["blue", 1]]));
    for (const [method, p, body] of [
      ["GET", routesPath(own, "private"), undefined],
      ["GET", routesPath(own), undefined],
      ["PUT", routesPath(own, "private"), httpRoute(own, "private", `private-${run}.example.test`, [["green", 1]])],
      ["DELETE", routesPath(own, "private"), undefined],
      ["POST", routesPath(own), httpRoute(own, "intruder", `private-${run}.example.test`, [["green", 1]])],
    ] as const) {
      const r = await bearerCall(con.url, other, method, p, body);
      expect(r.status, `${method} ${p}`).toBe(403);
      expect(r.body).toMatchObject({ kind: "Status", status: "Failure", reason: "Forbidden", code: 403 });
    }
    // Their own project's list holds nothing of acme's.
    const mine = await bearerCall(con.url, other, "GET", routesPath(foreign));
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);
    // And the route is unchanged.
    const kept = await bearerCall(con.url, dev, "GET", routesPath(own, "private"));
    expect(kept.body.spec.rules[0].backendRefs[0].name).toBe("blue");
  });

  it("measures a route with try-it only for those who may read it", async () => {
    const body = { cluster: "member-1", namespace: own, kind: "HTTPRoute", name: "shop", requests: 40 };
    const refused = await bearerCall(con.url, other, "POST", "/api/routes/try", body);
    expect(refused.status).toBe(403);
    const r = await bearerCall(con.url, dev, "POST", "/api/routes/try", body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ gateway, host: `shop-${run}.example.test`, sent: 40, answered: 40, failed: 0 });
    expect(r.body.backends.length).toBeGreaterThan(0);
    for (const b of r.body.backends) expect(b).toMatchObject({ namespace: own, version: "v1", image: "registry.local/shop/web:v1" });
  });
});

describe("Ingress", () => {
  it("serves an Ingress of the traefik class and publishes the gateway's address in its status", async () => {
    const host = `ingress-${run}.example.test`;
    const ing = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "green", namespace: own },
      spec: {
        ingressClassName: "traefik",
        rules: [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "green", port: { name: "http" } } } }] } }],
      },
    };
    const created = await bearerCall(con.url, dev, "POST", `/clusters/member-1/apis/networking.k8s.io/v1/namespaces/${own}/ingresses`, ing);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await eventually(async () => (await send(host)).pod !== "", { timeoutMs: 30_000, intervalMs: 100, what: "Traefik to serve the Ingress" });
    expect(await split(host, 100)).toEqual({ green: 100 });
    const published = await eventually(
      async () => {
        const r = await bearerCall(con.url, dev, "GET", `/clusters/member-1/apis/networking.k8s.io/v1/namespaces/${own}/ingresses/green`);
        return r.body.status?.loadBalancer?.ingress?.[0];
      },
      { timeoutMs: 30_000, what: "the Ingress's published address" },
    );
    expect(published).toMatchObject({ ip: "127.0.0.1" });
  });
});

// Routes on the fleet's data plane: how long a weight change written through
// the console takes to show at the gateway. Each trial flips an HTTPRoute
// between 100/0 and 0/100 with a merge patch through the console's proxy, then
// sends requests through member-1's gateway one after another until 20 in a
// row reach the new backend; the time to the first of those 20 answers is the
// trial's convergence.
import http from "node:http";
import { type BenchContext, emit, kubectl, log, main, percentile, round } from "../lib/harness";

const GW = "gateway.networking.k8s.io/v1";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function echo(ns: string, name: string, version: string) {
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name, version, "fleet.pilothouse.dev/serve": "http" } },
          spec: { containers: [{ name: "web", image: `registry.local/bench/web:${version}`, ports: [{ containerPort: 8080, name: "http" }] }] },
        },
      },
    },
    { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ name: "http", port: 80, targetPort: "http" }] } },
  ];
}

const backends = (blue: number) => [
  { name: "blue", port: 80, weight: blue },
  { name: "green", port: 80, weight: 100 - blue },
];

async function routes(ctx: BenchContext) {
  const gateway = ctx.fleet.find((c) => c.name === "member-1")?.gateway;
  if (!gateway) throw new Error("fleet.json names no gateway for member-1: the fleet's data plane is not running");
  const ns = `bench-routes-${Date.now().toString(36)}`;
  const host = `${ns}.bench.example`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const served = () =>
    new Promise<string>((resolve, reject) => {
      const req = http.get(gateway, { agent, headers: { host }, timeout: 5_000 }, (res) => {
        res.resume();
        res.on("end", () => resolve(String(res.headers["x-pilothouse-pod"] ?? "")));
      });
      req.on("timeout", () => req.destroy(new Error("no answer from the gateway in 5 s")));
      req.on("error", reject);
    });
  const route = `${ctx.console.url}/clusters/member-1/apis/${GW}/namespaces/${ns}/httproutes/flip`;
  const patch = async (blue: number) => {
    const res = await fetch(route, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ctx.console.adminToken}`, "content-type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { rules: [{ backendRefs: backends(blue) }] } }),
    });
    if (res.status !== 200) throw new Error(`PATCH the route: ${res.status} ${await res.text()}`);
  };
  /** ms from `t0` to the first answer of 20 in a row from `target`. */
  const converge = async (t0: number, target: string) => {
    let streak = 0;
    let first = 0;
    while (streak < 20) {
      const pod = await served();
      const at = performance.now();
      if (at - t0 > 30_000) throw new Error(`the gateway did not switch to ${target} in 30 s`);
      if (pod.startsWith(`${ns}/${target}-`)) {
        if (streak++ === 0) first = at;
      } else streak = 0;
    }
    return first - t0;
  };

  const docs = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": "bench" } } },
    ...echo(ns, "blue", "v1"),
    ...echo(ns, "green", "v2"),
    {
      apiVersion: GW,
      kind: "HTTPRoute",
      metadata: { name: "flip", namespace: ns },
      spec: { parentRefs: [{ name: "public", namespace: "pilothouse-gateway" }], hostnames: [host], rules: [{ backendRefs: backends(100) }] },
    },
  ];
  await kubectl(ctx, "member-1", ["apply", "-f", "-"], docs.map((d) => JSON.stringify(d)).join("\n---\n"));
  try {
    log("waiting for Traefik to serve the route");
    await converge(performance.now(), "blue");
    // Green must be reachable too before timing: its pod may start later.
    await patch(0);
    await converge(performance.now(), "green");
    await patch(100);
    await converge(performance.now(), "blue");

    const trials = ctx.smoke ? 2 : 30;
    const times: number[] = [];
    let blue = 100;
    for (let i = 0; i < trials; i++) {
      blue = 100 - blue;
      const t0 = performance.now();
      await patch(blue);
      times.push(await converge(t0, blue ? "blue" : "green"));
      await sleep(200);
    }
    const detail = {
      trials,
      p50_ms: round(percentile(times, 50), 1),
      p95_ms: round(percentile(times, 95), 1),
      max_ms: round(Math.max(...times), 1),
      how: "merge-patch an HTTPRoute's weights 100/0 ⇄ 0/100 through the console's proxy, then requests through member-1's Traefik one at a time until 20 in a row reach the new backend; time to the first of those",
    };
    emit({ name: "route_weight_converge_ms", value: detail.p50_ms, unit: "ms", detail });
    emit({ name: "route_weight_converge_p95_ms", value: detail.p95_ms, unit: "ms", detail: { trials } });
  } finally {
    agent.destroy();
    await kubectl(ctx, "member-1", ["delete", "namespace", ns, "--wait=false"]).catch(() => undefined);
  }
}

void main(routes);

import http from "node:http";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  fleetClusters,
  kubeConfigFor,
  kubectl,
  make,
  uniqueName,
  type FleetCluster,
} from "../../test/support/fleet";

// Proves the local fleet is real Kubernetes: controllers reconcile, admission
// rejects, kwok runs pods and serves logs, Prometheus scrapes per cluster.

const clusters = fleetClusters();
const ns = uniqueName("fleet-it");

function core(cluster: string) {
  return kubeConfigFor(cluster).makeApiClient(k8s.CoreV1Api);
}
function apps(cluster: string) {
  return kubeConfigFor(cluster).makeApiClient(k8s.AppsV1Api);
}
function batch(cluster: string) {
  return kubeConfigFor(cluster).makeApiClient(k8s.BatchV1Api);
}

async function promQuery(c: FleetCluster, query: string) {
  const res = await fetch(`${c.prometheus}/api/v1/query?query=${encodeURIComponent(query)}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return body.data.result;
}

/** A GET with a Host header of our choosing (fetch does not let one set Host). */
function hostGet(url: string, host: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host }, timeout: 5_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url} in 5 s`)));
    req.on("error", reject);
  });
}

describe("local fleet", () => {
  beforeAll(async () => {
    await core("member-1").createNamespace({ body: { metadata: { name: ns } } });
  });
  afterAll(async () => {
    await core("member-1")
      .deleteNamespace({ name: ns })
      .catch(() => undefined);
  });

  it("has host, member-1 and member-2 with their own servers and Prometheus", () => {
    const names = clusters.map((c) => c.name);
    expect(names.slice(0, 3)).toEqual(["host", "member-1", "member-2"]);
    expect(new Set(clusters.map((c) => c.server)).size).toBe(clusters.length);
    expect(new Set(clusters.map((c) => c.prometheus)).size).toBe(clusters.length);
  });

  it.each(clusters.map((c) => c.name))("%s reports Kubernetes v1.37 and has ≥3 Ready nodes", async (name) => {
    const version = await kubeConfigFor(name).makeApiClient(k8s.VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\.37\.\d+$/);
    expect(version.minor).toBe("37");
    const nodes = await core(name).listNode();
    const ready = nodes.items.filter((n) =>
      n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
    );
    expect(ready.length).toBeGreaterThanOrEqual(3);
    // Nodes differ in zone and size, so scheduling and per-node charts mean something.
    const zones = new Set(nodes.items.map((n) => n.metadata?.labels?.["topology.kubernetes.io/zone"]));
    expect(zones.size).toBeGreaterThanOrEqual(3);
    const cpus = new Set(nodes.items.map((n) => n.status?.capacity?.cpu));
    expect(cpus.size).toBeGreaterThan(1);
  });

  it("runs a 3-replica Deployment to 3 Running pods within 60 s", async () => {
    await apps("member-1").createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: "web" },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
          },
        },
      },
    });
    const running = await eventually(
      async () => {
        const pods = await core("member-1").listNamespacedPod({ namespace: ns, labelSelector: "app=web" });
        const r = pods.items.filter((p) => p.status?.phase === "Running" && p.spec?.nodeName);
        return r.length === 3 ? r : undefined;
      },
      { timeoutMs: 60_000, what: "3 running pods" },
    );
    expect(running).toHaveLength(3);
    const dep = await apps("member-1").readNamespacedDeployment({ name: "web", namespace: ns });
    await eventually(async () => {
      const d = await apps("member-1").readNamespacedDeployment({ name: "web", namespace: ns });
      return d.status?.availableReplicas === 3;
    });
    expect(dep.metadata?.name).toBe("web");
  });

  it("computes ResourceQuota usage and rejects a pod over it", async () => {
    const qns = uniqueName("quota");
    await core("member-2").createNamespace({ body: { metadata: { name: qns } } });
    try {
      await core("member-2").createNamespacedResourceQuota({
        namespace: qns,
        body: { metadata: { name: "q" }, spec: { hard: { pods: "1", "requests.cpu": "500m" } } },
      });
      await eventually(async () => {
        const q = await core("member-2").readNamespacedResourceQuota({ name: "q", namespace: qns });
        return q.status?.used?.pods === "0";
      }, { what: "quota status.used" });
      const pod = (name: string, cpu: string): k8s.V1Pod => ({
        metadata: { name },
        spec: { containers: [{ name: "c", image: "busybox", resources: { requests: { cpu } } }] },
      });
      await core("member-2").createNamespacedPod({ namespace: qns, body: pod("fits", "200m") });
      const used = await eventually(async () => {
        const q = await core("member-2").readNamespacedResourceQuota({ name: "q", namespace: qns });
        return q.status?.used?.pods === "1" ? q.status.used : undefined;
      }, { what: "quota usage of one pod" });
      expect(used["requests.cpu"]).toBe("200m");
      const err = await core("member-2")
        .createNamespacedPod({ namespace: qns, body: pod("too-many", "100m") })
        .then(() => undefined, (e: unknown) => e as k8s.ApiException<string>);
      expect(err?.code).toBe(403);
      expect(String(err?.body)).toMatch(/exceeded quota: q/);
    } finally {
      await core("member-2").deleteNamespace({ name: qns });
    }
  });

  it("enforces a project node selector through PodNodeSelector admission", async () => {
    const sns = uniqueName("nodesel");
    await core("host").createNamespace({
      body: {
        metadata: {
          name: sns,
          annotations: { "scheduler.alpha.kubernetes.io/node-selector": "node-role.kubernetes.io/infra=" },
        },
      },
    });
    try {
      const created = await core("host").createNamespacedPod({
        namespace: sns,
        body: { metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "busybox" }] } },
      });
      expect(created.spec?.nodeSelector).toEqual({ "node-role.kubernetes.io/infra": "" });
      const scheduled = await eventually(async () => {
        const p = await core("host").readNamespacedPod({ name: "p", namespace: sns });
        return p.spec?.nodeName;
      }, { what: "pod scheduled" });
      expect(scheduled).toBe("host-infra-c");
      const conflict = await core("host")
        .createNamespacedPod({
          namespace: sns,
          body: {
            metadata: { name: "q" },
            spec: {
              nodeSelector: { "node-role.kubernetes.io/infra": "no" },
              containers: [{ name: "c", image: "busybox" }],
            },
          },
        })
        .then(() => undefined, (e: unknown) => e as k8s.ApiException<string>);
      expect(conflict?.code).toBe(403);
      expect(String(conflict?.body)).toMatch(/node selector conflicts|conflicts with its namespace/);
    } finally {
      await core("host").deleteNamespace({ name: sns });
    }
  });

  it("completes a namespace deletion", async () => {
    const dns = uniqueName("gone");
    await core("member-2").createNamespace({ body: { metadata: { name: dns } } });
    await core("member-2").createNamespacedConfigMap({
      namespace: dns,
      body: { metadata: { name: "cm" }, data: { a: "b" } },
    });
    await core("member-2").createNamespacedPod({
      namespace: dns,
      body: { metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "busybox" }] } },
    });
    await eventually(async () => {
      const p = await core("member-2").readNamespacedPod({ name: "p", namespace: dns });
      return p.status?.phase === "Running";
    });
    await core("member-2").deleteNamespace({ name: dns });
    const status = await eventually(
      async () =>
        core("member-2")
          .readNamespace({ name: dns })
          .then(() => undefined, (e: k8s.ApiException<unknown>) => (e.code === 404 ? "gone" : undefined)),
      { timeoutMs: 60_000, what: "namespace gone" },
    );
    expect(status).toBe("gone");
  });

  it("runs a Job to Complete", async () => {
    await batch("member-1").createNamespacedJob({
      namespace: ns,
      body: {
        metadata: { name: "once" },
        spec: {
          completions: 2,
          template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] } },
        },
      },
    });
    const job = await eventually(
      async () => {
        const j = await batch("member-1").readNamespacedJob({ name: "once", namespace: ns });
        return j.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True") ? j : undefined;
      },
      { timeoutMs: 60_000, what: "job Complete" },
    );
    expect(job.status?.succeeded).toBe(2);
  });

  it("serves simulated container logs to kubectl logs", async () => {
    const pods = await core("member-1").listNamespacedPod({ namespace: ns, labelSelector: "app=web" });
    const name = pods.items[0]?.metadata?.name;
    expect(name).toBeTruthy();
    const { stdout } = await kubectl("member-1", ["logs", "-n", ns, String(name), "--tail=5"]);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/HTTP\/1\.1|level=/);
    // Following streams new lines as they are written.
    const { stdout: followed } = await kubectl("member-1", ["logs", "-f", "-n", ns, String(name), "--tail=0"], {
      timeoutMs: 3_000,
    }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    expect(followed.trim().split("\n").length).toBeGreaterThanOrEqual(2);
  });

  it.each(clusters.map((c) => c.name))(
    "%s has its own Prometheus with CPU series of its own nodes only",
    async (name) => {
      const c = clusters.find((x) => x.name === name)!;
      const series = await eventually(
        async () => {
          const r = await promQuery(c, "node_cpu_usage_seconds_total");
          return r.length >= 3 ? r : undefined;
        },
        { timeoutMs: 60_000, what: `CPU series in ${name}'s Prometheus` },
      );
      for (const s of series) {
        expect(s.metric.cluster).toBe(name);
        expect(s.metric.node?.startsWith(`${name}-`)).toBe(true);
      }
      // The seeded workloads use CPU on some node of every cluster.
      await eventually(
        async () => (await promQuery(c, "node_cpu_usage_seconds_total > 0")).length > 0,
        { timeoutMs: 60_000, what: `non-zero CPU in ${name}` },
      );
      const ksm = await promQuery(c, 'kube_node_info');
      expect(ksm.length).toBeGreaterThanOrEqual(3);
      expect(ksm.every((s) => s.metric.node?.startsWith(`${name}-`))).toBe(true);
      const rules = await (await fetch(`${c.prometheus}/api/v1/rules`)).json() as {
        data: { groups: { rules: { name: string }[] }[] };
      };
      const alerts = rules.data.groups.flatMap((g) => g.rules.map((r) => r.name));
      expect(alerts).toEqual(expect.arrayContaining(["KubeNodeNotReady", "KubePodCrashLooping"]));
    },
  );

  it("gives every member a data plane: Traefik's Gateway programmed, serving pods answering with who they are", async () => {
    const members = clusters.filter((c) => c.name !== "host");
    for (const m of members) {
      expect(m.gateway, `${m.name}'s gateway in fleet.json`).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const { stdout } = await kubectl(m.name, ["get", "gateway", "-n", "pilothouse-gateway", "public", "-o", "jsonpath={.status.conditions[?(@.type=='Programmed')].status}"]);
      expect(stdout, `${m.name}'s Gateway Programmed (written by Traefik)`).toBe("True");
    }
    // A pod labelled to serve answers on its pod IP inside member-1's namespace, reached through a new HTTPRoute.
    const host = `${ns}.fleet.example`;
    const docs = [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": "fleet-it" } } },
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "echo", namespace: ns, labels: { app: "echo", version: "v9", "fleet.pilothouse.dev/serve": "http" } },
        spec: { containers: [{ name: "web", image: "registry.local/echo:9", ports: [{ containerPort: 9090 }] }] },
      },
      { apiVersion: "v1", kind: "Service", metadata: { name: "echo", namespace: ns }, spec: { selector: { app: "echo" }, ports: [{ port: 80, targetPort: 9090 }] } },
      {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "echo", namespace: ns },
        spec: { parentRefs: [{ name: "public", namespace: "pilothouse-gateway" }], hostnames: [host], rules: [{ backendRefs: [{ name: "echo", port: 80 }] }] },
      },
    ];
    await kubectl("member-1", ["apply", "-f", "-"], { input: docs.map((d) => JSON.stringify(d)).join("\n---\n") });
    const gateway = members.find((m) => m.name === "member-1")!.gateway!;
    const answer = await eventually(
      async () => {
        const res = await hostGet(`${gateway}/hello`, host);
        return res.status === 200 ? { pod: res.headers["x-pilothouse-pod"], body: JSON.parse(res.body) as Record<string, unknown> } : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: "the echo pod to answer through member-1's gateway" },
    );
    expect(answer.pod).toBe(`${ns}/echo`);
    expect(answer.body).toMatchObject({ pod: "echo", namespace: ns, image: "registry.local/echo:9", port: 9090, host, path: "/hello", method: "GET" });
    expect(answer.body.labels).toMatchObject({ version: "v9" });
    expect(String(answer.body.ip)).toMatch(/^10\.\d+\.\d+\.\d+$/);
    // The same host on member-2's gateway is not routed: each cluster has its own data plane.
    expect((await hostGet(`${members.find((m) => m.name === "member-2")!.gateway}/hello`, host)).status).toBe(404);
    const status = await make("fleet-status");
    expect(status).toMatch(/member-1\s+\S+\s+ok\s+ok\s+ok\s+http:\/\/127\.0\.0\.1:\d+\s+traefik ok\s+gateway Programmed\s+\d+ responder\(s\)\s+tekton ok/);
  });

  it("stops and starts one member's control plane while the others keep serving", async () => {
    const marker = uniqueName("survives");
    await core("member-2").createNamespacedConfigMap({
      namespace: "default",
      body: { metadata: { name: marker }, data: { k: "v" } },
    });
    await make("fleet-stop", { CLUSTER: "member-2" });
    try {
      const err = await core("member-2")
        .listNamespace()
        .then(() => undefined, (e: unknown) => e);
      expect(err).toBeDefined();
      for (const other of ["host", "member-1"]) {
        const t0 = performance.now();
        const nodes = await core(other).listNode();
        expect(nodes.items.length).toBeGreaterThanOrEqual(3);
        expect(performance.now() - t0).toBeLessThan(2_000);
      }
    } finally {
      await make("fleet-start", { CLUSTER: "member-2" });
    }
    const nodes = await core("member-2").listNode();
    expect(nodes.items.length).toBeGreaterThanOrEqual(3);
    // Data survived the outage.
    const cm = await core("member-2").readNamespacedConfigMap({ name: marker, namespace: "default" });
    expect(cm.data).toEqual({ k: "v" });
    await core("member-2").deleteNamespacedConfigMap({ name: marker, namespace: "default" });
  });
});

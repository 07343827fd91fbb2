import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { parse as parseYAML } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConsoleProcess,
  adminToken,
  projectDevelopers,
  registerFleetCluster,
  startConsole,
} from "../../test/support/console";
import { eventually, kubectl, kubectlBin, make, uniqueName } from "../../test/support/fleet";

// The /clusters/<c>/… proxy against the real fleet, driven by upstream kubectl:
// the same commands directly and through the console must give the same answers.

let con: ConsoleProcess;
let token: string;
let kubeconfigPath: string;
let caPEM: string;
const ns = uniqueName("proxy-it");

function viaConsole(context: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}) {
  return kubectl(context, args, { ...opts, kubeconfig: kubeconfigPath });
}

/** Raw HTTPS to the console (its own CA), for what kubectl cannot express. */
function raw(
  method: string,
  p: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // host/port/path options, not a URL string: a URL would normalise the path (%2e%2e → ..) before sending.
    const req = https.request({ hostname: "127.0.0.1", port: con.port, path: p, method, headers, ca: caPEM }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A streaming request to the console: the body so far, and a way to close it. */
function openStream(p: string, headers: Record<string, string>): Promise<{ status: number; text: () => string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ hostname: "127.0.0.1", port: con.port, path: p, headers, ca: caPEM }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString("utf8")));
      res.on("error", () => undefined);
      resolve({ status: res.statusCode ?? 0, text: () => body, close: () => req.destroy() });
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  con = await startConsole({ namespace: uniqueName("ph-proxy") });
  token = await adminToken(con);
  await registerFleetCluster(con, token, "member-1");
  await registerFleetCluster(con, token, "member-2");
  const res = await fetch(`${con.url}/api/kubeconfig`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  const dir = mkdtempSync(path.join(os.tmpdir(), "ph-kc-"));
  kubeconfigPath = path.join(dir, "kubeconfig");
  writeFileSync(kubeconfigPath, text);
  const doc = parseYAML(text) as { clusters: { name: string; cluster: { server: string; "certificate-authority-data": string } }[] };
  caPEM = Buffer.from(doc.clusters[0].cluster["certificate-authority-data"], "base64").toString("utf8");
  await kubectl("member-1", ["create", "namespace", ns]);
  // Wait until the console sees both members as Ready.
  await eventually(async () => {
    const r = await fetch(`${con.url}/api/clusters`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await r.json()) as { items: { name: string; health: { status: string } }[] };
    return ["host", "member-1", "member-2"].every((n) => body.items.find((c) => c.name === n)?.health.status === "Ready");
  }, { what: "clusters Ready in the console" });
}, 180_000);

afterAll(async () => {
  await kubectl("member-1", ["delete", "namespace", ns, "--wait=false"]).catch(() => undefined);
  await con?.stop();
});

describe("kubeconfig from the console", () => {
  it("has one context per cluster, pointing at the console over https with a token", () => {
    const doc = parseYAML(readFileSync(kubeconfigPath, "utf8")) as {
      clusters: { name: string; cluster: { server: string } }[];
      users: { name: string; user: { token: string } }[];
      contexts: { name: string; context: { cluster: string; user: string } }[];
    };
    expect(doc.contexts.map((c) => c.name).sort()).toEqual(["host", "member-1", "member-2"]);
    for (const c of doc.clusters) expect(c.cluster.server).toBe(`${con.httpsUrl}/clusters/${c.name}`);
    // Each context's token is the caller's, addressed to its cluster.
    for (const c of doc.contexts) expect(doc.users.find((u) => u.name === c.context.user)?.user.token).toBe(`${token}.${c.context.cluster}`);
  });

  it("`kubectl proxy` works without --append-server-path: root Kubernetes paths go to the token's cluster", async () => {
    // kubectl proxy drops the server URL's path (/clusters/<name>) and asks the console for /api/… at its root.
    const child = spawn(kubectlBin, ["proxy", "--port=0", "--context=member-2"], { env: { ...process.env, KUBECONFIG: kubeconfigPath } });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += String(d);
          const m = /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on("exit", (code) => reject(new Error(`kubectl proxy exited with ${code}`)));
      });
      const versions = (await (await fetch(`http://127.0.0.1:${port}/api/`)).json()) as { kind: string; versions: string[] };
      expect(versions).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
      // The cluster of the context: member-2's own namespaces, not member-1's.
      const nsNames = ((await (await fetch(`http://127.0.0.1:${port}/api/v1/namespaces`)).json()) as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);
      expect(nsNames).not.toContain(ns);
      const direct = await kubectl("member-2", ["get", "namespaces", "-o", "name"]);
      expect(nsNames.map((n) => `namespace/${n}`).sort()).toEqual(direct.stdout.trim().split("\n").sort());
    } finally {
      child.kill();
    }
    // Without an addressed token a root path is not the Kubernetes API.
    const plain = await fetch(`${con.url}/api/v1/namespaces`, { headers: { authorization: `Bearer ${token}` } });
    expect(plain.status).toBe(404);
  });
});

describe("proxy conformance with kubectl", () => {
  const same = [
    ["get", "nodes", "-o", "name"],
    ["get", "namespace", "kube-system", "-o", "jsonpath={.metadata.uid}"],
    ["get", "pods", "-n", "acme-shop", "-o", "name", "--sort-by=.metadata.name"],
    ["get", "deployment", "storefront", "-n", "acme-shop", "-o", "jsonpath={.spec.template.spec.containers[0].image}"],
    ["get", "--raw", "/version"],
    ["explain", "pod.spec.nodeName"],
    ["get", "resourcequota", "-n", "acme-shop", "-o", "jsonpath={.items[*].spec.hard}"],
  ];
  it.each(same.map((a) => [a.join(" "), a]))("member-1: kubectl %s", async (_label, args) => {
    const direct = await kubectl("member-1", args as string[]);
    const proxied = await viaConsole("member-1", args as string[]);
    expect(proxied.stdout).toBe(direct.stdout);
    expect(proxied.stdout.length).toBeGreaterThan(0);
  });

  it("api-resources lists the same resources (discovery)", async () => {
    const direct = await kubectl("host", ["api-resources", "-o", "name"]);
    const proxied = await viaConsole("host", ["api-resources", "-o", "name"]);
    expect(proxied.stdout.split("\n").sort()).toEqual(direct.stdout.split("\n").sort());
    expect(proxied.stdout).toMatch(/clusters\.pilothouse\.dev/);
  });

  it("apply (client- and server-side), patch, scale, rollout status, logs and delete", async () => {
    const dep = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`;
    await viaConsole("member-1", ["apply", "-f", "-"], { input: dep });
    const cm = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ssa","namespace":"${ns}"},"data":{"a":"1"}}`;
    const ssa = await viaConsole("member-1", ["apply", "--server-side", "--field-manager=it", "-f", "-"], { input: cm });
    expect(ssa.stdout).toMatch(/serverside-applied/);
    await viaConsole("member-1", ["patch", "configmap", "ssa", "-n", ns, "--type=merge", "-p", '{"data":{"b":"2"}}']);
    await viaConsole("member-1", ["patch", "configmap", "ssa", "-n", ns, "--type=json", "-p", '[{"op":"add","path":"/data/c","value":"3"}]']);
    const data = await kubectl("member-1", ["get", "configmap", "ssa", "-n", ns, "-o", "jsonpath={.data}"]);
    expect(JSON.parse(data.stdout)).toEqual({ a: "1", b: "2", c: "3" });
    await viaConsole("member-1", ["scale", "deployment/web", "-n", ns, "--replicas=3"]);
    const rollout = await viaConsole("member-1", ["rollout", "status", "deployment/web", "-n", ns, "--timeout=60s"], { timeoutMs: 70_000 });
    expect(rollout.stdout).toMatch(/successfully rolled out/);
    const logs = await viaConsole("member-1", ["logs", "deployment/web", "-n", ns, "--tail=3"]);
    expect(logs.stdout.trim().split("\n")).toHaveLength(3);
    const del = await viaConsole("member-1", ["delete", "configmap", "ssa", "-n", ns]);
    expect(del.stdout).toMatch(/deleted/);
  });

  it("streams logs -f as lines are written", async () => {
    const pod = (await kubectl("member-1", ["get", "pods", "-n", "acme-shop", "-l", "app=storefront", "-o", "jsonpath={.items[0].metadata.name}"])).stdout;
    const followed = await viaConsole("member-1", ["logs", "-f", "-n", "acme-shop", pod, "--tail=0"], { timeoutMs: 3_500 }).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout }),
    );
    expect(followed.stdout.trim().split("\n").length).toBeGreaterThanOrEqual(2);
  });

  it("runs exec through the upgrade path", async () => {
    const pod = (await kubectl("member-1", ["get", "pods", "-n", "acme-shop", "-l", "app=storefront", "-o", "jsonpath={.items[0].metadata.name}"])).stdout;
    const out = await viaConsole("member-1", ["exec", "-n", "acme-shop", pod, "--", "echo", "through-the-console"]);
    expect(out.stdout.trim()).toBe("through-the-console");
  });

  it("delivers watch events as they happen", async () => {
    const name = uniqueName("watched");
    const { spawn } = await import("node:child_process");
    const { kubectlBin } = await import("../../test/support/fleet");
    const w = spawn(kubectlBin, ["--context=member-1", "get", "configmaps", "-n", ns, "-w", "--output-watch-events"], {
      env: { ...process.env, KUBECONFIG: kubeconfigPath },
    });
    let seen = "";
    w.stdout.on("data", (d) => (seen += String(d)));
    try {
      await eventually(async () => seen.includes("kube-root-ca.crt"), { timeoutMs: 10_000, what: "initial list" });
      const t0 = Date.now();
      await kubectl("member-1", ["create", "configmap", name, "-n", ns, "--from-literal=k=v"]);
      await eventually(async () => new RegExp(`ADDED\\s+${name}\\s`).test(seen), { timeoutMs: 5_000, intervalMs: 20, what: "ADDED event" });
      expect(Date.now() - t0).toBeLessThan(2_000);
      await kubectl("member-1", ["delete", "configmap", name, "-n", ns]);
      await eventually(async () => new RegExp(`DELETED\\s+${name}\\s`).test(seen), { timeoutMs: 5_000, intervalMs: 20, what: "DELETED event" });
    } finally {
      w.kill();
    }
  });

  /** Watches of a resource in namespaces that member-1's apiserver is serving now (its own count). */
  const namespacedWatches = async (resource: string) => {
    const { stdout } = await kubectl("member-1", ["get", "--raw", "/metrics"]);
    const line = stdout.split("\n").find((l) => l.startsWith("apiserver_longrunning_requests{") && l.includes(`resource="${resource}"`) && l.includes('scope="namespace"') && l.includes('verb="WATCH"'));
    return Number(line?.split(" ").at(-1) ?? 0);
  };

  it("shares one upstream stream among identical watches and replays to a late joiner", async () => {
    const label = `share-${uniqueName("w")}`;
    const namespacedConfigMapWatches = () => namespacedWatches("configmaps");
    const list = await raw("GET", `/clusters/member-1/api/v1/namespaces/${ns}/configmaps?labelSelector=app%3D${label}`, { authorization: `Bearer ${token}` });
    const rv = (JSON.parse(list.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const before = await namespacedConfigMapWatches();
    const watchPath = `/clusters/member-1/api/v1/namespaces/${ns}/configmaps?watch=1&labelSelector=app%3D${label}&resourceVersion=${rv}`;
    const open = () => openStream(watchPath, { authorization: `Bearer ${token}`, accept: "application/json" });
    const watchers = await Promise.all(Array.from({ length: 5 }, open));
    try {
      expect(watchers.map((w) => w.status)).toEqual([200, 200, 200, 200, 200]);
      // Five watchers, one stream from the cluster.
      await eventually(async () => (await namespacedConfigMapWatches()) === before + 1, { what: "one upstream watch" });
      const created = await raw("POST", `/clusters/member-1/api/v1/namespaces/${ns}/configmaps`, { authorization: `Bearer ${token}`, "content-type": "application/json" }, JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: `${label}-a`, labels: { app: label } },
        data: { k: "v" },
      }));
      expect(created.status).toBe(201);
      for (const w of watchers) {
        await eventually(async () => w.text().includes(`"name":"${label}-a"`), { timeoutMs: 5_000, intervalMs: 20, what: "event on every watcher" });
      }
      // A watcher from the same revision, after the fact: the buffered event first, on the same stream.
      const late = await open();
      watchers.push(late);
      await eventually(async () => late.text().includes(`"name":"${label}-a"`), { timeoutMs: 5_000, intervalMs: 20, what: "replay for a late joiner" });
      expect(await namespacedConfigMapWatches()).toBe(before + 1);
      // Every watcher saw exactly one event, in the cluster's own encoding.
      for (const w of watchers) {
        const events = w.text().trim().split("\n").map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } });
        expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([`ADDED ${label}-a`]);
      }
    } finally {
      for (const w of watchers) w.close();
    }
    // The last watcher gone, the stream ends shortly after.
    await eventually(async () => (await namespacedConfigMapWatches()) === before, { timeoutMs: 15_000, what: "upstream watch closed" });
  });

  it("releases an unshared watch upstream as soon as its client goes away", async () => {
    const label = `gone-${uniqueName("w")}`;
    const secretWatches = () => namespacedWatches("secrets");
    const before = await secretWatches();
    // No resourceVersion: each watch is its own stream to the cluster.
    const open = () => openStream(`/clusters/member-1/api/v1/namespaces/${ns}/secrets?watch=1&labelSelector=app%3D${label}`, { authorization: `Bearer ${token}`, accept: "application/json" });
    const watchers = await Promise.all([open(), open(), open()]);
    try {
      expect(watchers.map((w) => w.status)).toEqual([200, 200, 200]);
      await eventually(async () => (await secretWatches()) === before + 3, { what: "three upstream watches" });
    } finally {
      for (const w of watchers) w.close();
    }
    await eventually(async () => (await secretWatches()) === before, { timeoutMs: 5_000, what: "upstream watches released" });
  });

  it("round-trips a 1 MiB ConfigMap", async () => {
    const big = "x".repeat(1024 * 1024 - 1024);
    const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big", namespace: ns }, data: { blob: big } });
    const created = await raw("POST", `/clusters/member-1/api/v1/namespaces/${ns}/configmaps`, {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
    }, body);
    expect(created.status).toBe(201);
    const got = await raw("GET", `/clusters/member-1/api/v1/namespaces/${ns}/configmaps/big`, { authorization: `Bearer ${token}` });
    expect(got.status).toBe(200);
    expect((JSON.parse(got.body) as { data: { blob: string } }).data.blob).toBe(big);
  });

  it("answers who-am-I and can-I for the console user, and strips Impersonate-*, X-Remote-* and X-Forwarded-*", async () => {
    const review = JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
    const plain = await raw("POST", "/clusters/member-1/apis/authentication.k8s.io/v1/selfsubjectreviews", {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
    }, review);
    expect(plain.status).toBe(201);
    const me = JSON.parse(plain.body).status.userInfo.username;
    // The console user, not the credentials the console holds for the cluster.
    expect(me).toBe("admin");
    const whoami = await viaConsole("member-1", ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"]);
    expect(whoami.stdout).toBe("admin");
    const smuggled = await raw("POST", "/clusters/member-1/apis/authentication.k8s.io/v1/selfsubjectreviews", {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "impersonate-user": "system:anonymous",
      "impersonate-group": "system:unauthenticated",
      "impersonate-extra-scopes": "x",
      "x-remote-user": "mallory",
      "x-forwarded-for": "10.6.6.6",
    }, review);
    expect(smuggled.status).toBe(201);
    expect(JSON.parse(smuggled.body).status.userInfo.username).toBe(me);
  });

  it("answers Kubernetes Status JSON for errors", async () => {
    const unknown = await raw("GET", "/clusters/nope/api/v1/pods", { authorization: `Bearer ${token}` });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ kind: "Status", code: 404, reason: "NotFound" });
    const anon = await raw("GET", "/clusters/member-1/api/v1/pods", {});
    expect(anon.status).toBe(401);
    expect(JSON.parse(anon.body)).toMatchObject({ kind: "Status", code: 401 });
    const traversal = await raw("GET", "/clusters/member-1/api/v1/namespaces/%2e%2e/pods", { authorization: `Bearer ${token}` });
    expect(traversal.status).toBe(400);
    const missing = await raw("GET", `/clusters/member-1/api/v1/namespaces/${ns}/configmaps/does-not-exist`, { authorization: `Bearer ${token}` });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ kind: "Status", reason: "NotFound" });
  });
});

describe("an unreachable member", () => {
  it("answers 503 within 5 s while another cluster keeps its latency", async () => {
    const time = async (cluster: string) => (await raw("GET", `/clusters/${cluster}/api/v1/namespaces/kube-system`, { authorization: `Bearer ${token}` })).ms;
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) baseline.push(await time("member-1"));
    await make("fleet-stop", { CLUSTER: "member-2" });
    try {
      const t0 = performance.now();
      const r = await raw("GET", "/clusters/member-2/api/v1/namespaces/kube-system", { authorization: `Bearer ${token}` });
      expect(performance.now() - t0).toBeLessThan(5_000);
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toMatchObject({ kind: "Status", code: 503 });
      expect(JSON.parse(r.body).message).toMatch(/cluster member-2 is unreachable/);
      // member-1 meanwhile, with member-2 requests in flight.
      const during: number[] = [];
      for (let i = 0; i < 20; i++) {
        const [m1] = await Promise.all([time("member-1"), time("member-2")]);
        during.push(m1);
      }
      const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      expect(p50(during)).toBeLessThan(p50(baseline) * 2 + 20);
      const health = await eventually(async () => {
        const body = (await (await fetch(`${con.url}/api/clusters/member-2`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          health: { status: string; lastError?: string };
        };
        return body.health.status === "Unreachable" ? body.health : undefined;
      }, { timeoutMs: 10_000, what: "member-2 Unreachable" });
      expect(health.lastError).toMatch(/refused|unreachable|reset/i);
    } finally {
      await make("fleet-start", { CLUSTER: "member-2" });
    }
    await eventually(async () => (await raw("GET", "/clusters/member-2/api/v1/namespaces/kube-system", { authorization: `Bearer ${token}` })).status === 200, {
      timeoutMs: 30_000,
      what: "member-2 back through the console",
    });
  });
});

describe("the cluster list a project developer gets", () => {
  const names = (items: { name: string }[]) => items.map((c) => c.name).sort();
  const get = async (dev: string, p: string) => {
    const r = await fetch(`${con.url}${p}`, { headers: { authorization: `Bearer ${dev}` } });
    expect(r.status, p).toBe(200);
    return (await r.json()) as { items: { name: string }[]; total?: number };
  };

  it("holds only the clusters of their places, in the whole list, its pages and filters, and the event stream", async () => {
    const [dev] = await projectDevelopers(con, token, "member-1", [{ user: uniqueName("dev-list"), namespace: ns }]);
    const whole = names((await get(dev, "/api/clusters")).items);
    expect(whole).toContain("member-1");
    expect(whole).not.toContain("member-2");
    // Filters and paging never reach past what the caller may see, however they are spelled.
    for (const q of ["?q=member-2", "?q=member", "?label=role%3Dhost", "?label=env", "?status=Ready&limit=1", "?q=%6Dember-2", "?cursor=member-1", "?cursor=a&limit=1", "?q=*"]) {
      const page = await get(dev, `/api/clusters${q}`);
      for (const n of names(page.items)) expect(whole, q).toContain(n);
      expect(names(page.items), q).not.toContain("member-2");
    }
    // The stream's first frame is the same list as GET /api/clusters.
    const ctl = new AbortController();
    const res = await fetch(`${con.url}/api/clusters/events`, { headers: { authorization: `Bearer ${dev}` }, signal: ctl.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("\n\n")) text += Buffer.from((await reader.read()).value ?? []).toString("utf8");
    ctl.abort();
    const frame = JSON.parse(text.slice(text.indexOf("data: ") + 6, text.indexOf("\n\n"))) as { items: { name: string }[] };
    expect(names(frame.items)).toEqual(whole);
  });
});

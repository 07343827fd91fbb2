import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { podLogPath } from "@/lib/k8s/kinds/pod";
import type { KubeList, KubeObject, WatchEvent } from "@/lib/k8s/types";
import { ADMIN_PASSWORD, type ConsoleProcess, type Session, adminToken, registerFleetCluster, signIn, startConsole } from "../../test/support/console";
import { eventually, kubectl, uniqueName } from "../../test/support/fleet";
import { ApiClientError, setCsrfToken } from "./api";
import { kubeGet, kubeLogs, kubeWatch, kubeWrite } from "./kube";

// The browser client end to end: a real console and fleet, the client's own
// code running in Node with a fetch that carries the signed-in session's
// cookie (as a browser would) and resolves the console's relative paths.

let con: ConsoleProcess;
let session: Session;
const realFetch = globalThis.fetch;
const ns = uniqueName("client-it");
const CLUSTER = "member-1";

type ConfigMap = KubeObject & { data?: Record<string, string> };
const configMaps = `/api/v1/namespaces/${ns}/configmaps`;
const configMap = (name: string, data: Record<string, string> = {}): ConfigMap => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns }, data });

/** The error a promise rejects with (fails when it resolves). */
async function refusal(p: Promise<unknown>): Promise<ApiClientError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiClientError);
  return e as ApiClientError;
}

beforeAll(async () => {
  con = await startConsole({ namespace: uniqueName("ph-client") });
  await registerFleetCluster(con, await adminToken(con), CLUSTER);
  session = await signIn(con.url, "admin", ADMIN_PASSWORD);
  globalThis.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", session.header());
    return realFetch(new URL(String(input), con.url), { ...init, headers });
  }) as typeof fetch;
  setCsrfToken(session.csrfToken);
  await kubectl(CLUSTER, ["create", "namespace", ns]);
  await eventually(() => kubeGet<KubeList>(CLUSTER, configMaps).catch(() => undefined), { what: `${CLUSTER} reachable through the console` });
}, 180_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  setCsrfToken(undefined);
  await kubectl(CLUSTER, ["delete", "namespace", ns, "--wait=false"]).catch(() => undefined);
  await con?.stop();
});

describe("writes", () => {
  it("a bad write is refused with the API server's message verbatim and its causes by field; nothing is stored", async () => {
    const bad = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "bad", namespace: ns },
      spec: {
        replicas: -1,
        selector: { matchLabels: { app: "bad" } },
        template: { metadata: { labels: { app: "bad" } }, spec: { containers: [{ name: "web" }] } },
      },
    };
    const e = await refusal(kubeWrite(CLUSTER, `/apis/apps/v1/namespaces/${ns}/deployments`, { method: "POST", body: bad }));
    expect(e.status).toBe(422);
    expect(e.code).toBe("Invalid");
    expect(e.message).toMatch(/^Deployment\.apps "bad" is invalid: /);
    expect(e.fields["spec.replicas"]).toMatch(/greater than or equal to 0/);
    expect(e.fields["spec.template.spec.containers[0].image"]).toMatch(/Required value/);
    expect(e.causes.length).toBeGreaterThanOrEqual(2);
    const got = await kubectl(CLUSTER, ["get", "deployment", "bad", "-n", ns, "--ignore-not-found", "-o", "name"]);
    expect(got.stdout.trim()).toBe("");
  });

  it("carries the session's CSRF token on writes: without it the proxy refuses", async () => {
    setCsrfToken(undefined);
    try {
      const e = await refusal(kubeWrite(CLUSTER, configMaps, { method: "POST", body: configMap("no-csrf") }));
      expect(e.status).toBe(403);
      expect(e.message).toMatch(/CSRF/);
    } finally {
      setCsrfToken(session.csrfToken);
    }
    // Reads need none.
    expect((await kubeGet<KubeList>(CLUSTER, configMaps)).items.map((o) => o.metadata.name)).not.toContain("no-csrf");
  });

  it("dry-runs, creates, patches in every dialect and deletes", async () => {
    const path = `${configMaps}/cm`;
    const dry = await kubeWrite<ConfigMap>(CLUSTER, configMaps, { method: "POST", body: configMap("cm", { a: "1" }), dryRun: true });
    expect(dry.metadata.name).toBe("cm");
    expect((await refusal(kubeGet(CLUSTER, path))).status).toBe(404);

    await kubeWrite(CLUSTER, configMaps, { method: "POST", body: configMap("cm", { a: "1" }) });
    await kubeWrite(CLUSTER, path, { method: "PATCH", patch: "merge", body: { data: { b: "2" } } });
    await kubeWrite(CLUSTER, path, { method: "PATCH", patch: "strategic", body: { data: { c: "3" } } });
    await kubeWrite(CLUSTER, path, { method: "PATCH", patch: "json", body: [{ op: "remove", path: "/data/a" }] });
    const applied = await kubeWrite<ConfigMap>(CLUSTER, path, { method: "PATCH", patch: "apply", body: configMap("cm", { d: "4" }), force: true });
    expect(applied.data).toEqual({ b: "2", c: "3", d: "4" });
    expect(applied.metadata.managedFields?.some((f) => (f as { manager?: string }).manager === "pilothouse")).toBe(true);

    // A stale resourceVersion: 409 with the server's words.
    const stale = { ...applied, metadata: { ...applied.metadata, resourceVersion: "1" } };
    const conflict = await refusal(kubeWrite(CLUSTER, path, { method: "PUT", body: stale }));
    expect([conflict.status, conflict.code]).toEqual([409, "Conflict"]);

    await kubeWrite(CLUSTER, path, { method: "DELETE" });
    expect((await refusal(kubeGet(CLUSTER, path))).status).toBe(404);
  });
});

describe("watches", () => {
  it("follows a collection from its list's resourceVersion: additions, changes and deletions arrive", async () => {
    const list = await kubeGet<KubeList<ConfigMap>>(CLUSTER, configMaps);
    const seen: WatchEvent<ConfigMap>[] = [];
    const ac = new AbortController();
    const done = kubeWatch<ConfigMap>(CLUSTER, configMaps, { resourceVersion: list.metadata.resourceVersion, signal: ac.signal, onEvent: (e) => seen.push(e) });
    const names = () => seen.filter((e) => e.type !== "BOOKMARK").map((e) => `${e.type} ${(e.object as ConfigMap).metadata.name}`);

    await kubeWrite(CLUSTER, configMaps, { method: "POST", body: configMap("watched", { v: "1" }) });
    await kubeWrite(CLUSTER, `${configMaps}/watched`, { method: "PATCH", patch: "merge", body: { data: { v: "2" } } });
    await kubeWrite(CLUSTER, `${configMaps}/watched`, { method: "DELETE" });
    await eventually(async () => names().includes("DELETED watched"), { timeoutMs: 20_000, what: "the watch's events" });
    expect(names()).toEqual(["ADDED watched", "MODIFIED watched", "DELETED watched"]);
    expect((seen.find((e) => e.type === "MODIFIED")?.object as ConfigMap).data).toEqual({ v: "2" });

    ac.abort();
    await expect(done).rejects.toThrow();
  });

  it("reports a resourceVersion too old to resume as ApiClientError 410", async () => {
    const e = await refusal(kubeWatch(CLUSTER, configMaps, { resourceVersion: "1", onEvent: () => undefined }));
    expect(e.status).toBe(410);
    expect(e.message).toMatch(/too old resource version/);
  });
});

describe("logs", () => {
  // The fleet's log generator (hack/fleet/cmd/fleetctl/loggen.go) writes access lines and, one in twelve, a warning on stderr.
  const GENERATED_LINE = /^\S+ - - "[A-Z]+ \S+ HTTP\/1\.1" \d{3} \d+ [\d.]+$|^level=warn msg="upstream slow" upstream=db-0 latency_ms=\d+$/;
  let pod: string;
  beforeAll(async () => {
    const pods = await kubeGet<KubeList>(CLUSTER, "/api/v1/namespaces/acme-shop/pods?labelSelector=app%3Dstorefront");
    pod = pods.items[0]?.metadata.name ?? "";
    expect(pod).not.toBe("");
  });

  it("streams a pod's log line by line", async () => {
    const lines: string[] = [];
    for await (const line of await kubeLogs(CLUSTER, podLogPath("acme-shop", pod, { tailLines: 3 }))) lines.push(line);
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(GENERATED_LINE);
  });

  it("follows a log until aborted", async () => {
    const ac = new AbortController();
    const lines = await kubeLogs(CLUSTER, podLogPath("acme-shop", pod, { follow: true, tailLines: 2 }), ac.signal);
    const first = await lines.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatch(GENERATED_LINE);
    ac.abort();
    await expect(
      (async () => {
        for await (const _ of lines) void _;
      })(),
    ).rejects.toThrow();
  });

  it("refuses a log that does not exist with the Status message", async () => {
    const e = await refusal(kubeLogs(CLUSTER, podLogPath("acme-shop", pod, { container: "no-such-container" })));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/container no-such-container is not valid/);
  });
});

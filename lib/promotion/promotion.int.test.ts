import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, adminToken, bearerCall, bearerOk, projectDevelopers, registerFleetCluster, startConsole } from "../../test/support/console";
import { eventually, kubectl, uniqueName } from "../../test/support/fleet";

// Promotion through the console on the fleet: a lane dev (member-1) → test →
// prod (member-2, approval required). Promoting patches only the image of the
// stage's container, as the caller; without update rights in the target it is
// refused; an approval gate holds until someone else with rights approves;
// a promotion can be rolled back; the lane shows what runs where and the run
// that built it (a real PipelineRun on member-1's Tekton).

const run = randomBytes(2).toString("hex");
const namespace = uniqueName("ph-promotion");
const devNs = `promo-dev-${run}`;
const testNs = `promo-test-${run}`;
const prodNs = `promo-prod-${run}`;
const lane = `shop-${run}`;
const DEV_IMAGE = `registry.local/shop:build-${run}`;
const OLD_IMAGE = "registry.local/shop:1.0.0";
// What the fleet's kwok reports as the image ID of its pods: one "registry" for builds and stages.
const DIGEST = `sha256:${createHash("sha256").update(DEV_IMAGE).digest("hex")}`;

let con: ConsoleProcess;
let admin: string;
/** Developer in dev and test; nothing in prod. */
let dev: string;
/** Developer in test and prod: asks for prod promotions. */
let releaser: string;
/** Developer in prod: approves. */
let approver: string;

interface Container {
  name: string;
  image: string;
}
interface Deployment {
  metadata: { generation: number; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { replicas: number; template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } } };
}

const deployment = (ns: string, image: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "shop", namespace: ns, labels: { app: "shop" } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "shop" } },
    template: {
      metadata: { labels: { app: "shop" } },
      spec: {
        containers: [
          { name: "proxy", image: "registry.local/envoy:1.31", resources: { requests: { cpu: "10m" } } },
          { name: "shop", image, env: [{ name: "MODE", value: ns }], resources: { requests: { cpu: "10m" } } },
        ],
      },
    },
  },
});

async function read(cluster: string, ns: string): Promise<Deployment> {
  return JSON.parse((await kubectl(cluster, ["get", "deployment", "shop", "-n", ns, "-o", "json"])).stdout) as Deployment;
}
const imageOf = (d: Deployment, c = "shop") => d.spec.template.spec.containers.find((x) => x.name === c)!.image;
const promote = (token: string, from: string, to: string, extra: Record<string, unknown> = {}) => bearerCall(con.url, token, "POST", "/api/promotions", { lane, from, to, ...extra });
const act = (token: string, name: string, action: string) => bearerCall(con.url, token, "POST", `/api/promotions/${name}`, { action });

beforeAll(async () => {
  con = await startConsole({ namespace });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, "member-1");
  await registerFleetCluster(con, admin, "member-2");
  await bearerOk(con.url, admin, "POST", "/api/tenants", { name: "acme", clusters: ["member-1", "member-2"] });
  const ns = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "pilothouse.dev/tenant": "acme" } } });
  await kubectl("member-1", ["apply", "-f", "-"], { input: [ns(devNs), deployment(devNs, DEV_IMAGE)].map((d) => JSON.stringify(d)).join("\n---\n") });
  await kubectl("member-2", ["apply", "-f", "-"], {
    input: [ns(testNs), ns(prodNs), deployment(testNs, OLD_IMAGE), deployment(prodNs, OLD_IMAGE)].map((d) => JSON.stringify(d)).join("\n---\n"),
  });
  [dev] = await projectDevelopers(con, admin, "member-1", [{ user: `promo-dev-${run}`, namespace: devNs }]);
  [releaser, approver] = await projectDevelopers(con, admin, "member-2", [
    { user: `promo-rel-${run}`, namespace: prodNs },
    { user: `promo-ok-${run}`, namespace: prodNs },
  ]);
  for (const [user, cluster, ns] of [
    [`promo-dev-${run}`, "member-2", testNs],
    [`promo-rel-${run}`, "member-2", testNs],
  ]) {
    await bearerOk(con.url, admin, "POST", "/api/rolebindings", { subject: { kind: "User", name: user }, role: "project-developer", scope: { type: "project", cluster, namespace: ns } });
  }
  // The run that built the dev image, on member-1's Tekton (its results as the fleet plays them).
  const built = await bearerCall(con.url, dev, "POST", `/clusters/member-1/apis/tekton.dev/v1/namespaces/${devNs}/pipelineruns`, {
    apiVersion: "tekton.dev/v1",
    kind: "PipelineRun",
    metadata: {
      name: `build-${run}`,
      annotations: { "sim.pilothouse.dev/step-duration": "200ms", "sim.pilothouse.dev/result-image": DEV_IMAGE, "sim.pilothouse.dev/result-digest": DIGEST },
    },
    spec: {
      pipelineSpec: {
        results: [
          { name: "image", value: "$(tasks.build.results.image)" },
          { name: "digest", value: "$(tasks.build.results.digest)" },
        ],
        tasks: [
          {
            name: "build",
            taskSpec: {
              results: [{ name: "image" }, { name: "digest" }],
              steps: [{ name: "push", image: "registry.local/tools:1", script: "echo -n $IMAGE > $(results.image.path)" }],
            },
          },
        ],
      },
    },
  });
  expect(built.status, JSON.stringify(built.body)).toBe(201);
  await eventually(
    async () => {
      const r = await bearerCall(con.url, dev, "GET", `/clusters/member-1/apis/tekton.dev/v1/namespaces/${devNs}/pipelineruns/build-${run}`);
      return (r.body.status?.results ?? []).some((x: { name: string }) => x.name === "digest");
    },
    { timeoutMs: 60_000, what: "the build run's results" },
  );
}, 240_000);

afterAll(async () => {
  await con?.stop();
  await kubectl("member-1", ["delete", "namespace", devNs, "--wait=false"]).catch(() => undefined);
  await kubectl("member-2", ["delete", "namespace", testNs, prodNs, "--wait=false"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("promotion lanes", () => {
  const stages = [
    { name: "dev", cluster: "member-1", namespace: devNs, workload: "shop", container: "shop" },
    { name: "test", cluster: "member-2", namespace: testNs, workload: "shop", container: "shop" },
    { name: "prod", cluster: "member-2", namespace: prodNs, workload: "shop", container: "shop", requireApproval: true },
  ];

  it("are defined by tenant admins, not by developers", async () => {
    const refused = await bearerCall(con.url, dev, "POST", "/api/lanes", { name: lane, tenant: "acme", stages });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    const made = await bearerCall(con.url, admin, "POST", "/api/lanes", { name: lane, tenant: "acme", displayName: "Shop", stages });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ name: lane, tenant: "acme", displayName: "Shop", canEdit: true });
    expect(made.body.stages.map((s: { requireApproval: boolean }) => s.requireApproval)).toEqual([false, false, true]);
    const again = await bearerCall(con.url, admin, "POST", "/api/lanes", { name: lane, tenant: "acme", stages });
    expect(again.status).toBe(409);
    const seen = await bearerCall(con.url, dev, "GET", "/api/lanes");
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((l: { name: string }) => l.name)).toContain(lane);
    expect(seen.body.items.find((l: { name: string }) => l.name === lane).canEdit).toBe(false);
    expect(seen.body.canCreateIn).toEqual([]);
  });

  it("show what each stage runs, as the caller may see it, with the run that built it", async () => {
    const r = await bearerCall(con.url, dev, "GET", `/api/lanes/${lane}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [d, t, p] = r.body.stages;
    expect(d).toMatchObject({ name: "dev", canRead: true, canPromote: true, image: { ref: DEV_IMAGE, repository: "registry.local/shop", tag: `build-${run}`, digest: DIGEST } });
    expect(d.runs).toEqual([expect.objectContaining({ cluster: "member-1", namespace: devNs, name: `build-${run}`, status: "Succeeded" })]);
    expect(t).toMatchObject({ name: "test", canRead: true, canPromote: true, image: { ref: OLD_IMAGE, tag: "1.0.0" }, runs: [] });
    // No rights in prod: nothing of it is read.
    expect(p).toMatchObject({ name: "prod", canRead: false, canPromote: false, requireApproval: true });
    expect(p.image).toBeUndefined();
    expect(p.error).toMatch(/may not get deployments/);
  });

  it("promotes dev → test by patching only the image of the stage's container", async () => {
    const before = await read("member-2", testNs);
    const r = await promote(dev, "dev", "test", { expectImage: DEV_IMAGE });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ lane, from: "dev", to: "test", container: "shop", image: DEV_IMAGE, previousImage: OLD_IMAGE, phase: "Promoted", requestedBy: `promo-dev-${run}` });
    const after = await read("member-2", testNs);
    expect(imageOf(after)).toBe(DEV_IMAGE);
    // Everything else as it was: the other container, env, labels, replicas.
    const strip = (x: Deployment) => ({ ...x.spec, template: { ...x.spec.template, spec: { ...x.spec.template.spec, containers: x.spec.template.spec.containers.map((c) => ({ ...c, image: c.name === "shop" ? "·" : c.image })) } } });
    expect(strip(after)).toEqual(strip(before));
    expect(after.metadata.labels).toEqual(before.metadata.labels);
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
    const again = await promote(dev, "dev", "test");
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already runs/);
  });

  it("refuses what the lane does not allow: skipping a stage, a changed source, no rights in the target", async () => {
    const skip = await promote(dev, "dev", "prod");
    expect(skip.status).toBe(422);
    expect(skip.body.error.fields.to).toMatch(/stage after it, "test"/);
    const stale = await promote(dev, "test", "prod", { expectImage: OLD_IMAGE });
    expect(stale.status).toBe(403);
    const changed = await promote(releaser, "test", "prod", { expectImage: OLD_IMAGE });
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toMatch(/runs .* now, not/);
    // The developer has no rights in prod: 403, and prod is untouched.
    const refused = await promote(dev, "test", "prod");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/update deployments\.apps in namespace "promo-prod-/);
    expect(imageOf(await read("member-2", prodNs))).toBe(OLD_IMAGE);
  });

  let held: string;
  it("holds a promotion into prod until someone else with rights there approves it", async () => {
    const r = await promote(releaser, "test", "prod");
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ phase: "WaitingApproval", image: DEV_IMAGE, previousImage: OLD_IMAGE });
    held = r.body.name;
    expect(imageOf(await read("member-2", prodNs))).toBe(OLD_IMAGE);
    // One request at a time per stage.
    expect((await promote(releaser, "test", "prod")).status).toBe(409);
    const own = await act(releaser, held, "approve");
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/someone else/);
    const noRights = await act(dev, held, "approve");
    expect(noRights.status).toBe(403);
    expect(imageOf(await read("member-2", prodNs))).toBe(OLD_IMAGE);
    const ok = await act(approver, held, "approve");
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ phase: "Promoted", approvedBy: `promo-ok-${run}`, requestedBy: `promo-rel-${run}` });
    const prod = await read("member-2", prodNs);
    expect(imageOf(prod)).toBe(DEV_IMAGE);
    expect(imageOf(prod, "proxy")).toBe("registry.local/envoy:1.31");
    expect((await act(approver, held, "approve")).status).toBe(409);
  });

  it("rolls a promotion back to the image it replaced, and records it", async () => {
    const r = await act(approver, held, "rollback");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ phase: "RolledBack", rolledBackBy: `promo-ok-${run}` });
    expect(imageOf(await read("member-2", prodNs))).toBe(OLD_IMAGE);
    expect((await act(approver, held, "rollback")).status).toBe(409);
  });

  it("rejects a held promotion without touching the target, and keeps the history newest first", async () => {
    const r = await promote(releaser, "test", "prod");
    expect(r.status).toBe(201);
    const rejected = await act(approver, r.body.name, "reject");
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ phase: "Rejected", rejectedBy: `promo-ok-${run}` });
    expect(imageOf(await read("member-2", prodNs))).toBe(OLD_IMAGE);
    const state = await bearerCall(con.url, approver, "GET", `/api/lanes/${lane}`);
    expect(state.body.promotions.map((x: { to: string; phase: string }) => `${x.to}:${x.phase}`)).toEqual(["prod:Rejected", "prod:RolledBack", "test:Promoted"]);
  });

  it("are nothing to another tenant's developer: not listed, not readable, not promotable, no action on their history", async () => {
    const [outsider] = await projectDevelopers(con, admin, "member-1", [{ user: `promo-out-${run}`, namespace: `promo-out-${run}` }]);
    await bearerOk(con.url, admin, "POST", "/api/tenants", { name: "globex", clusters: ["member-1"] }).catch(() => undefined);
    expect((await bearerCall(con.url, outsider, "GET", "/api/lanes")).body.items.map((l: { name: string }) => l.name)).not.toContain(lane);
    expect((await bearerCall(con.url, outsider, "GET", `/api/lanes/${lane}`)).status).toBe(404);
    expect((await bearerCall(con.url, outsider, "GET", `/api/lanes?tenant=acme`)).body.items).toEqual([]);
    expect((await promote(outsider, "dev", "test")).status).toBe(404);
    expect((await bearerCall(con.url, outsider, "POST", "/api/lanes", { name: `steal-${run}`, tenant: "acme", stages })).status).toBe(404);
    expect((await bearerCall(con.url, outsider, "PUT", `/api/lanes/${lane}`, { stages })).status).toBe(404);
    expect((await act(outsider, held, "rollback")).status).toBe(404);
    // Encoded names reach nothing else: a path segment that is not a lane name is just an unknown lane.
    expect((await bearerCall(con.url, outsider, "GET", `/api/lanes/${encodeURIComponent(`${lane}/../x`)}`)).status).toBe(404);
    expect(imageOf(await read("member-2", prodNs))).toBe(OLD_IMAGE);
  });

  it("goes away with its history when deleted", async () => {
    expect((await bearerCall(con.url, dev, "DELETE", `/api/lanes/${lane}`)).status).toBe(403);
    expect((await bearerCall(con.url, admin, "DELETE", `/api/lanes/${lane}`)).status).toBe(204);
    expect((await bearerCall(con.url, admin, "GET", `/api/lanes/${lane}`)).status).toBe(404);
    await eventually(async () => JSON.parse((await kubectl("host", ["get", "promotions.pilothouse.dev", "-n", namespace, "-o", "json"])).stdout).items.length === 0, {
      what: "the lane's promotions to go",
    });
  });
});

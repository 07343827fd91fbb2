import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, adminToken, bearerCall, projectDevelopers, registerFleetCluster, startConsole } from "../../test/support/console";
import { eventually, kubectl, uniqueName } from "../../test/support/fleet";

// Pipelines through the console on member-1's real Tekton controller: a
// project developer creates a pipeline through the proxy, starts it through
// the console (params checked against the pipeline first, who started it
// recorded by the console), starts it again with other params, and cancels a
// run; another tenant's developer can do none of it.

const run = randomBytes(2).toString("hex");
const namespace = uniqueName("ph-pipelines");
const own = `pipes-acme-${run}`;
const foreign = `pipes-globex-${run}`;
const devName = `pipe-dev-${run}`;
const otherName = `pipe-other-${run}`;
const TK = "tekton.dev/v1";

let con: ConsoleProcess;
let admin: string;
let dev: string;
let other: string;

interface Condition {
  type: string;
  status: string;
  reason?: string;
}
interface Run {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { params?: { name: string; value: unknown }[]; status?: string };
  status?: { conditions?: Condition[]; results?: { name: string; value: unknown }[]; childReferences?: { name: string; pipelineTaskName: string }[] };
}

const runsPath = (ns: string, name = "") => `/clusters/member-1/apis/${TK}/namespaces/${ns}/pipelineruns${name ? `/${name}` : ""}`;
const step = (name: string, script: string) => ({ name, image: "registry.local/tools:1", script });

// clone → build (reads clone's commit), the image as the pipeline's result.
const pipeline = (ns: string, name = "ship", stepDuration = "300ms") => ({
  apiVersion: TK,
  kind: "Pipeline",
  // clone's commit result, as the fleet plays it (Tekton copies the pipeline's annotations to its TaskRuns and pods).
  metadata: { name, namespace: ns, annotations: { "sim.pilothouse.dev/step-duration": stepDuration, "sim.pilothouse.dev/result-commit": "9f2c1e7" } },
  spec: {
    params: [
      { name: "revision", type: "string", default: "main" },
      { name: "image", type: "string", description: "Where to push" },
      { name: "tags", type: "array", default: ["latest"] },
    ],
    results: [{ name: "image", value: "$(tasks.build.results.image)" }],
    tasks: [
      {
        name: "clone",
        params: [{ name: "revision", value: "$(params.revision)" }],
        taskSpec: { params: [{ name: "revision", type: "string" }], results: [{ name: "commit", type: "string" }], steps: [step("fetch", "git clone --branch $(params.revision) .")] },
      },
      {
        name: "build",
        params: [
          { name: "commit", value: "$(tasks.clone.results.commit)" },
          { name: "image", value: "$(params.image)" },
        ],
        taskSpec: {
          params: [
            { name: "commit", type: "string" },
            { name: "image", type: "string" },
          ],
          results: [{ name: "image", type: "string" }],
          steps: [step("push", "echo -n $(params.image) > $(results.image.path)")],
        },
      },
    ],
  },
});

const succeeded = (r: Run) => r.status?.conditions?.find((c) => c.type === "Succeeded");

function finished(name: string, timeoutMs = 60_000) {
  return eventually(
    async () => {
      const r = await bearerCall(con.url, dev, "GET", runsPath(own, name));
      const c = succeeded(r.body as Run);
      return c && c.status !== "Unknown" ? (r.body as Run) : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `run ${name} to finish` },
  );
}

/** The run's TaskRuns by pipeline task, through the console. */
async function taskRunsOf(run: string): Promise<Record<string, Run & { spec: { params?: { name: string; value: unknown }[] }; status?: { podName?: string } }>> {
  const r = await bearerCall(con.url, dev, "GET", `/clusters/member-1/apis/${TK}/namespaces/${own}/taskruns?labelSelector=${encodeURIComponent(`tekton.dev/pipelineRun=${run}`)}`);
  expect(r.status).toBe(200);
  return Object.fromEntries((r.body.items as (Run & { metadata: { labels?: Record<string, string> } })[]).map((t) => [t.metadata.labels?.["tekton.dev/pipelineTask"] ?? t.metadata.name, t]));
}

/** A step's log through the console's proxy, as the run page reads it. */
async function stepLog(pod: string, container: string): Promise<string> {
  const res = await fetch(`${con.url}/clusters/member-1/api/v1/namespaces/${own}/pods/${pod}/log?container=${container}`, { headers: { authorization: `Bearer ${dev}` } });
  expect(res.status).toBe(200);
  return res.text();
}

const start = (token: string, body: Record<string, unknown>) => bearerCall(con.url, token, "POST", "/api/pipelineruns", { cluster: "member-1", ...body });

beforeAll(async () => {
  // Sweeps every second: finished runs' logs kept, runs beyond the project's retention pruned.
  con = await startConsole({ namespace, env: { PILOTHOUSE_PIPELINE_SWEEP_MS: "1000" } });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, "member-1");
  const namespaces = [
    [own, "acme"],
    [foreign, "globex"],
  ].map(([ns, t]) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": t } } }));
  await kubectl("member-1", ["apply", "-f", "-"], { input: namespaces.map((d) => JSON.stringify(d)).join("\n---\n") });
  [dev, other] = await projectDevelopers(con, admin, "member-1", [
    { user: devName, namespace: own },
    { user: otherName, namespace: foreign },
  ]);
  // The developer writes the pipeline through the proxy, as kubectl would.
  for (const p of [pipeline(own), pipeline(own, "ship-slow", "60s")]) {
    const created = await bearerCall(con.url, dev, "POST", `/clusters/member-1/apis/${TK}/namespaces/${own}/pipelines`, p);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
}, 240_000);

afterAll(async () => {
  await con?.stop();
  await kubectl("member-1", ["delete", "namespace", own, foreign, "--wait=false"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("starting a pipeline through the console", () => {
  let first: string;

  it("starts a run with the params given and the defaults, records who started it, and the run succeeds with results flowing", async () => {
    const r = await start(dev, { namespace: own, pipeline: "ship", params: { image: `registry.local/shop:${run}` } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ cluster: "member-1", namespace: own, pipeline: "ship" });
    expect(r.body.name).toMatch(/^ship-[a-z0-9]{5}$/);
    first = r.body.name;
    const done = await finished(first);
    expect(succeeded(done), JSON.stringify(done.status?.conditions)).toMatchObject({ status: "True", reason: "Succeeded" });
    expect(done.metadata.annotations?.["pilothouse.dev/started-by"]).toBe(devName);
    expect(done.spec.params).toEqual([
      { name: "revision", value: "main" },
      { name: "image", value: `registry.local/shop:${run}` },
      { name: "tags", value: ["latest"] },
    ]);
    // clone's result flowed into build's params; build's result is the pipeline's (values as the fleet plays them).
    const tasks = await taskRunsOf(first);
    expect(tasks.build.spec.params).toContainEqual({ name: "commit", value: "9f2c1e7" });
    expect(done.status?.results).toEqual([{ name: "image", value: "sim-image" }]);
    // The step ran its script with the params Tekton substituted: its log says so, through the console.
    expect(await stepLog(tasks.build.status?.podName ?? "", "step-push")).toContain(`+ echo -n registry.local/shop:${run}`);
  });

  it("starts it again with other params, naming the run it came from", async () => {
    const r = await start(dev, { namespace: own, rerunOf: first, params: { revision: "release-2", image: "registry.local/shop:again", tags: ["a", "b"] } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const done = await finished(r.body.name);
    expect(succeeded(done)).toMatchObject({ status: "True" });
    expect(done.metadata.annotations).toMatchObject({ "pilothouse.dev/rerun-of": first, "pilothouse.dev/started-by": devName });
    expect(done.spec.params).toEqual([
      { name: "revision", value: "release-2" },
      { name: "image", value: "registry.local/shop:again" },
      { name: "tags", value: ["a", "b"] },
    ]);
    const tasks = await taskRunsOf(r.body.name);
    expect(await stepLog(tasks.clone.status?.podName ?? "", "step-fetch")).toContain("git clone --branch release-2");
    expect(await stepLog(tasks.build.status?.podName ?? "", "step-push")).toContain("+ echo -n registry.local/shop:again");
  });

  it("refuses params that do not fit the pipeline, field by field, and creates nothing", async () => {
    const before = (await bearerCall(con.url, dev, "GET", runsPath(own))).body.items.length;
    const r = await start(dev, { namespace: own, pipeline: "ship", params: { tags: "v1", colour: "blue" } });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: "validation_failed" });
    expect(r.body.error.fields).toEqual({
      "params.image": 'Enter a value: "image" has no default.',
      "params.tags": '"tags" takes a list of texts.',
      "params.colour": 'The pipeline has no param "colour".',
    });
    const missing = await start(dev, { namespace: own, pipeline: "nope" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/Pipeline "nope" was not found/);
    expect((await bearerCall(con.url, dev, "GET", runsPath(own))).body.items.length).toBe(before);
  });

  it("keeps another tenant's developer from starting, rerunning or cancelling acme's runs", async () => {
    const refused = await start(other, { namespace: own, pipeline: "ship", params: { image: "x" } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/may not create pipelineruns.tekton.dev in namespace/);
    expect((await start(other, { namespace: own, rerunOf: first })).status).toBe(403);
    const patch = await fetch(`${con.url}${runsPath(own, first)}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${other}`, "content-type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { status: "Cancelled" } }),
    });
    expect(patch.status).toBe(403);
  });
});

describe("cancelling a run", () => {
  it("stops its running TaskRuns when the developer sets spec.status through the proxy", async () => {
    const r = await start(dev, { namespace: own, pipeline: "ship-slow", params: { image: "registry.local/shop:slow" } });
    expect(r.status).toBe(201);
    const name = r.body.name as string;
    // Its steps take a minute: while clone's step runs, its log streams through the console.
    const pod = await eventually(
      async () => {
        const clone = (await taskRunsOf(name)).clone;
        return clone?.status && (clone.status as { steps?: { running?: object }[] }).steps?.[0]?.running ? clone.status.podName : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: "clone's step to run" },
    );
    const ac = new AbortController();
    const res = await fetch(`${con.url}/clusters/member-1/api/v1/namespaces/${own}/pods/${pod}/log?container=step-fetch&follow=true`, { headers: { authorization: `Bearer ${dev}` }, signal: ac.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let streamed = "";
    while (!streamed.includes("git clone")) streamed += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(streamed).toContain("+ git clone --branch main .");
    const patch = await fetch(`${con.url}${runsPath(own, name)}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${dev}`, "content-type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { status: "Cancelled" } }),
    });
    expect(patch.status, await patch.clone().text()).toBe(200);
    const done = await finished(name);
    expect(succeeded(done)).toMatchObject({ status: "False", reason: "Cancelled" });
    const taskRuns = JSON.parse((await kubectl("member-1", ["get", "taskruns", "-n", own, "-l", `tekton.dev/pipelineRun=${name}`, "-o", "json"])).stdout) as { items: Run[] };
    expect(taskRuns.items.length).toBeGreaterThan(0);
    for (const t of taskRuns.items) expect(succeeded(t)?.reason, t.metadata.name).toBe("TaskRunCancelled");
  });
});

describe("retention", () => {
  it("keeps each pipeline's newest runs as the project asks, deletes older finished ones, and keeps their step logs readable", async () => {
    // What the project keeps: its setting, through the console (a tenant manager's or the requester's call).
    const set = await bearerCall(con.url, admin, "PATCH", `/api/projects/acme/${own}`, { pipelineRunRetention: 2 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await bearerCall(con.url, admin, "GET", `/api/projects/acme/${own}`)).body.pipelineRunRetention).toBe(2);
    const bad = await bearerCall(con.url, admin, "PATCH", `/api/projects/acme/${own}`, { pipelineRunRetention: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toMatchObject({ pipelineRunRetention: "Keep at least 1 run." });

    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      // Apart by more than a second: runs are ordered by creation time, which the API server keeps in seconds.
      if (i > 0) await new Promise((r) => setTimeout(r, 1100));
      const r = await start(dev, { namespace: own, pipeline: "ship", params: { image: `registry.local/shop:keep-${i}` } });
      expect(r.status).toBe(201);
      names.push(r.body.name);
    }
    for (const n of names) await finished(n);
    // The oldest runs of ship go (the two of the first tests and the first of these), the newest two stay.
    const kept = await eventually(
      async () => {
        const list = (await bearerCall(con.url, dev, "GET", `${runsPath(own)}?labelSelector=${encodeURIComponent("tekton.dev/pipeline=ship")}`)).body.items as Run[];
        return list.length === 2 ? list.map((r) => r.metadata.name).sort() : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: "ship's runs pruned to 2" },
    );
    expect(kept).toEqual(names.slice(1).sort());
    expect((await bearerCall(con.url, dev, "GET", runsPath(own, names[0]))).status).toBe(404);
    // The pruned run's step logs, kept by the console: a step per task's step, in the order they ran.
    const logs = await bearerCall(con.url, dev, "GET", `/api/pipelineruns/logs?cluster=member-1&namespace=${own}&run=${names[0]}`);
    expect(logs.status, JSON.stringify(logs.body)).toBe(200);
    expect(logs.body).toMatchObject({ cluster: "member-1", namespace: own, run: names[0], pipeline: "ship" });
    expect(logs.body.steps.map((s: { task: string; step: string }) => `${s.task}/${s.step}`)).toEqual(["clone/fetch", "build/push"]);
    for (const s of logs.body.steps) expect(s.error, JSON.stringify(s)).toBeUndefined();
    expect(logs.body.steps[0].log).toContain("+ git clone --branch main .");
    expect(logs.body.steps[1].log).toContain("+ echo -n registry.local/shop:keep-0");
    // Another tenant's developer may not read them; a run the console kept nothing of is a 404.
    const refused = await bearerCall(con.url, other, "GET", `/api/pipelineruns/logs?cluster=member-1&namespace=${own}&run=${names[0]}`);
    expect(refused.status).toBe(403);
    const none = await bearerCall(con.url, dev, "GET", `/api/pipelineruns/logs?cluster=member-1&namespace=${own}&run=never-was`);
    expect(none.status).toBe(404);
  });
});

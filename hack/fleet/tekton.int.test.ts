import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, fleetClusters, kubectl, make, uniqueName } from "../../test/support/fleet";

// Tekton's own controller on every member, its TaskRun pods played by kwok:
// success, results flowing to later tasks, a failing step, `finally`, and
// cancellation are the controller's behaviour, not ours.

const members = fleetClusters()
  .map((c) => c.name)
  .filter((n) => n !== "host");
const ns = uniqueName("tekton-it");

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface Run {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { params?: { name: string; value: unknown }[] };
  status?: {
    conditions?: Condition[];
    results?: { name: string; value: unknown }[];
    steps?: { name: string; terminated?: { exitCode: number; reason: string }; terminationReason?: string }[];
    childReferences?: { name: string; pipelineTaskName: string }[];
  };
}

async function apply(cluster: string, docs: object[]) {
  await kubectl(cluster, ["apply", "-f", "-"], { input: docs.map((d) => JSON.stringify(d)).join("\n---\n") });
}

async function get<T>(cluster: string, args: string[]): Promise<T> {
  return JSON.parse((await kubectl(cluster, ["get", "-n", ns, ...args, "-o", "json"])).stdout) as T;
}

const succeeded = (r: Run) => r.status?.conditions?.find((c) => c.type === "Succeeded");

/** Waits for a run to finish (Succeeded True or False) and returns it. */
function finished(cluster: string, kind: string, name: string, timeoutMs = 60_000) {
  return eventually(
    async () => {
      const r = await get<Run>(cluster, [kind, name]);
      return succeeded(r) && succeeded(r)!.status !== "Unknown" ? r : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `${kind} ${name} on ${cluster} to finish` },
  );
}

async function taskRunsOf(cluster: string, pipelineRun: string) {
  const list = await get<{ items: Run[] }>(cluster, ["taskruns", "-l", `tekton.dev/pipelineRun=${pipelineRun}`]);
  return Object.fromEntries(list.items.map((t) => [t.metadata.labels?.["tekton.dev/pipelineTask"] ?? t.metadata.name, t]));
}

const step = (name: string, script: string) => ({ name, image: "registry.local/tools:1", script });

// clone → test ‖ lint → build, finally notify: the seed's build-test-image shape.
const pipeline = {
  apiVersion: "tekton.dev/v1",
  kind: "Pipeline",
  metadata: { name: "build-test-image", namespace: ns },
  spec: {
    params: [{ name: "revision", type: "string", default: "main" }],
    results: [{ name: "image", value: "$(tasks.build.results.image)" }],
    tasks: [
      {
        name: "clone",
        params: [{ name: "revision", value: "$(params.revision)" }],
        taskSpec: {
          params: [{ name: "revision", type: "string" }],
          results: [{ name: "commit", type: "string" }],
          steps: [step("fetch", "git clone --branch $(params.revision) https://git.local/checkout .\ngit rev-parse HEAD > $(results.commit.path)")],
        },
      },
      {
        name: "test",
        runAfter: ["clone"],
        params: [{ name: "commit", value: "$(tasks.clone.results.commit)" }],
        taskSpec: { params: [{ name: "commit", type: "string" }], steps: [step("unit", "go test ./...")] },
      },
      { name: "lint", runAfter: ["clone"], taskSpec: { steps: [step("vet", "go vet ./...")] } },
      {
        name: "build",
        runAfter: ["test", "lint"],
        params: [{ name: "commit", value: "$(tasks.clone.results.commit)" }],
        taskSpec: {
          params: [{ name: "commit", type: "string" }],
          results: [{ name: "image", type: "string" }],
          steps: [step("compile", "go build ./..."), step("push", "echo -n registry.local/checkout:$(params.commit) > $(results.image.path)")],
        },
      },
    ],
    finally: [{ name: "notify", params: [{ name: "outcome", value: "$(tasks.status)" }], taskSpec: { params: [{ name: "outcome", type: "string" }], steps: [step("post", "echo $(params.outcome)")] } }],
  },
};

function pipelineRun(name: string, annotations: Record<string, string>, params: Record<string, string> = {}) {
  return {
    apiVersion: "tekton.dev/v1",
    kind: "PipelineRun",
    metadata: { name, namespace: ns, annotations: { "sim.pilothouse.dev/step-duration": "300ms", ...annotations } },
    spec: { pipelineRef: { name: "build-test-image" }, params: Object.entries(params).map(([n, value]) => ({ name: n, value })) },
  };
}

describe.each(members)("Tekton on %s", (cluster) => {
  beforeAll(async () => {
    await apply(cluster, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }, pipeline]);
  });
  afterAll(async () => {
    await kubectl(cluster, ["delete", "namespace", ns, "--wait=false"]).catch(() => undefined);
  });

  it("runs a pipeline to success, results flowing to later tasks and into the pipeline's results", async () => {
    await apply(cluster, [pipelineRun("ok", { "sim.pilothouse.dev/result-commit": "9f2c1e7" }, { revision: "release-2" })]);
    const run = await finished(cluster, "pipelinerun", "ok");
    expect(succeeded(run), JSON.stringify(run.status?.conditions)).toMatchObject({ status: "True", reason: "Succeeded" });
    const tasks = await taskRunsOf(cluster, "ok");
    expect(Object.keys(tasks).sort()).toEqual(["build", "clone", "lint", "notify", "test"]);
    expect(tasks.clone.spec.params).toContainEqual({ name: "revision", value: "release-2" });
    // The clone's result, written in its step's termination message, reached the later tasks' params.
    expect(tasks.clone.status?.results).toContainEqual({ name: "commit", type: "string", value: "9f2c1e7" });
    expect(tasks.test.spec.params).toContainEqual({ name: "commit", value: "9f2c1e7" });
    expect(tasks.notify.spec.params).toContainEqual({ name: "outcome", value: "Succeeded" });
    expect(run.status?.results).toContainEqual({ name: "image", value: "sim-image" });
    expect(tasks.build.status?.steps?.map((s) => [s.name, s.terminated?.exitCode])).toEqual([
      ["compile", 0],
      ["push", 0],
    ]);
  });

  it("fails the run on a failing step, skips what depends on it, and still runs finally", async () => {
    await apply(cluster, [pipelineRun("red", { "sim.pilothouse.dev/step-unit-exit-code": "3" })]);
    const run = await finished(cluster, "pipelinerun", "red");
    expect(succeeded(run)).toMatchObject({ status: "False", reason: "Failed" });
    const tasks = await taskRunsOf(cluster, "red");
    expect(succeeded(tasks.test)).toMatchObject({ status: "False", reason: "StepFailed" });
    expect(succeeded(tasks.test)?.message).toContain('"step-unit" exited with code 3');
    expect(tasks.test.status?.steps?.[0]?.terminated?.exitCode).toBe(3);
    expect(tasks.build, "build runs after test: never started").toBeUndefined();
    expect(tasks.notify.spec.params).toContainEqual({ name: "outcome", value: "Failed" });
    expect(succeeded(tasks.notify)).toMatchObject({ status: "True" });
  });

  it("times a pipeline out by Tekton's own clock, and retries a failing task as often as it asks", async () => {
    await apply(cluster, [
      { ...pipelineRun("late", { "sim.pilothouse.dev/step-duration": "60s" }), spec: { pipelineRef: { name: "build-test-image" }, timeouts: { pipeline: "3s" } } },
      {
        apiVersion: "tekton.dev/v1",
        kind: "TaskRun",
        metadata: { name: "flaky", namespace: ns, annotations: { "sim.pilothouse.dev/step-duration": "200ms", "sim.pilothouse.dev/step-probe-exit-code": "1" } },
        spec: { retries: 2, taskSpec: { steps: [step("probe", "curl -f https://api.local/health")] } },
      },
    ]);
    const late = await finished(cluster, "pipelinerun", "late", 30_000);
    expect(succeeded(late)).toMatchObject({ status: "False", reason: "PipelineRunTimeout" });
    const flaky = await finished(cluster, "taskrun", "flaky", 30_000);
    expect(succeeded(flaky)).toMatchObject({ status: "False" });
    expect((flaky.status as { retriesStatus?: unknown[] }).retriesStatus, "two retries after the first attempt").toHaveLength(2);
  });

  it("cancels a running pipeline: its running TaskRuns stop and their pods go", async () => {
    await apply(cluster, [pipelineRun("slow", { "sim.pilothouse.dev/step-duration": "60s" })]);
    const pod = await eventually(
      async () => {
        const tasks = await taskRunsOf(cluster, "slow");
        const tr = tasks.clone;
        return tr?.status?.steps?.length ? `${tr.metadata.name}-pod` : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: "the clone task's pod to run its step" },
    );
    await kubectl(cluster, ["patch", "-n", ns, "pipelinerun", "slow", "--type=merge", "-p", JSON.stringify({ spec: { status: "Cancelled" } })]);
    const run = await finished(cluster, "pipelinerun", "slow", 30_000);
    expect(succeeded(run)).toMatchObject({ status: "False", reason: "Cancelled" });
    const tasks = await taskRunsOf(cluster, "slow");
    expect(succeeded(tasks.clone)).toMatchObject({ status: "False", reason: "TaskRunCancelled" });
    expect(tasks.test).toBeUndefined();
    await eventually(async () => !(await kubectl(cluster, ["get", "-n", ns, "pod", pod, "--ignore-not-found", "-o", "name"])).stdout.trim(), {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: `pod ${pod} to be deleted`,
    });
  });
});

describe("fleet status", () => {
  it("shows each member's Tekton controller ready", async () => {
    const status = await make("fleet-status");
    for (const m of members) expect(status).toMatch(new RegExp(`${m}\\s.*tekton ok`));
  });
});

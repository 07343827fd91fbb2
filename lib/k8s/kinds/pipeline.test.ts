import { describe, expect, it } from "vitest";
import { type PipelineSpec, paramLines, pipelineGraph, pipelineTaskWaits, resultSources, runPipelineName, runProblem, runSeconds, runStartedBy, runStatus, runTone, valueText, pipelineRunStats } from "./pipeline";

// The seed's build-test-image: clone → test ‖ lint → build, finally notify.
const spec: PipelineSpec = {
  tasks: [
    { name: "clone", params: [{ name: "revision", value: "$(params.revision)" }] },
    { name: "test", runAfter: ["clone"], params: [{ name: "commit", value: "$(tasks.clone.results.commit)" }] },
    { name: "lint", runAfter: ["clone"] },
    { name: "build", runAfter: ["test", "lint"], params: [{ name: "tags", value: ["$(tasks.clone.results.commit)", "latest"] }] },
    { name: "scan", when: [{ input: "$(tasks.build.results.digest)", operator: "notin", values: [""] }] },
  ],
  finally: [{ name: "notify", params: [{ name: "image", value: "$(tasks.build.results.image)" }, { name: "outcome", value: "$(tasks.status)" }] }],
};

describe("pipelineGraph", () => {
  it("has runAfter and result edges, finally tasks apart", () => {
    const g = pipelineGraph(spec);
    expect(g.tasks).toEqual(["clone", "test", "lint", "build", "scan"]);
    expect(g.finally).toEqual(["notify"]);
    expect(g.edges).toEqual([
      { from: "clone", to: "test", kind: "result" },
      { from: "clone", to: "lint", kind: "runAfter" },
      { from: "test", to: "build", kind: "runAfter" },
      { from: "lint", to: "build", kind: "runAfter" },
      { from: "clone", to: "build", kind: "result" },
      { from: "build", to: "scan", kind: "result" },
      { from: "build", to: "notify", kind: "result" },
    ]);
  });

  it("leaves out references to tasks that do not exist and to itself", () => {
    const g = pipelineGraph({ tasks: [{ name: "a", runAfter: ["ghost", "a"], params: [{ name: "x", value: "$(tasks.nope.results.y)" }] }] });
    expect(g.edges).toEqual([]);
    expect(pipelineGraph(undefined)).toEqual({ tasks: [], finally: [], edges: [] });
  });

  it("finds result references in params, when expressions and matrix", () => {
    expect(resultSources({ name: "t", matrix: { params: [{ name: "os", value: ["$(tasks.plan.results.targets[*])"] }] } })).toEqual(["plan"]);
    expect(resultSources({ name: "t", params: [{ name: "o", value: { a: "$(tasks.x.results.r.key)", b: "$(params.p)" } }] })).toEqual(["x"]);
  });
});

describe("runStatus", () => {
  const cond = (status: string, reason: string) => ({ status: { conditions: [{ type: "Succeeded", status: status as "True", reason }] } });
  it.each([
    [cond("True", "Succeeded"), "Succeeded"],
    [cond("True", "Completed"), "Succeeded"],
    [cond("False", "Failed"), "Failed"],
    [cond("False", "StepFailed"), "Failed"],
    [cond("False", "Cancelled"), "Cancelled"],
    [cond("False", "TaskRunCancelled"), "Cancelled"],
    [cond("False", "PipelineRunTimeout"), "TimedOut"],
    [cond("False", "TaskRunTimeout"), "TimedOut"],
    [cond("Unknown", "Running"), "Running"],
    [cond("Unknown", "Pending"), "Pending"],
    [{ ...cond("Unknown", "Running"), spec: { status: "Cancelled" } }, "Cancelling"],
    [{ spec: { status: "PipelineRunPending" } }, "Pending"],
    [{}, "Pending"],
  ])("%j is %s", (run, want) => {
    expect(runStatus(run)).toBe(want);
  });

  it("says why a run failed", () => {
    expect(runProblem({ status: { conditions: [{ type: "Succeeded", status: "False", reason: "Failed", message: "Tasks Completed: 3 (Failed: 1)" }] } })).toBe("Tasks Completed: 3 (Failed: 1)");
    expect(runProblem({ status: { conditions: [{ type: "Succeeded", status: "True", reason: "Succeeded" }] } })).toBeUndefined();
  });

  it("times a run to its completion, or to now while it runs", () => {
    expect(runSeconds({ status: { startTime: "2026-12-06T10:00:00Z", completionTime: "2026-12-06T10:01:05Z" } })).toBe(65);
    expect(runSeconds({ status: { startTime: "2026-12-06T10:00:00Z" } }, Date.parse("2026-12-06T10:00:30Z"))).toBe(30);
    expect(runSeconds({ status: {} })).toBeUndefined();
  });
});

describe("pipelineTaskWaits", () => {
  it("lists tasks in order with what each waits for, finally tasks last", () => {
    expect(pipelineTaskWaits(spec)).toEqual([
      { name: "clone", finally: false, after: [] },
      { name: "test", finally: false, after: [{ from: "clone", kind: "result" }] },
      { name: "lint", finally: false, after: [{ from: "clone", kind: "runAfter" }] },
      { name: "build", finally: false, after: [{ from: "test", kind: "runAfter" }, { from: "lint", kind: "runAfter" }, { from: "clone", kind: "result" }] },
      { name: "scan", finally: false, after: [{ from: "build", kind: "result" }] },
      { name: "notify", finally: true, after: [{ from: "build", kind: "result" }] },
    ]);
    expect(pipelineTaskWaits(undefined)).toEqual([]);
  });
});

describe("run and param helpers", () => {
  it("write values and params as one line each", () => {
    expect(valueText("main")).toBe("main");
    expect(valueText(["a", "b"])).toBe('["a","b"]');
    expect(valueText({ k: "v" })).toBe('{"k":"v"}');
    expect(valueText(undefined)).toBe("");
    expect(paramLines([{ name: "revision", value: "main" }, { name: "tags", value: ["x"] }])).toEqual(["revision=main", 'tags=["x"]']);
    expect(paramLines([{ name: "revision", default: "main" }, { name: "image" }], "default")).toEqual(["revision=main", "image"]);
    expect(paramLines(undefined)).toEqual([]);
  });

  it("colour a run's status", () => {
    expect(["Succeeded", "Failed", "TimedOut", "Running", "Pending", "Cancelling", "Cancelled"].map(runTone)).toEqual(["green", "red", "red", "sky", "sky", "sky", "slate"]);
  });

  it("read who started a run and its pipeline", () => {
    expect(runStartedBy({ metadata: { annotations: { "pilothouse.dev/started-by": "carol" } } })).toBe("carol");
    expect(runStartedBy({ metadata: {} })).toBeUndefined();
    expect(runPipelineName({ metadata: {}, spec: { pipelineRef: { name: "build-test-image" } } })).toBe("build-test-image");
    expect(runPipelineName({ metadata: {}, spec: { pipelineSpec: { tasks: [] } } })).toBeUndefined();
  });
});

describe("pipelineRunStats", () => {
  const mk = (name: string, pipeline: string, created: string, status: "True" | "False" | "Unknown", seconds: number) => ({
    apiVersion: "tekton.dev/v1",
    kind: "PipelineRun",
    metadata: { name, creationTimestamp: created },
    spec: { pipelineRef: { name: pipeline } },
    status: {
      conditions: [{ type: "Succeeded", status, reason: status === "True" ? "Succeeded" : status === "False" ? "Failed" : "Running" }],
      startTime: created,
      ...(status !== "Unknown" ? { completionTime: new Date(Date.parse(created) + seconds * 1000).toISOString() } : {}),
    },
  });
  const runs = [
    mk("a-1", "a", "2026-12-06T10:00:00Z", "True", 60),
    mk("a-2", "a", "2026-12-06T10:10:00Z", "False", 30),
    mk("a-3", "a", "2026-12-06T10:20:00Z", "True", 90),
    mk("a-4", "a", "2026-12-06T10:30:00Z", "Unknown", 0),
    mk("b-1", "b", "2026-12-06T09:00:00Z", "True", 10),
  ];
  it("takes the newest run as the last and counts only finished runs", () => {
    const stats = pipelineRunStats(runs, (r) => r, (r) => r.spec.pipelineRef.name);
    expect(stats.get("a")).toMatchObject({ finished: 3, succeeded: 2, meanSeconds: 60 });
    expect(stats.get("a")?.last.metadata.name).toBe("a-4");
    expect(stats.get("b")).toMatchObject({ finished: 1, succeeded: 1, meanSeconds: 10 });
  });
  it("looks only at the newest runs of each pipeline", () => {
    const stats = pipelineRunStats(runs, (r) => r, (r) => r.spec.pipelineRef.name, 2);
    // a-4 (running) and a-3 (succeeded, 90 s).
    expect(stats.get("a")).toMatchObject({ finished: 1, succeeded: 1, meanSeconds: 90 });
    expect(pipelineRunStats([], (r) => r, () => "x").size).toBe(0);
  });
});

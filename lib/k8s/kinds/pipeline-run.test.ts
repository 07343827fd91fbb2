import { describe, expect, it } from "vitest";
import { isLabelKey } from "@/lib/validations/labels";
import type { PipelineObject, PipelineRunObject } from "./pipeline";
import { DEFAULT_RETENTION, RERUN_OF_ANNOTATION, RETENTION_ANNOTATION, canStop, logsKeptAnnotation, newPipelineRun, paramValues, rerunOf, retentionOf, runNamePrefix, runParams, runsBeyond, stopPatch } from "./pipeline-run";

const specs = [
  { name: "revision", type: "string" as const, default: "main" },
  { name: "image", type: "string" as const },
  { name: "tags", type: "array" as const, default: ["latest"] },
  { name: "labels", type: "object" as const, default: { team: "payments" } },
];

describe("runParams", () => {
  it("takes every declared param from the values given or its default", () => {
    expect(runParams(specs, { image: "registry.local/shop:v2", tags: ["v2", "stable"] })).toEqual({
      params: [
        { name: "revision", value: "main" },
        { name: "image", value: "registry.local/shop:v2" },
        { name: "tags", value: ["v2", "stable"] },
        { name: "labels", value: { team: "payments" } },
      ],
      errors: {},
    });
  });

  it("names each param that is missing, of the wrong type, or not declared", () => {
    const r = runParams(specs, { revision: ["x"], labels: "team=a", extra: "1" });
    expect(r.errors).toEqual({
      image: 'Enter a value: "image" has no default.',
      revision: '"revision" takes a text.',
      labels: '"labels" takes keys with text values.',
      extra: 'The pipeline has no param "extra".',
    });
    expect(runParams(specs, { image: "i", tags: "v1" }).errors).toEqual({ tags: '"tags" takes a list of texts.' });
  });

  it("accepts an empty text (Tekton does) and a pipeline without params", () => {
    expect(runParams(specs, { image: "" }).errors).toEqual({});
    expect(runParams(undefined, {})).toEqual({ params: [], errors: {} });
  });

  it("gives a run's params back as form values", () => {
    expect(paramValues([{ name: "a", value: "1" }, { name: "b", value: ["x"] }])).toEqual({ a: "1", b: ["x"] });
  });
});

const pipeline: PipelineObject = {
  apiVersion: "tekton.dev/v1",
  kind: "Pipeline",
  metadata: { name: "build-test-image", namespace: "acme-payments" },
  spec: { params: specs, workspaces: [{ name: "source" }, { name: "cache", optional: true }], tasks: [] },
};

describe("newPipelineRun", () => {
  it("references the pipeline, binds required workspaces to emptyDir and says who started it", () => {
    expect(newPipelineRun(pipeline, [{ name: "image", value: "x" }], "carol")).toEqual({
      apiVersion: "tekton.dev/v1",
      kind: "PipelineRun",
      metadata: { generateName: "build-test-image-", namespace: "acme-payments", annotations: { "pilothouse.dev/started-by": "carol" } },
      spec: { pipelineRef: { name: "build-test-image" }, params: [{ name: "image", value: "x" }], workspaces: [{ name: "source", emptyDir: {} }] },
    });
  });

  it("keeps generated names within Tekton's 63 characters", () => {
    const long = "a".repeat(70);
    expect(runNamePrefix(long).length + 5).toBeLessThanOrEqual(63);
    expect(runNamePrefix(`${"b".repeat(56)}-x`)).toBe(`${"b".repeat(56)}-`);
  });
});

describe("rerunOf", () => {
  const base: PipelineRunObject = {
    apiVersion: "tekton.dev/v1",
    kind: "PipelineRun",
    metadata: {
      name: "build-test-image-7kq2d",
      namespace: "acme-payments",
      labels: { "tekton.dev/pipeline": "build-test-image", team: "payments" },
      annotations: { "pilothouse.dev/started-by": "carol", "sim.pilothouse.dev/step-duration": "1s" },
    },
    spec: {
      pipelineRef: { name: "build-test-image" },
      params: [{ name: "image", value: "old" }],
      status: "Cancelled",
      timeouts: { pipeline: "10m" },
      workspaces: [{ name: "source", emptyDir: {} }],
    },
    status: { conditions: [{ type: "Succeeded", status: "True" }] },
  };

  it("copies the run's pipeline, workspaces and timeouts with new params, without its status or Tekton's labels", () => {
    expect(rerunOf(base, [{ name: "image", value: "new" }], "dave")).toEqual({
      apiVersion: "tekton.dev/v1",
      kind: "PipelineRun",
      metadata: {
        generateName: "build-test-image-",
        namespace: "acme-payments",
        labels: { team: "payments" },
        annotations: { "sim.pilothouse.dev/step-duration": "1s", "pilothouse.dev/started-by": "dave", [RERUN_OF_ANNOTATION]: "build-test-image-7kq2d" },
      },
      spec: { pipelineRef: { name: "build-test-image" }, timeouts: { pipeline: "10m" }, workspaces: [{ name: "source", emptyDir: {} }], params: [{ name: "image", value: "new" }] },
    });
  });
});

describe("stopping a run", () => {
  const running = (spec: PipelineRunObject["spec"] = {}): PipelineRunObject => ({
    apiVersion: "tekton.dev/v1",
    kind: "PipelineRun",
    metadata: { name: "r" },
    spec,
    status: { conditions: [{ type: "Succeeded", status: "Unknown", reason: "Running" }] },
  });
  it("is offered while it runs and nobody asked yet", () => {
    expect(canStop(running())).toBe(true);
    expect(canStop(running({ status: "Cancelled" }))).toBe(false);
    expect(canStop(running({ status: "StoppedRunFinally" }))).toBe(false);
    expect(canStop({ ...running(), status: { conditions: [{ type: "Succeeded", status: "True" }] } })).toBe(false);
    expect(stopPatch("CancelledRunFinally")).toEqual({ spec: { status: "CancelledRunFinally" } });
  });
});

describe("retention", () => {
  const mk = (name: string, pipeline: string, created: string, done = true): PipelineRunObject => ({
    apiVersion: "tekton.dev/v1",
    kind: "PipelineRun",
    metadata: { name, creationTimestamp: created, labels: { "tekton.dev/pipeline": pipeline } },
    status: { conditions: [{ type: "Succeeded", status: done ? "True" : "Unknown", reason: done ? "Succeeded" : "Running" }] },
  });
  it("reads a project's setting, else 50", () => {
    expect(retentionOf({ [RETENTION_ANNOTATION]: "3" })).toBe(3);
    for (const bad of ["0", "-1", "2.5", "1001", "x", ""]) expect(retentionOf({ [RETENTION_ANNOTATION]: bad })).toBe(DEFAULT_RETENTION);
    expect(retentionOf(undefined)).toBe(50);
  });
  it("deletes the finished runs beyond the newest N of each pipeline, never a running one", () => {
    const runs = [
      mk("a-1", "a", "2026-12-06T10:01:00Z"),
      mk("a-2", "a", "2026-12-06T10:02:00Z", false),
      mk("a-3", "a", "2026-12-06T10:03:00Z"),
      mk("a-4", "a", "2026-12-06T10:04:00Z"),
      mk("b-1", "b", "2026-12-06T09:00:00Z"),
    ];
    expect(runsBeyond(runs, 2).map((r) => r.metadata.name)).toEqual(["a-1"]);
    expect(runsBeyond(runs, 1).map((r) => r.metadata.name)).toEqual(["a-3", "a-1"]);
    expect(runsBeyond(runs, 50)).toEqual([]);
  });
});

describe("kept logs", () => {
  it("are marked per console installation, with a valid annotation key", () => {
    expect(logsKeptAnnotation("pilothouse-system")).toBe("kept.pilothouse.dev/pilothouse-system");
    expect(logsKeptAnnotation("pilothouse-system")).not.toBe(logsKeptAnnotation("ph-e2e-1"));
    expect(isLabelKey(logsKeptAnnotation("a".repeat(63)))).toBe(true);
  });
});

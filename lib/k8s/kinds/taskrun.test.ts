import { describe, expect, it } from "vitest";
import { type TaskRunObject, pipelineRunTaskRunsPath, taskRunPipelineRun, taskRunPipelineTask, taskRunStepCount, taskRunStepLogs, taskRunSteps, taskRunTask } from "./taskrun";

// The seed's failing run: test's unit step exits 1 after a second.
const tr: TaskRunObject = {
  metadata: { name: "build-test-image-m3x8p-test", labels: { "tekton.dev/pipelineRun": "build-test-image-m3x8p", "tekton.dev/pipelineTask": "test" } },
  spec: { taskSpec: { steps: [{ name: "unit" }, { name: "report" }, { name: "upload" }] } },
  status: {
    podName: "build-test-image-m3x8p-test-pod",
    steps: [
      { name: "unit", terminated: { exitCode: 1, reason: "Error", startedAt: "2026-12-06T10:00:00Z", finishedAt: "2026-12-06T10:00:01Z" } },
      { name: "report", running: { startedAt: "2026-12-06T10:00:01Z" } },
      { name: "upload", waiting: { reason: "PodInitializing" } },
    ],
  },
};

describe("taskruns", () => {
  it("read their pipeline run, pipeline task and task", () => {
    expect(taskRunPipelineRun(tr)).toBe("build-test-image-m3x8p");
    expect(taskRunPipelineTask(tr)).toBe("test");
    expect(taskRunTask(tr)).toBe("test");
    expect(taskRunTask({ ...tr, spec: { taskRef: { name: "golang-test" } } })).toBe("golang-test");
    expect(taskRunPipelineRun({ metadata: {} })).toBeUndefined();
    expect(pipelineRunTaskRunsPath("acme-payments", "build-test-image-m3x8p")).toBe("/apis/tekton.dev/v1/namespaces/acme-payments/taskruns?labelSelector=tekton.dev%2FpipelineRun%3Dbuild-test-image-m3x8p");
  });

  it("count steps as reported, else as the spec names them", () => {
    expect(taskRunStepCount(tr)).toBe(3);
    expect(taskRunStepCount({ metadata: {}, spec: { taskSpec: { steps: [{ name: "a" }] } } })).toBe(1);
    expect(taskRunStepCount({ metadata: {}, status: { taskSpec: { steps: [{ name: "a" }, { name: "b" }] } } })).toBe(2);
    expect(taskRunStepCount({ metadata: {} })).toBe(0);
  });

  it("say how each step ended, runs or waits, and for how long", () => {
    expect(taskRunSteps(tr, Date.parse("2026-12-06T10:00:05Z"))).toEqual([
      { name: "unit", status: "Failed", reason: "Error", exitCode: 1, seconds: 1 },
      { name: "report", status: "Running", seconds: 4 },
      { name: "upload", status: "Waiting", reason: "PodInitializing" },
    ]);
    expect(taskRunSteps({ metadata: {}, status: { steps: [{ name: "ok", terminated: { exitCode: 0, reason: "Completed" } }] } })).toEqual([
      { name: "ok", status: "Succeeded", reason: "Completed", exitCode: 0, seconds: undefined },
    ]);
    expect(taskRunSteps({ metadata: {} })).toEqual([]);
  });
});

describe("taskRunStepLogs", () => {
  const tr = (steps: NonNullable<TaskRunObject["status"]>["steps"], podName = "r-build-pod"): TaskRunObject => ({ apiVersion: "tekton.dev/v1", kind: "TaskRun", metadata: { name: "r-build" }, status: { podName, steps } });
  it("follows the running step's container, reads ended ones whole, and shows the running step first", () => {
    const t = tr([
      { name: "compile", container: "step-compile", terminated: { exitCode: 0, reason: "Completed" } },
      { name: "push", container: "step-push", running: { startedAt: "2026-12-06T10:00:00Z" } },
      { name: "sign", waiting: { reason: "PodInitializing" } },
    ]);
    expect(taskRunStepLogs(t)).toEqual({
      pod: "r-build-pod",
      steps: [
        { name: "compile", container: "step-compile", status: "Succeeded", follow: false },
        { name: "push", container: "step-push", status: "Running", follow: true },
        { name: "sign", container: "step-sign", status: "Waiting", follow: true },
      ],
      first: "push",
    });
  });
  it("shows the failed step first once nothing runs", () => {
    const t = tr([
      { name: "a", terminated: { exitCode: 0 } },
      { name: "b", terminated: { exitCode: 1, reason: "Error" } },
      { name: "c", terminated: { exitCode: 1, reason: "Skipped" } },
    ]);
    expect(taskRunStepLogs(t).first).toBe("b");
    expect(taskRunStepLogs(tr([], "")).steps).toEqual([]);
  });
});

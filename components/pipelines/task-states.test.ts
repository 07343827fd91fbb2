import { describe, expect, it } from "vitest";
import type { PipelineRunObject } from "@/lib/k8s/kinds/pipeline";
import type { TaskRunObject } from "@/lib/k8s/kinds/taskrun";
import { runTaskStates } from "./task-states";

const NOW = Date.parse("2026-12-06T10:05:00Z");

const run: PipelineRunObject = {
  metadata: { name: "r1", namespace: "acme-payments" },
  spec: { pipelineRef: { name: "p" } },
  status: {
    pipelineSpec: {
      tasks: [{ name: "clone" }, { name: "test", runAfter: ["clone"] }, { name: "lint", runAfter: ["clone"] }, { name: "build", runAfter: ["test", "lint"] }, { name: "scan" }],
      finally: [{ name: "notify" }],
    },
    skippedTasks: [{ name: "build", reason: "Parent Tasks were skipped" }],
  },
};

const tr = (name: string, task: string, cond: { status: "True" | "False" | "Unknown"; reason: string } | undefined, startTime?: string, completionTime?: string): TaskRunObject => ({
  metadata: { name, namespace: "acme-payments", labels: { "tekton.dev/pipelineRun": "r1", "tekton.dev/pipelineTask": task } },
  status: { startTime, completionTime, conditions: cond ? [{ type: "Succeeded", ...cond }] : undefined },
});

describe("runTaskStates", () => {
  it("maps each task to its TaskRun's state, skipped tasks and waiting ones", () => {
    const states = runTaskStates(
      run,
      [
        tr("r1-clone", "clone", { status: "True", reason: "Succeeded" }, "2026-12-06T10:00:00Z", "2026-12-06T10:00:12Z"),
        tr("r1-test", "test", { status: "False", reason: "Failed" }, "2026-12-06T10:00:13Z", "2026-12-06T10:00:20Z"),
        tr("r1-lint", "lint", { status: "Unknown", reason: "Running" }, "2026-12-06T10:04:00Z"),
        tr("other", "", undefined),
      ],
      "member-1",
      NOW,
    );
    expect(states).toEqual({
      clone: { status: "Succeeded", href: "/c/member-1/ns/acme-payments/taskruns/r1-clone", seconds: 12, runs: 1 },
      test: { status: "Failed", href: "/c/member-1/ns/acme-payments/taskruns/r1-test", seconds: 7, runs: 1 },
      lint: { status: "Running", href: "/c/member-1/ns/acme-payments/taskruns/r1-lint", seconds: 60, runs: 1 },
      build: { status: "Skipped" },
      scan: { status: "Waiting" },
      notify: { status: "Waiting" },
    });
  });

  it("sums up a matrix's TaskRuns: one still going, else the worst ending; the first by name linked", () => {
    const done = { status: "True", reason: "Succeeded" } as const;
    const states = runTaskStates(
      run,
      [tr("r1-scan-1", "scan", done, "2026-12-06T10:00:00Z", "2026-12-06T10:00:05Z"), tr("r1-scan-0", "scan", { status: "Unknown", reason: "Running" }, "2026-12-06T10:04:50Z")],
      "member-1",
      NOW,
    );
    expect(states.scan).toEqual({ status: "Running", href: "/c/member-1/ns/acme-payments/taskruns/r1-scan-0", seconds: 10, runs: 2 });
    const failed = runTaskStates(run, [tr("a", "scan", done), tr("b", "scan", { status: "False", reason: "Failed" })], "member-1", NOW);
    expect(failed.scan.status).toBe("Failed");
  });

  it("reads the spec embedded in the run when the status has none yet", () => {
    const embedded: PipelineRunObject = { metadata: { name: "r2", namespace: "n" }, spec: { pipelineSpec: { tasks: [{ name: "only" }] } } };
    expect(runTaskStates(embedded, [], "c")).toEqual({ only: { status: "Waiting" } });
    expect(runTaskStates({ metadata: { name: "r3" } }, [], "c")).toEqual({});
  });
});

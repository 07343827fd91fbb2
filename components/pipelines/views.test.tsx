import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import common from "@/messages/en/common.json";
import errors from "@/messages/en/errors.json";
import workloads from "@/messages/en/workloads.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import zhWorkloads from "@/messages/zh-CN/workloads.json";
import { listKey } from "@/lib/client/list-query";
import { type PipelineObject, type PipelineRunObject, pipelineGraph } from "@/lib/k8s/kinds/pipeline";
import type { TaskRunObject } from "@/lib/k8s/kinds/taskrun";
import { layoutPipeline } from "./graph-layout";
import { KeptRunLogsView } from "./kept-logs";
import { PipelineGraph, flowEdges } from "./pipeline-graph";
import { PipelineRunRelated, PipelineTasks, TaskRunStepsView } from "./pipeline-views";
import { Pipelines, PipelinesView, filterRuns } from "./pipelines-view";
import { renderView } from "../../test/support/render";

vi.mock("next/navigation", () => ({
  usePathname: () => "/pipelines",
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined }),
}));

// Server-renders the pipeline views with fixtures and the real messages of
// both languages: every text must resolve, and the hooks the browser tests use must be there.

const EN = { common, errors, workloads };
const ZH = { common: zhCommon, errors: zhErrors, workloads: zhWorkloads };
const NOW = new Date("2026-12-06T10:05:00Z");

function render(node: React.ReactNode, messages: Record<string, unknown> = EN, seed?: (qc: QueryClient) => void) {
  return renderView(node, { messages, locale: messages === ZH ? "zh-CN" : "en", seed, now: NOW });
}

const pipeline: PipelineObject = {
  metadata: { name: "build-test-image", namespace: "acme-payments", uid: "p1", creationTimestamp: "2026-12-06T09:00:00Z" },
  spec: {
    description: "Clone, test and lint, build.",
    params: [{ name: "revision", default: "main" }],
    tasks: [
      { name: "clone" },
      { name: "test", runAfter: ["clone"], params: [{ name: "commit", value: "$(tasks.clone.results.commit)" }] },
      { name: "lint", runAfter: ["clone"] },
      { name: "build", runAfter: ["test", "lint"] },
    ],
    finally: [{ name: "notify", params: [{ name: "outcome", value: "$(tasks.status)" }] }],
  },
};

const run = (name: string, cond: { status: "True" | "False" | "Unknown"; reason: string; message?: string } | undefined, times: { startTime?: string; completionTime?: string }, by?: string): PipelineRunObject => ({
  metadata: {
    name,
    namespace: "acme-payments",
    uid: name,
    creationTimestamp: times.startTime ?? "2026-12-06T10:04:00Z",
    annotations: by ? { "pilothouse.dev/started-by": by } : undefined,
  },
  spec: { pipelineRef: { name: "build-test-image" }, params: [{ name: "revision", value: "main" }] },
  status: { ...times, conditions: cond ? [{ type: "Succeeded", ...cond }] : undefined },
});

const succeeded = run("build-test-image-7kq2d", { status: "True", reason: "Succeeded" }, { startTime: "2026-12-06T10:00:00Z", completionTime: "2026-12-06T10:01:05Z" }, "carol");
const failed = run("build-test-image-m3x8p", { status: "False", reason: "Failed", message: "Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 1" }, { startTime: "2026-12-06T10:01:00Z", completionTime: "2026-12-06T10:01:04Z" }, "carol");
const running = run("build-test-image-w5n4t", { status: "Unknown", reason: "Running" }, { startTime: "2026-12-06T10:03:00Z" });
const pending = run("build-test-image-zzzzz", undefined, {});

describe("pipelines page", () => {
  it("lists pipelines and runs with their status, pipeline, starter and duration", () => {
    for (const m of [EN, ZH]) {
      const html = render(
        <PipelinesView
          pipelines={[{ cluster: "member-1", obj: pipeline }]}
          pipelineruns={[succeeded, failed, running, pending].map((obj) => ({ cluster: "member-1", obj }))}
          problems={[{ cluster: "member-2", status: 503, message: "connection refused" }]}
          truncated={[]}
          clusters={2}
        />,
        m,
      );
      expect(html).toContain('data-row-testid="pipeline-row-member-1-acme-payments-build-test-image"');
      expect(html).toContain('href="/c/member-1/ns/acme-payments/pipelines/build-test-image"');
      expect(html).toContain('data-row-testid="pipelinerun-row-member-1-acme-payments-build-test-image-m3x8p"');
      expect(html).toContain('href="/c/member-1/ns/acme-payments/pipelineruns/build-test-image-m3x8p"');
      expect(html).toContain('title="Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 1"');
      expect(html).toContain("connection refused");
      expect(html).toContain('data-testid="pipelines-problems"');
      // The pipeline's recent runs: the newest (pending) as its last, half of the two finished succeeded, in 35 s on average.
      if (m === EN) {
        expect(html).toContain(">Last run<");
        expect(html).toContain(">50% of 2<");
        expect(html).toContain(">35s<");
        expect(html).toContain('href="/c/member-1/ns/acme-payments/pipelineruns/build-test-image-zzzzz"');
      }
    }
    const html = render(
      <PipelinesView pipelines={[]} pipelineruns={[succeeded, failed, running, pending].map((obj) => ({ cluster: "member-1", obj }))} problems={[]} truncated={[]} clusters={1} />,
    );
    for (const s of ["Succeeded", "Failed", "Running", "Pending"]) expect(html).toContain(`>${s}<`);
    // Done runs by their times; a running one up to now; one not started has none.
    expect(html).toContain(">1m5s<");
    expect(html).toContain(">4s<");
    expect(html).toContain(">2m<");
    expect(html).toContain(">carol<");
    expect(html).toContain("No pipelines in the projects you may see.");
    // Newest first: the run created last comes first.
    expect(html.indexOf("build-test-image-zzzzz")).toBeLessThan(html.indexOf("build-test-image-7kq2d"));
    expect(render(<PipelinesView pipelines={[]} pipelineruns={[]} problems={[]} truncated={[]} clusters={1} />)).toContain("No pipeline runs in the projects you may see.");
    expect(render(<PipelinesView pipelines={[]} pipelineruns={[]} problems={[]} truncated={[]} clusters={0} />)).toContain("You may not use any cluster yet.");
    expect(render(<PipelinesView pipelines={[]} pipelineruns={[]} problems={[]} truncated={[]} clusters={0} />, ZH)).toContain("你还不能使用任何集群。");
  });

  it("narrows the runs by status and by pipeline (a pipeline is its cluster, project and name)", () => {
    const rows = [succeeded, failed, running].map((obj) => ({ cluster: "member-1", obj }));
    const other = { cluster: "member-2", obj: { ...succeeded, metadata: { ...succeeded.metadata, name: "build-test-image-elsewhere" } } };
    const names = (f: { status: string; pipeline: string }) => filterRuns([...rows, other], f).map((r) => r.obj.metadata.name);
    expect(names({ status: "", pipeline: "" })).toHaveLength(4);
    expect(names({ status: "Failed", pipeline: "" })).toEqual(["build-test-image-m3x8p"]);
    expect(names({ status: "Succeeded", pipeline: "member-1/acme-payments/build-test-image" })).toEqual(["build-test-image-7kq2d"]);
    expect(names({ status: "", pipeline: "member-2/acme-payments/build-test-image" })).toEqual(["build-test-image-elsewhere"]);
    expect(names({ status: "TimedOut", pipeline: "" })).toEqual([]);
    for (const m of [EN, ZH]) {
      const html = render(<PipelinesView pipelines={[{ cluster: "member-1", obj: pipeline }]} pipelineruns={rows} problems={[]} truncated={[]} clusters={1} />, m);
      expect(html).toContain('data-testid="run-filters"');
      expect(html).toContain('value="member-1/acme-payments/build-test-image"');
      expect(html).toContain('value="TimedOut"');
    }
  });

  it("reads each planned list on its own and shows what arrived", () => {
    const plan = { lists: [{ cluster: "member-1", slug: "pipelineruns", namespace: "acme-payments" }, { cluster: "member-2", slug: "pipelines" }], problems: [], clusters: 2 };
    const seed = (qc: QueryClient) => qc.setQueryData(listKey("member-1", "/apis/tekton.dev/v1/namespaces/acme-payments/pipelineruns?limit=500"), { metadata: {}, items: [failed] });
    const html = render(<Pipelines plan={plan} />, EN, seed);
    expect(html).toContain('data-row-testid="pipelinerun-row-member-1-acme-payments-build-test-image-m3x8p"');
    expect(html).toContain("Reading 1 list…");
  });
});

describe("pipeline views", () => {
  it("list a pipeline's tasks with what each waits for, finally apart", () => {
    for (const m of [EN, ZH]) {
      const html = render(<PipelineTasks cluster="member-1" obj={pipeline} />, m);
      expect(html).toContain('data-testid="task-clone"');
      expect(html).toContain('data-testid="task-notify"');
      expect(html).toContain('data-kind="result"');
    }
    const html = render(<PipelineTasks cluster="member-1" obj={pipeline} />);
    // The graph is drawn in the browser only; its section and placeholder are there at once.
    expect(html).toContain('id="related-graph"');
    expect(html).toContain('data-testid="pipeline-dag-loading"');
    expect(html).toContain("clone (its results)");
    expect(html).toContain("After all tasks");
    const empty = render(<PipelineTasks cluster="member-1" obj={{ metadata: { name: "empty" } }} />);
    expect(empty).toContain("This pipeline has no tasks.");
    expect(empty).not.toContain('id="related-graph"');
  });

  it("list a run's task runs (read live, in the browser) and skipped tasks", () => {
    const withSkipped = { ...failed, status: { ...failed.status, skippedTasks: [{ name: "build", reason: "Parent Tasks were skipped" }] } };
    for (const m of [EN, ZH]) {
      const html = render(<PipelineRunRelated cluster="member-1" obj={withSkipped} />, m);
      expect(html).toContain('id="related-taskruns"');
      expect(html).toContain('data-testid="skipped-build"');
      expect(html).toContain("Parent Tasks were skipped");
    }
    expect(render(<PipelineRunRelated cluster="member-1" obj={failed} />)).not.toContain("Skipped tasks");
    // A graph once the run carries its pipeline's spec; none before.
    expect(render(<PipelineRunRelated cluster="member-1" obj={{ ...failed, status: { ...failed.status, pipelineSpec: pipeline.spec } }} />)).toContain('id="related-graph"');
    expect(render(<PipelineRunRelated cluster="member-1" obj={failed} />)).not.toContain('id="related-graph"');
  });

  it("list a task run's steps with how each ended", () => {
    const tr: TaskRunObject = {
      metadata: { name: "x", namespace: "acme-payments" },
      status: {
        steps: [
          { name: "unit", terminated: { exitCode: 1, reason: "Error", startedAt: "2026-12-06T10:00:00Z", finishedAt: "2026-12-06T10:00:02Z" } },
          { name: "report", running: { startedAt: "2026-12-06T10:04:30Z" } },
        ],
      },
    };
    for (const m of [EN, ZH]) {
      const html = render(<TaskRunStepsView cluster="member-1" obj={tr} />, m);
      expect(html).toContain('data-testid="step-unit" data-status="Failed"');
      expect(html).toContain('data-testid="step-report" data-status="Running"');
    }
    const html = render(<TaskRunStepsView cluster="member-1" obj={tr} />);
    expect(html).toContain("Exit code 1");
    expect(html).toContain(">2s<");
    expect(html).toContain(">30s<");
    expect(render(<TaskRunStepsView cluster="member-1" obj={{ metadata: { name: "y" } }} />)).toContain("No steps have started yet.");
  });
});

describe("pipeline graph", () => {
  it("draws each task with its state, duration and TaskRun link, the finally tasks in their group", () => {
    const tasks = {
      clone: { status: "Succeeded", href: "/c/member-1/ns/acme-payments/taskruns/r-clone", seconds: 65, runs: 1 },
      test: { status: "Running", seconds: 4, runs: 3 },
      lint: { status: "Failed" },
      build: { status: "Skipped" },
      notify: { status: "Waiting" },
    } as const;
    for (const m of [EN, ZH]) {
      const html = render(<PipelineGraph spec={pipeline.spec} tasks={tasks} label="graph of build-test-image" />, m);
      expect(html).toContain('data-testid="pipeline-dag"');
      expect(html).toContain('aria-label="graph of build-test-image"');
      expect(html).toMatch(/<a [^>]*data-testid="dag-node-clone" data-status="Succeeded" href="\/c\/member-1\/ns\/acme-payments\/taskruns\/r-clone"/);
      expect(html).toContain('data-testid="dag-node-test" data-status="Running"');
      expect(html).toContain('data-testid="dag-node-build" data-status="Skipped"');
      expect(html).toContain('data-testid="dag-node-notify" data-status="Waiting"');
      expect(html).toContain('data-testid="dag-finally"');
    }
    const html = render(<PipelineGraph spec={pipeline.spec} tasks={tasks} label="g" />);
    expect(html).toContain(">1m5s<");
    expect(html).toContain("×3");
    expect(html).toContain('title="3 task runs"');
    expect(render(<PipelineGraph spec={pipeline.spec} tasks={tasks} label="g" />, ZH)).toContain(">已跳过<");
    // A pipeline's graph has no states.
    expect(render(<PipelineGraph spec={pipeline.spec} label="g" />)).toContain('data-testid="dag-node-build" data-status="none"');
  });

  it("dashes result edges and moves those into a running task", () => {
    const edges = flowEdges(layoutPipeline(pipelineGraph(pipeline.spec)).edges, { test: { status: "Running" }, lint: { status: "Succeeded" } });
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]));
    expect(byId["clone>test"]).toMatchObject({ source: "clone", target: "test", animated: true, style: { strokeDasharray: "5 4" } });
    expect(byId["clone>lint"]).toMatchObject({ animated: false, style: undefined });
    expect(byId["test>build"].animated).toBe(false);
  });
});

describe("a deleted run's page", () => {
  const kept = {
    cluster: "member-1",
    namespace: "acme-payments",
    run: "build-test-image-old01",
    pipeline: "build-test-image",
    keptAt: "2026-12-06T09:30:00Z",
    steps: [
      { task: "clone", step: "fetch", pod: "p1", container: "step-fetch", bytes: 120, truncated: false, log: "+ git clone --depth 1 --branch main .\n4f1a9c2" },
      { task: "test", step: "unit", pod: "p2", container: "step-unit", bytes: 131072, truncated: true, log: "=== RUN   TestCharge" },
      { task: "build", step: "push", pod: "p3", container: "step-push", bytes: 0, truncated: false, error: "pod p3 was gone", log: "" },
    ],
  };

  it("shows the step logs the console kept, a tab per step, the first one open", () => {
    for (const m of [EN, ZH]) {
      const html = render(<KeptRunLogsView kept={kept} />, m);
      expect(html).toContain('data-testid="kept-logs"');
      expect(html).toContain("clone › fetch");
      expect(html).toContain("build › push");
      expect(html).toContain("+ git clone --depth 1 --branch main .");
      expect(html).not.toContain("TestCharge");
    }
    expect(render(<KeptRunLogsView kept={kept} />)).toContain("kept its step logs on Dec 6, 2026");
  });
});

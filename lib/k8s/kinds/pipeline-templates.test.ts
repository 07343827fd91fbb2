import { describe, expect, it } from "vitest";
import { type PipelineSpec, pipelineGraph } from "./pipeline";
import { PIPELINE_TEMPLATES, pipelineTemplate } from "./pipeline-templates";

describe("pipeline templates", () => {
  it("orders build-and-test as clone → test ‖ lint with report finally", () => {
    const p = pipelineTemplate("build-and-test", "shop") as { metadata: { namespace: string }; spec: PipelineSpec };
    expect(p.metadata.namespace).toBe("shop");
    const g = pipelineGraph(p.spec);
    expect(g.tasks).toEqual(["clone", "test", "lint"]);
    expect(g.finally).toEqual(["report"]);
    expect(g.edges).toEqual(
      expect.arrayContaining([
        { from: "clone", to: "test", kind: "runAfter" },
        { from: "clone", to: "lint", kind: "runAfter" },
        { from: "clone", to: "report", kind: "result" },
      ]),
    );
  });

  it("orders build-image-and-deploy by results: clone → build → deploy", () => {
    const g = pipelineGraph((pipelineTemplate("build-image-and-deploy", "shop") as { spec: PipelineSpec }).spec);
    expect(g.edges).toEqual([
      { from: "clone", to: "build", kind: "result" },
      { from: "build", to: "deploy", kind: "result" },
    ]);
  });

  it("gives every step a script (no registry look-up for an entrypoint)", () => {
    for (const key of PIPELINE_TEMPLATES) {
      const spec = (pipelineTemplate(key, "ns") as { spec: { tasks: { taskSpec: { steps: { script?: string }[] } }[]; finally?: { taskSpec: { steps: { script?: string }[] } }[] } }).spec;
      for (const t of [...spec.tasks, ...(spec.finally ?? [])]) for (const s of t.taskSpec.steps) expect(s.script, key).toMatch(/\S/);
    }
  });
});

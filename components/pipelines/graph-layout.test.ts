import { describe, expect, it } from "vitest";
import { type PipelineSpec, pipelineGraph } from "@/lib/k8s/kinds/pipeline";
import { layoutPipeline } from "./graph-layout";

const diamond: PipelineSpec = {
  tasks: [
    { name: "clone" },
    { name: "test", runAfter: ["clone"], params: [{ name: "commit", value: "$(tasks.clone.results.commit)" }] },
    { name: "lint", runAfter: ["clone"] },
    { name: "build", runAfter: ["test", "lint"] },
  ],
  finally: [{ name: "notify", params: [{ name: "commit", value: "$(tasks.clone.results.commit)" }] }, { name: "cleanup" }],
};

const byId = (l: ReturnType<typeof layoutPipeline>) => Object.fromEntries(l.nodes.map((n) => [n.id, n]));

describe("layoutPipeline", () => {
  it("lays a diamond out left to right", () => {
    const l = layoutPipeline(pipelineGraph(diamond));
    const n = byId(l);
    expect(n.test.x).toBe(n.lint.x);
    expect(n.test.y).not.toBe(n.lint.y);
    expect(n.clone.x).toBeLessThan(n.test.x);
    expect(n.build.x).toBeGreaterThan(n.test.x);
    for (const x of l.nodes) if (x.id !== "clone") expect(x.x).toBeGreaterThan(n.clone.x);
    // Boxes do not overlap within a column.
    expect(Math.abs(n.test.y - n.lint.y)).toBeGreaterThanOrEqual(n.test.height);
  });

  it("puts the finally tasks in a column of their own right of every task", () => {
    const l = layoutPipeline(pipelineGraph(diamond));
    const n = byId(l);
    const tasks = l.nodes.filter((x) => !x.finally);
    const fin = l.nodes.filter((x) => x.finally);
    expect(fin.map((x) => x.id)).toEqual(["notify", "cleanup"]);
    for (const f of fin) for (const t of tasks) expect(f.x).toBeGreaterThanOrEqual(t.x + t.width);
    expect(n.notify.x).toBe(n.cleanup.x);
    expect(n.cleanup.y).toBeGreaterThanOrEqual(n.notify.y + n.notify.height);
    // The group's box holds them; the result edge into a finally task stays, none is added.
    const box = l.finallyBox!;
    for (const f of fin) {
      expect(f.x).toBeGreaterThan(box.x);
      expect(f.y).toBeGreaterThan(box.y);
      expect(f.x + f.width).toBeLessThan(box.x + box.width);
      expect(f.y + f.height).toBeLessThan(box.y + box.height);
    }
    expect(l.edges.filter((e) => e.to === "notify")).toEqual([{ id: "clone>notify", from: "clone", to: "notify", kind: "result" }]);
    expect(l.edges.filter((e) => e.to === "cleanup")).toEqual([]);
  });

  it("keeps the edges with their kinds and fits everything from the origin", () => {
    const l = layoutPipeline(pipelineGraph(diamond));
    expect(l.edges.map((e) => `${e.id}:${e.kind}`)).toEqual(["clone>test:result", "clone>lint:runAfter", "test>build:runAfter", "lint>build:runAfter", "clone>notify:result"]);
    for (const x of l.nodes) {
      expect(x.x).toBeGreaterThanOrEqual(0);
      expect(x.y).toBeGreaterThanOrEqual(0);
      expect(x.x + x.width).toBeLessThanOrEqual(l.width);
      expect(x.y + x.height).toBeLessThanOrEqual(l.height);
    }
    expect(l.finallyBox!.y).toBeGreaterThanOrEqual(0);
  });

  it("is deterministic", () => {
    expect(layoutPipeline(pipelineGraph(diamond))).toEqual(layoutPipeline(pipelineGraph(diamond)));
  });

  it("handles a pipeline of only finally tasks, and none at all", () => {
    const only = layoutPipeline(pipelineGraph({ finally: [{ name: "a" }] }));
    expect(only.nodes).toHaveLength(1);
    expect(only.nodes[0]).toMatchObject({ id: "a", finally: true });
    expect(only.nodes[0].y).toBeGreaterThanOrEqual(0);
    expect(layoutPipeline(pipelineGraph(undefined))).toEqual({ nodes: [], edges: [], finallyBox: undefined, width: 0, height: 0 });
  });

  it("takes node sizes from the options", () => {
    const l = layoutPipeline(pipelineGraph(diamond), { nodeWidth: 100, nodeHeight: 30 });
    expect(l.nodes.every((x) => x.width === 100 && x.height === 30)).toBe(true);
  });
});

import dagre from "@dagrejs/dagre";
import type { PipelineEdge, PipelineGraph } from "@/lib/k8s/kinds/pipeline";

// Where each task of a pipeline graph goes, left to right in the order Tekton
// runs them. Pure: the same graph gives the same picture.

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Space between columns (ranks). */
  rankSep?: number;
  /** Space between nodes of one column. */
  nodeSep?: number;
  /** Room above the finally group for its label. */
  groupLabel?: number;
}

/** A task's box; x and y are its top-left corner (as React Flow places nodes). */
export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  finally: boolean;
}

export interface LayoutEdge extends PipelineEdge {
  id: string;
}

export interface LayoutBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PipelineLayout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  /** The box around the finally tasks (label room included), when there are any. */
  finallyBox?: LayoutBox;
  /** The extent of everything, from (0, 0). */
  width: number;
  height: number;
}

const DEFAULTS: Required<LayoutOptions> = { nodeWidth: 180, nodeHeight: 56, rankSep: 56, nodeSep: 20, groupLabel: 24 };
const GROUP_PAD = 12;

export function layoutPipeline(graph: PipelineGraph, opts: LayoutOptions = {}): PipelineLayout {
  const o = { ...DEFAULTS, ...opts };
  const w = o.nodeWidth;
  const h = o.nodeHeight;

  const g = new dagre.graphlib.Graph<object, { width: number; height: number; x?: number; y?: number }>();
  g.setGraph({ rankdir: "LR", ranksep: o.rankSep, nodesep: o.nodeSep, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of graph.tasks) g.setNode(id, { width: w, height: h });
  const taskSet = new Set(graph.tasks);
  for (const e of graph.edges) if (taskSet.has(e.from) && taskSet.has(e.to)) g.setEdge(e.from, e.to);
  if (graph.tasks.length) dagre.layout(g);

  // dagre gives centres; React Flow wants corners.
  const nodes: LayoutNode[] = graph.tasks.map((id) => {
    const n = g.node(id);
    return { id, x: (n.x ?? 0) - w / 2, y: (n.y ?? 0) - h / 2, width: w, height: h, finally: false };
  });

  // Tekton runs finally tasks after all others: one column right of everything, not ranked by dagre
  // (an edge from every task would tangle the picture and say nothing).
  let finallyBox: LayoutBox | undefined;
  if (graph.finally.length) {
    const right = nodes.length ? Math.max(...nodes.map((n) => n.x + n.width)) + o.rankSep : 0;
    const top = nodes.length ? Math.min(...nodes.map((n) => n.y)) : 0;
    const bottom = nodes.length ? Math.max(...nodes.map((n) => n.y + n.height)) : 0;
    const stack = graph.finally.length * h + (graph.finally.length - 1) * o.nodeSep;
    const y0 = (top + bottom) / 2 - stack / 2;
    const x0 = right + GROUP_PAD;
    graph.finally.forEach((id, i) => nodes.push({ id, x: x0, y: y0 + i * (h + o.nodeSep), width: w, height: h, finally: true }));
    finallyBox = { x: right, y: y0 - GROUP_PAD - o.groupLabel, width: w + 2 * GROUP_PAD, height: stack + 2 * GROUP_PAD + o.groupLabel };
  }

  // From (0, 0): the finally label may stick out above the tasks.
  const minX = Math.min(0, ...nodes.map((n) => n.x), finallyBox?.x ?? 0);
  const minY = Math.min(0, ...nodes.map((n) => n.y), finallyBox?.y ?? 0);
  for (const n of nodes) {
    n.x -= minX;
    n.y -= minY;
  }
  if (finallyBox) finallyBox = { ...finallyBox, x: finallyBox.x - minX, y: finallyBox.y - minY };
  const width = Math.max(0, ...nodes.map((n) => n.x + n.width), finallyBox ? finallyBox.x + finallyBox.width : 0);
  const height = Math.max(0, ...nodes.map((n) => n.y + n.height), finallyBox ? finallyBox.y + finallyBox.height : 0);

  const known = new Set([...graph.tasks, ...graph.finally]);
  const edges = graph.edges.filter((e) => known.has(e.from) && known.has(e.to)).map((e) => ({ id: `${e.from}>${e.to}`, ...e }));
  return { nodes, edges, finallyBox, width, height };
}

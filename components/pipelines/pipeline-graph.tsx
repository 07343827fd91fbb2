"use client";

import { Controls, type Edge, Handle, MarkerType, type Node, type NodeProps, Position, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useDark } from "@/components/monitoring/use-dark";
import { StatusBadge } from "@/components/workloads/columns";
import { formatDuration } from "@/lib/k8s/kinds/duration";
import { type PipelineSpec, pipelineGraph, runTone } from "@/lib/k8s/kinds/pipeline";
import { type LayoutEdge, layoutPipeline } from "./graph-layout";
import type { TaskState } from "./task-states";

// A pipeline's tasks as the graph Tekton runs, left to right, the finally
// tasks in a group of their own; with a run's states when given. Loaded only
// in the browser through next/dynamic (see pipeline-views.tsx): React Flow
// measures the page, and pages without a graph never download it.

export interface PipelineGraphProps {
  spec: PipelineSpec | undefined;
  /** A run's state of each pipeline task, by its name. */
  tasks?: Record<string, TaskState>;
  /** What the graph shows, for assistive technology. */
  label: string;
}

type TaskNode = Node<{ name: string; state?: TaskState }, "task">;
type GroupNode = Node<{ label: string }, "finallyGroup">;

const accent = {
  green: "border-l-emerald-500",
  red: "border-l-red-500",
  sky: "border-l-sky-500",
  slate: "border-l-slate-400 dark:border-l-slate-500",
} as const;

const hiddenHandle = { opacity: 0, pointerEvents: "none" } as const;

function TaskNodeView({ data }: NodeProps<TaskNode>) {
  const t = useTranslations("workloads.detail");
  const { name, state } = data;
  const body = (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      <div className="truncate font-mono text-xs font-medium text-slate-900 dark:text-slate-100" title={name}>
        {name}
      </div>
      {state && (
        <div className="mt-1 flex items-center justify-between gap-2">
          <StatusBadge status={state.status} tone={runTone(state.status)} />
          <span className="text-xs tabular-nums text-slate-500 dark:text-slate-400">
            {(state.runs ?? 0) > 1 && <span title={t("taskRunCount", { count: state.runs ?? 0 })}>{t("matrixRuns", { count: state.runs ?? 0 })} </span>}
            {state.seconds !== undefined && formatDuration(state.seconds)}
          </span>
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </>
  );
  const box = `block h-full w-full rounded-md border border-l-4 border-slate-200 bg-white px-2 py-1.5 shadow-sm dark:border-slate-700 dark:bg-slate-900 ${state ? accent[runTone(state.status)] : "border-l-slate-300 dark:border-l-slate-600"}`;
  const hooks = { "data-testid": `dag-node-${name}`, "data-status": state?.status ?? "none" };
  return state?.href ? (
    <Link href={state.href} prefetch={false} className={`${box} hover:border-sky-400 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:border-sky-500`} {...hooks}>
      {body}
    </Link>
  ) : (
    <div className={box} {...hooks}>
      {body}
    </div>
  );
}

function FinallyGroupView({ data }: NodeProps<GroupNode>) {
  return (
    <div className="h-full w-full rounded-lg border border-dashed border-slate-300 bg-slate-50/60 px-3 pt-1 dark:border-slate-600 dark:bg-slate-800/30" data-testid="dag-finally">
      <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{data.label}</span>
    </div>
  );
}

const nodeTypes = { task: TaskNodeView, finallyGroup: FinallyGroupView };

/** React Flow's edges: result edges dashed, order edges solid; those into a running task moving. */
export function flowEdges(edges: LayoutEdge[], tasks: Record<string, TaskState> | undefined): Edge[] {
  return edges.map((e) => {
    const to = tasks?.[e.to]?.status;
    return {
      id: e.id,
      source: e.from,
      target: e.to,
      animated: to === "Running" || to === "Pending",
      style: e.kind === "result" ? { strokeDasharray: "5 4" } : undefined,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      data: { kind: e.kind },
    };
  });
}

const MIN_HEIGHT = 160;
const MAX_HEIGHT = 480;
const PAD = 24;

/** A box as tall as the graph (within bounds) for React Flow, which fills its parent. */
export function graphHeight(layoutHeight: number) {
  return Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(layoutHeight) + 2 * PAD));
}

export function PipelineGraph({ spec, tasks, label }: PipelineGraphProps) {
  const t = useTranslations("workloads.detail");
  const dark = useDark();
  const layout = useMemo(() => layoutPipeline(pipelineGraph(spec)), [spec]);
  const finallyLabel = t("finallyTasks");

  const nodes = useMemo(() => {
    const out: (TaskNode | GroupNode)[] = [];
    // The group first: React Flow draws nodes in order, so it stays behind its tasks.
    if (layout.finallyBox) {
      const b = layout.finallyBox;
      out.push({ id: "finally:group", type: "finallyGroup", position: { x: b.x, y: b.y }, width: b.width, height: b.height, data: { label: finallyLabel }, selectable: false, focusable: false });
    }
    for (const n of layout.nodes) out.push({ id: n.id, type: "task", position: { x: n.x, y: n.y }, width: n.width, height: n.height, data: { name: n.id, state: tasks?.[n.id] } });
    return out;
  }, [layout, tasks, finallyLabel]);

  const edges = useMemo(() => flowEdges(layout.edges, tasks), [layout, tasks]);

  const ariaLabelConfig = useMemo(
    () => ({
      // Nothing here can be selected or moved: React Flow's hints about that would mislead.
      "node.a11yDescription.default": "",
      "node.a11yDescription.keyboardDisabled": "",
      "edge.a11yDescription.default": "",
      "controls.ariaLabel": t("graphControls"),
      "controls.zoomIn.ariaLabel": t("zoomIn"),
      "controls.zoomOut.ariaLabel": t("zoomOut"),
      "controls.fitView.ariaLabel": t("fitView"),
    }),
    [t],
  );

  return (
    <div
      role="group"
      aria-label={label}
      data-testid="pipeline-dag"
      className="w-full overflow-hidden rounded-lg border border-slate-200 dark:border-slate-700"
      style={{ height: graphHeight(layout.height) }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        colorMode={dark ? "dark" : "light"}
        style={{ background: "transparent" }}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
        minZoom={0.2}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        // The page scrolls past the graph; pinch, Ctrl+wheel, double-click and the buttons zoom it.
        zoomOnScroll={false}
        preventScrolling={false}
        ariaLabelConfig={ariaLabelConfig}
        proOptions={{ hideAttribution: true }}
      >
        <Controls showInteractive={false} orientation="horizontal" position="bottom-right" />
      </ReactFlow>
    </div>
  );
}

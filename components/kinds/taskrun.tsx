import { ObjectLink, RunDuration, Started, TaskRunStepsView } from "@/components/pipelines/pipeline-views";
import { TaskRunLogsTab } from "@/components/pipelines/step-logs";
import { TEKTON_GROUP, paramLines, runProblem, runSeconds, runStatus, runTone } from "@/lib/k8s/kinds/pipeline";
import { type TaskRunObject, taskRunPipelineRun, taskRunPipelineTask, taskRunStepCount, taskRunTask } from "@/lib/k8s/kinds/taskrun";
import { lines, mono, statusColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

export const taskruns = defineKind<TaskRunObject>({
  slug: "taskruns",
  kind: "TaskRun",
  group: TEKTON_GROUP,
  version: "v1",
  rowId: "taskrun",
  // Reached from their pipeline runs.
  inNav: false,
  initialSort: { id: "age", desc: false },
  columns: [
    statusColumn(runStatus, { width: "8rem", tone: runTone, title: runProblem }),
    valueColumn("pipelineTask", "pipelineTask", "minmax(8rem,1fr)", (t) => taskRunPipelineTask(t) ?? ""),
    valueColumn("steps", "steps", "5rem", taskRunStepCount),
    { id: "duration", label: "duration", width: "7rem", cell: (t) => <RunDuration run={t} />, sortValue: (t) => runSeconds(t) ?? -1 },
  ],
  status: runStatus,
  tone: runTone,
  problem: runProblem,
  conditions: (t) => t.status?.conditions,
  summary: [
    { label: "pipelineRun", value: (t, at) => <ObjectLink cluster={at.cluster} ns={t.metadata.namespace ?? ""} slug="pipelineruns" name={taskRunPipelineRun(t)} /> },
    { label: "task", value: (t) => mono(taskRunTask(t)) },
    { label: "params", value: (t) => lines(paramLines(t.spec?.params)) },
    { label: "started", value: (t) => <Started run={t} /> },
    { label: "duration", value: (t) => <RunDuration run={t} /> },
    { label: "results", value: (t) => lines(paramLines(t.status?.results)) },
    { label: "pod", value: (t, at) => <ObjectLink cluster={at.cluster} ns={t.metadata.namespace ?? ""} slug="pods" name={t.status?.podName} /> },
  ],
  brief: (t) => runStatus(t),
  related: TaskRunStepsView,
  tabs: [{ key: "logs", render: TaskRunLogsTab, requires: { verb: "get", resource: "core/pods/log" } }],
});

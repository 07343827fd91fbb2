import { KeptRunLogs } from "@/components/pipelines/kept-logs";
import { ObjectLink, PipelineRunRelated, RunDuration, Started } from "@/components/pipelines/pipeline-views";
import { PipelineRunActions } from "@/components/pipelines/run-actions";
import { type PipelineRunObject, TEKTON_GROUP, paramLines, runPipelineName, runProblem, runSeconds, runStartedBy, runStatus, runTone } from "@/lib/k8s/kinds/pipeline";
import { RERUN_OF_ANNOTATION } from "@/lib/k8s/kinds/pipeline-run";
import { lines, statusColumn } from "./columns";
import { defineKind } from "./kind";

export const pipelineruns = defineKind<PipelineRunObject>({
  slug: "pipelineruns",
  kind: "PipelineRun",
  group: TEKTON_GROUP,
  version: "v1",
  rowId: "pipelinerun",
  initialSort: { id: "age", desc: false },
  columns: [
    statusColumn(runStatus, { width: "8rem", tone: runTone, title: runProblem }),
    {
      id: "pipeline",
      label: "pipeline",
      width: "minmax(10rem,1.5fr)",
      cell: (r, at) => <ObjectLink cluster={at.cluster} ns={r.metadata.namespace ?? at.ns} slug="pipelines" name={runPipelineName(r)} />,
      sortValue: (r) => runPipelineName(r) ?? "",
    },
    { id: "startedBy", label: "startedBy", width: "8rem", cell: (r) => runStartedBy(r) ?? "—", sortValue: (r) => runStartedBy(r) ?? "" },
    { id: "duration", label: "duration", width: "7rem", cell: (r) => <RunDuration run={r} />, sortValue: (r) => runSeconds(r) ?? -1 },
  ],
  status: runStatus,
  tone: runTone,
  problem: runProblem,
  conditions: (r) => r.status?.conditions,
  summary: [
    { label: "pipeline", value: (r, at) => <ObjectLink cluster={at.cluster} ns={r.metadata.namespace ?? ""} slug="pipelines" name={runPipelineName(r)} /> },
    { label: "params", value: (r) => lines(paramLines(r.spec?.params)) },
    { label: "startedBy", value: (r) => runStartedBy(r) ?? "—" },
    { label: "rerunOf", value: (r, at) => <ObjectLink cluster={at.cluster} ns={r.metadata.namespace ?? ""} slug="pipelineruns" name={r.metadata.annotations?.[RERUN_OF_ANNOTATION]} /> },
    { label: "started", value: (r) => <Started run={r} /> },
    { label: "duration", value: (r) => <RunDuration run={r} /> },
    { label: "results", value: (r) => lines(paramLines(r.status?.results)) },
  ],
  brief: (r) => runStatus(r),
  related: PipelineRunRelated,
  actions: PipelineRunActions,
  gone: KeptRunLogs,
  starter: (ns) => ({
    apiVersion: `${TEKTON_GROUP}/v1`,
    kind: "PipelineRun",
    metadata: { name: "example-run", namespace: ns },
    spec: { pipelineRef: { name: "example" }, params: [] },
  }),
});

import { PipelineTasks } from "@/components/pipelines/pipeline-views";
import { PipelineActions } from "@/components/pipelines/run-actions";
import { type PipelineObject, TEKTON_GROUP, paramLines } from "@/lib/k8s/kinds/pipeline";
import { PIPELINE_TEMPLATES, pipelineTemplate } from "@/lib/k8s/kinds/pipeline-templates";
import { lines, namesColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

const taskNames = (p: PipelineObject) => (p.spec?.tasks ?? []).map((t) => t.name);
const finallyNames = (p: PipelineObject) => (p.spec?.finally ?? []).map((t) => t.name);
const paramNames = (p: PipelineObject) => (p.spec?.params ?? []).map((x) => x.name);

export const pipelines = defineKind<PipelineObject>({
  slug: "pipelines",
  kind: "Pipeline",
  group: TEKTON_GROUP,
  version: "v1",
  rowId: "pipeline",
  columns: [
    valueColumn("tasks", "tasks", "6rem", (p) => taskNames(p).length),
    namesColumn("params", "params", paramNames),
    namesColumn("finally", "finally", finallyNames),
  ],
  summary: [
    { label: "description", value: (p) => p.spec?.description || "—" },
    { label: "tasks", value: (p) => lines(taskNames(p)) },
    { label: "params", value: (p) => lines(paramLines(p.spec?.params, "default")) },
    { label: "results", value: (p) => lines(paramLines(p.spec?.results)) },
  ],
  brief: (p) => taskNames(p).join(" → "),
  related: PipelineTasks,
  actions: PipelineActions,
  templates: PIPELINE_TEMPLATES.map((key) => ({ key, build: (ns: string) => pipelineTemplate(key, ns) })),
  // Steps need a script (or a command): the fleet's Tekton plays them, images are not pulled.
  starter: (ns) => ({
    apiVersion: `${TEKTON_GROUP}/v1`,
    kind: "Pipeline",
    metadata: { name: "example", namespace: ns },
    spec: {
      params: [{ name: "greeting", type: "string", default: "hello" }],
      tasks: [
        {
          name: "say",
          params: [{ name: "greeting", value: "$(params.greeting)" }],
          taskSpec: { params: [{ name: "greeting", type: "string" }], steps: [{ name: "echo", image: "busybox:1.36", script: "echo $(params.greeting)" }] },
        },
      ],
    },
  }),
});

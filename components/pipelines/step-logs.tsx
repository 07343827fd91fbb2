"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/states";
import { Tabs } from "@/components/ui/tabs";
import { StatusBadge } from "@/components/workloads/columns";
import { LogStream } from "@/components/workloads/pod-logs";
import { listQuery } from "@/lib/client/list-query";
import { type PipelineRunObject, runStatus, runTone } from "@/lib/k8s/kinds/pipeline";
import { type TaskRunObject, pipelineRunTaskRunsPath, taskRunPipelineTask, taskRunStepLogs } from "@/lib/k8s/kinds/taskrun";

// Step logs: a tab per step of a TaskRun, each its container's log in the
// TaskRun's pod, followed while the step runs and read whole once it ended;
// on a run's page, the same for the task picked (the one running, else the
// one that failed, else the first).

/** A TaskRun's steps as tabs, the running one (else the failed one) first. */
export function TaskRunLogs({ cluster, taskRun }: { cluster: string; taskRun: TaskRunObject }) {
  const t = useTranslations("workloads.detail");
  const { pod, steps, first } = taskRunStepLogs(taskRun);
  const [picked, setPicked] = useState<string>();
  const [retry, setRetry] = useState(0);
  const selected = steps.find((s) => s.name === picked) ?? steps.find((s) => s.name === first);
  if (!pod || !selected) return <EmptyState title={t("noStepLogs")} />;
  return (
    <div data-testid="step-logs" data-step={selected.name}>
      <Tabs label={t("stepLogs")} tabs={steps.map((s) => ({ key: s.name, label: s.name }))} selected={selected.name} onSelect={setPicked}>
        <div className="space-y-2">
          <StatusBadge status={selected.status} tone={runTone(selected.status)} />
          {selected.status === "Waiting" ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("stepNotStarted")}</p>
          ) : (
            <LogStream
              // A step that ends is read again whole: the follow of a running step does not end by itself here.
              key={`${pod}/${selected.container}/${selected.follow}/${retry}`}
              cluster={cluster}
              ns={taskRun.metadata.namespace ?? ""}
              pod={pod}
              o={{ container: selected.container, follow: selected.follow, previous: false, tail: "all", timestamps: false }}
              onReconnect={() => setRetry((n) => n + 1)}
              height="h-80"
            />
          )}
        </div>
      </Tabs>
    </div>
  );
}

/** The TaskRun page's Logs tab. */
export function TaskRunLogsTab({ cluster, obj }: { cluster: string; obj: TaskRunObject }) {
  return <TaskRunLogs cluster={cluster} taskRun={obj} />;
}

/** A run's logs: pick a task (its TaskRun), then its steps. Reads the TaskRuns list the run's page keeps live. */
export function RunLogs({ cluster, run }: { cluster: string; run: PipelineRunObject }) {
  const t = useTranslations("workloads.detail");
  const id = useId();
  const { data } = useSuspenseQuery(listQuery<TaskRunObject>(cluster, pipelineRunTaskRunsPath(run.metadata.namespace ?? "", run.metadata.name ?? "")));
  const taskRuns = [...data.items].sort((a, b) => (a.status?.startTime ?? "~").localeCompare(b.status?.startTime ?? "~"));
  const [picked, setPicked] = useState<string>();
  const first = taskRuns.find((x) => runStatus(x) === "Running") ?? taskRuns.find((x) => runStatus(x) === "Failed") ?? taskRuns[0];
  const selected = taskRuns.find((x) => x.metadata.name === picked) ?? first;
  if (!selected) return <EmptyState title={t("noStepLogs")} />;
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-task`} className="text-sm font-medium">
          {t("task")}
        </label>
        <select id={`${id}-task`} value={selected.metadata.name} onChange={(e) => setPicked(e.target.value)} className={`${inputClass} w-64`}>
          {taskRuns.map((x) => (
            <option key={x.metadata.name} value={x.metadata.name}>
              {`${taskRunPipelineTask(x) ?? x.metadata.name} · ${runStatus(x)}`}
            </option>
          ))}
        </select>
      </div>
      <TaskRunLogs key={selected.metadata.name} cluster={cluster} taskRun={selected} />
    </div>
  );
}

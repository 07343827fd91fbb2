"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { definedKind } from "@/components/kinds/kind";
import { Age } from "@/components/ui/age";
import { Section as UiSection } from "@/components/ui/section";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge } from "@/components/workloads/columns";
import { KindTableView } from "@/components/workloads/kind-table";
import { LiveSection } from "@/components/workloads/live-section";
import { listQuery } from "@/lib/client/list-query";
import { useLiveList } from "@/lib/client/use-live-list";
import { useNow } from "@/lib/client/use-now";
import { formatDuration } from "@/lib/k8s/kinds/duration";
import { detailHref } from "@/lib/k8s/kinds/kind";
import { type PipelineObject, type PipelineRunObject, type PipelineSpec, pipelineTaskWaits, runSeconds, runTone } from "@/lib/k8s/kinds/pipeline";
import { type TaskRunObject, pipelineRunTaskRunsPath, taskRunSteps } from "@/lib/k8s/kinds/taskrun";
import { RunLogs } from "./step-logs";
import { runTaskStates } from "./task-states";

// What a pipeline, a run and a task run are made of, under their summary:
// a pipeline's tasks in order, a run's TaskRuns and skipped tasks, a task
// run's steps. Also the small client pieces the kind modules' cells use.

const tableWrap = "overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700";
const theadClass = "bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-800/60 dark:text-slate-300";
const th = "px-3 py-2";
const td = "px-3 py-2 align-top";
const linkClass = "font-mono text-xs text-sky-800 hover:underline dark:text-sky-300";

function GraphSkeleton() {
  return <div aria-hidden data-testid="pipeline-dag-loading" className="h-40 w-full animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800/60" />;
}

// React Flow only in the browser (it measures the page), in a chunk of its own.
const PipelineGraph = dynamic(() => import("./pipeline-graph").then((m) => m.PipelineGraph), { ssr: false, loading: GraphSkeleton });

const hasTasks = (spec: PipelineSpec | undefined): spec is PipelineSpec => Boolean(spec?.tasks?.length || spec?.finally?.length);

/** A run's duration, counting up to now while it runs: the same now on server and client. */
export function RunDuration({ run }: { run: { status?: { startTime?: string; completionTime?: string } } }) {
  return <>{formatDuration(runSeconds(run, useNow()))}</>;
}

/** A link to an object of a kind in the namespace, or a dash. */
export function ObjectLink({ cluster, ns, slug, name }: { cluster: string; ns: string; slug: string; name: string | undefined }) {
  if (!name) return <>—</>;
  return (
    <Link href={detailHref(cluster, ns, slug, name)} prefetch={false} className={linkClass}>
      {name}
    </Link>
  );
}

/** When a run started, as an age; a dash before it did. */
export function Started({ run }: { run: PipelineRunObject | TaskRunObject }) {
  return run.status?.startTime ? <Age ts={run.status.startTime} /> : <>—</>;
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <UiSection id={id} title={title}>
      <LiveSection>{children}</LiveSection>
    </UiSection>
  );
}

/** A pipeline's tasks in the order Tekton runs them, with what each waits for; the finally tasks apart. */
export function PipelineTasks({ obj }: { cluster: string; obj: PipelineObject }) {
  const t = useTranslations("workloads.detail");
  const all = pipelineTaskWaits(obj.spec);
  const table = (rows: typeof all, label: string, fin: boolean) => (
    <div className={tableWrap}>
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className={theadClass}>
          <tr>
            <th className={th}>{t("task")}</th>
            <th className={th}>{t("waitsFor")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className="border-t border-slate-100 dark:border-slate-800" data-testid={`task-${r.name}`}>
              <td className={`${td} font-mono text-xs`}>{r.name}</td>
              <td className={td}>
                {fin && <span className="text-slate-600 dark:text-slate-400">{t("afterAllTasks")} </span>}
                {r.after.length === 0 && !fin ? (
                  <span className="text-slate-500">—</span>
                ) : (
                  <ul className="inline-flex flex-wrap gap-x-3 gap-y-0.5">
                    {r.after.map((a) => (
                      <li key={a.from} className="font-mono text-xs" data-kind={a.kind}>
                        {a.kind === "result" ? t("resultOf", { task: a.from }) : a.from}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  const tasks = all.filter((x) => !x.finally);
  const fin = all.filter((x) => x.finally);
  return (
    <>
      {hasTasks(obj.spec) && (
        <UiSection id="related-graph" title={t("graph")}>
          <PipelineGraph spec={obj.spec} label={t("graph")} />
        </UiSection>
      )}
      <UiSection id="related-tasks" title={t("tasks")}>
        {tasks.length ? table(tasks, t("tasks"), false) : <EmptyState title={t("noTasks")} />}
      </UiSection>
      {fin.length > 0 && (
        <UiSection id="related-finally" title={t("finallyTasks")}>
          {table(fin, t("finallyTasks"), true)}
        </UiSection>
      )}
    </>
  );
}

const runTaskRunsPath = (run: PipelineRunObject) => pipelineRunTaskRunsPath(run.metadata.namespace ?? "", run.metadata.name ?? "");

function RunTaskRuns({ cluster, run }: { cluster: string; run: PipelineRunObject }) {
  const ns = run.metadata.namespace ?? "";
  const taskruns = definedKind("taskruns");
  const { items } = useLiveList<TaskRunObject>(cluster, runTaskRunsPath(run));
  return <KindTableView kind={taskruns} cluster={cluster} ns={ns} items={items} compact />;
}

/**
 * The run's graph with each task's state. It reads the TaskRuns from the query
 * cache entry that RunTaskRuns' useLiveList loads and keeps current with its
 * watch (both render under PipelineRunRelated): one list request and one
 * watch for the two sections, each keeping its heading and its own loading and
 * error state.
 */
function RunGraph({ cluster, run, spec }: { cluster: string; run: PipelineRunObject; spec: PipelineSpec }) {
  const t = useTranslations("workloads.detail");
  const { data } = useSuspenseQuery(listQuery<TaskRunObject>(cluster, runTaskRunsPath(run)));
  const now = useNow();
  const tasks = useMemo(() => runTaskStates(run, data.items, cluster, now), [run, data.items, cluster, now]);
  return <PipelineGraph spec={spec} tasks={tasks} label={t("graph")} />;
}

/** A run's TaskRuns (live) and the tasks it skipped, with why. */
export function PipelineRunRelated({ cluster, obj }: { cluster: string; obj: PipelineRunObject }) {
  const t = useTranslations("workloads.detail");
  const tk = useTranslations("workloads.kinds");
  const skipped = obj.status?.skippedTasks ?? [];
  const spec = obj.status?.pipelineSpec ?? obj.spec?.pipelineSpec;
  return (
    <>
      {hasTasks(spec) && (
        <Section id="related-graph" title={t("graph")}>
          <RunGraph cluster={cluster} run={obj} spec={spec} />
        </Section>
      )}
      <Section id="related-taskruns" title={tk("taskruns")}>
        <RunTaskRuns cluster={cluster} run={obj} />
      </Section>
      <Section id="related-logs" title={t("stepLogs")}>
        <RunLogs cluster={cluster} run={obj} />
      </Section>
      {skipped.length > 0 && (
        <UiSection id="related-skipped" title={t("skippedTasks")}>
          <div className={tableWrap}>
            <table className="w-full text-left text-sm" aria-label={t("skippedTasks")}>
              <thead className={theadClass}>
                <tr>
                  <th className={th}>{t("task")}</th>
                  <th className={th}>{t("conditionReason")}</th>
                </tr>
              </thead>
              <tbody>
                {skipped.map((s) => (
                  <tr key={s.name} className="border-t border-slate-100 dark:border-slate-800" data-testid={`skipped-${s.name}`}>
                    <td className={`${td} font-mono text-xs`}>{s.name}</td>
                    <td className={td}>{s.reason ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </UiSection>
      )}
    </>
  );
}

/** A task run's steps in order: how each ended (exit code), runs or waits, and for how long. */
export function TaskRunStepsView({ obj }: { cluster: string; obj: TaskRunObject }) {
  const t = useTranslations("workloads.detail");
  const steps = taskRunSteps(obj, useNow());
  return (
    <UiSection id="related-steps" title={t("steps")}>
      {steps.length === 0 ? (
        <EmptyState title={t("noSteps")} />
      ) : (
        <div className={tableWrap}>
          <table className="w-full text-left text-sm" aria-label={t("steps")}>
            <thead className={theadClass}>
              <tr>
                <th className={th}>{t("step")}</th>
                <th className={th}>{t("status")}</th>
                <th className={th}>{t("conditionReason")}</th>
                <th className={th}>{t("duration")}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.name} className="border-t border-slate-100 dark:border-slate-800" data-testid={`step-${s.name}`} data-status={s.status}>
                  <td className={`${td} font-mono text-xs`}>{s.name}</td>
                  <td className={td}>
                    <StatusBadge status={s.status} tone={runTone(s.status)} />
                  </td>
                  <td className={td}>
                    {s.reason ?? "—"}
                    {s.exitCode !== undefined && s.exitCode !== 0 && <span className="ml-2 text-xs text-slate-500">{t("exitCode", { code: s.exitCode })}</span>}
                  </td>
                  <td className={td}>{formatDuration(s.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </UiSection>
  );
}

import { detailHref } from "@/lib/k8s/kinds/kind";
import { type PipelineRunObject, type RunStatus, runSeconds, runStatus } from "@/lib/k8s/kinds/pipeline";
import { type TaskRunObject, taskRunPipelineTask } from "@/lib/k8s/kinds/taskrun";

// Where each task of a run stands, for its graph: from the run's TaskRuns
// (read live), the tasks it skipped, and waiting for the rest. Pure.

export type TaskStatus = RunStatus | "Skipped" | "Waiting";

export interface TaskState {
  status: TaskStatus;
  /** The TaskRun's page (the first by name when a matrix made several). */
  href?: string;
  seconds?: number;
  /** How many TaskRuns the task has (a matrix fans out). */
  runs?: number;
}

// Of several TaskRuns of one task (a matrix), the state that says most: one still going, else the worst ending.
const RANK: RunStatus[] = ["Running", "Cancelling", "Pending", "Failed", "TimedOut", "Cancelled", "Succeeded"];

export function runTaskStates(run: PipelineRunObject, taskruns: TaskRunObject[], cluster: string, now = Date.now()): Record<string, TaskState> {
  const spec = run.status?.pipelineSpec ?? run.spec?.pipelineSpec;
  const ns = run.metadata.namespace ?? "";
  const byTask = new Map<string, TaskRunObject[]>();
  for (const tr of taskruns) {
    const task = taskRunPipelineTask(tr);
    if (task) byTask.set(task, [...(byTask.get(task) ?? []), tr]);
  }
  const skipped = new Set((run.status?.skippedTasks ?? []).map((s) => s.name));
  const out: Record<string, TaskState> = {};
  for (const name of [...(spec?.tasks ?? []), ...(spec?.finally ?? [])].map((t) => t.name)) {
    const trs = [...(byTask.get(name) ?? [])].sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
    if (trs.length === 0) {
      out[name] = { status: skipped.has(name) ? "Skipped" : "Waiting" };
      continue;
    }
    const statuses = trs.map((tr) => runStatus(tr));
    const status = RANK.find((s) => statuses.includes(s)) ?? statuses[0];
    const secs = trs.map((tr) => runSeconds(tr, now)).filter((s): s is number => s !== undefined);
    out[name] = {
      status,
      href: trs[0].metadata.name ? detailHref(cluster, ns, "taskruns", trs[0].metadata.name) : undefined,
      seconds: secs.length ? Math.max(...secs) : undefined,
      runs: trs.length,
    };
  }
  return out;
}

"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { FleetKindSection, FleetState } from "@/components/fleet/fleet-lists-view";
import { type FleetList, type FleetPlan, type FleetProblem, type FleetRow, useFleetLists } from "@/components/fleet/use-fleet-lists";
import type { Column } from "@/components/table/data-table";
import { inputClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge, useStatusLabel } from "@/components/workloads/columns";
import { formatDuration } from "@/lib/k8s/kinds/duration";
import { detailHref } from "@/lib/k8s/kinds/kind";
import { type PipelineRunObject, type PipelineRunStats, type RunStatus, pipelineRunStats, runPipelineName, runStatus, runTone } from "@/lib/k8s/kinds/pipeline";

// The Pipelines page: Tekton pipelines and their runs across the caller's
// clusters and projects, runs newest first. The server plans which lists the
// caller may read (planPipelines); each is read on its own (useFleetLists).

export interface PipelinesViewProps {
  pipelines: FleetRow[];
  pipelineruns: FleetRow[];
  problems: FleetProblem[];
  truncated: FleetList[];
  clusters: number;
  loading?: number;
  onRefresh?: () => void;
  refreshing?: boolean;
}

const SLUGS = ["pipelines", "pipelineruns"] as const;
const MESSAGES = "workloads.pipelines";

/** Reads the planned lists and draws them as they arrive. */
export function Pipelines({ plan }: { plan: FleetPlan }) {
  const { rows, ...state } = useFleetLists(plan, SLUGS);
  return <PipelinesView pipelines={rows.pipelines} pipelineruns={rows.pipelineruns} clusters={plan.clusters} {...state} />;
}

const rowKey = (r: FleetRow) => `${r.cluster}/${r.obj.metadata.namespace}/${r.obj.metadata.name}`;

/** A pipeline's last run, success rate and mean duration, from the runs on the page. */
function useStatsColumns(pipelineruns: FleetRow[]): Column<FleetRow>[] {
  const t = useTranslations(MESSAGES);
  const stats = useMemo(
    () =>
      pipelineRunStats(
        pipelineruns,
        (r) => r.obj as PipelineRunObject,
        (r) => {
          const p = runPipelineName(r.obj as PipelineRunObject);
          return p ? `${r.cluster}/${r.obj.metadata.namespace}/${p}` : undefined;
        },
      ),
    [pipelineruns],
  );
  return useMemo(() => {
    const of = (r: FleetRow): PipelineRunStats | undefined => stats.get(rowKey(r));
    const rate = (s: PipelineRunStats | undefined) => (s?.finished ? Math.round((100 * s.succeeded) / s.finished) : -1);
    return [
      {
        id: "lastRun",
        header: t("lastRun"),
        width: "minmax(9rem,1fr)",
        cell: (r) => {
          const last = of(r)?.last;
          if (!last) return <span className="text-slate-500">{t("never")}</span>;
          const status = runStatus(last);
          return (
            <Link href={detailHref(r.cluster, last.metadata.namespace ?? "", "pipelineruns", last.metadata.name ?? "")} prefetch={false} title={last.metadata.name}>
              <StatusBadge status={status} tone={runTone(status)} />
            </Link>
          );
        },
        sortValue: (r) => of(r)?.last.metadata.creationTimestamp ?? "",
        filterValue: (r) => {
          const last = of(r)?.last;
          return last ? runStatus(last) : "";
        },
      },
      {
        id: "successRate",
        header: t("successRate"),
        width: "7rem",
        cell: (r) => {
          const s = of(r);
          return s?.finished ? t("rateOf", { rate: rate(s), count: s.finished }) : "—";
        },
        sortValue: (r) => rate(of(r)),
      },
      { id: "meanDuration", header: t("meanDuration"), width: "7rem", cell: (r) => formatDuration(of(r)?.meanSeconds), sortValue: (r) => of(r)?.meanSeconds ?? -1 },
    ];
  }, [stats, t]);
}

const RUN_STATUSES: RunStatus[] = ["Running", "Pending", "Succeeded", "Failed", "Cancelled", "Cancelling", "TimedOut"];

export interface RunFilter {
  status: string;
  pipeline: string;
}

/** The runs a filter keeps: "" matches any; a pipeline is named "<cluster>/<namespace>/<name>" (the same name may live in several projects). */
export function filterRuns(runs: FleetRow[], f: RunFilter): FleetRow[] {
  if (!f.status && !f.pipeline) return runs;
  return runs.filter((r) => {
    const run = r.obj as PipelineRunObject;
    if (f.status && runStatus(run) !== f.status) return false;
    return !f.pipeline || `${r.cluster}/${run.metadata.namespace}/${runPipelineName(run) ?? ""}` === f.pipeline;
  });
}

/** Status and pipeline selects over the runs. */
function RunFilters({ pipelines, value, onChange }: { pipelines: FleetRow[]; value: RunFilter; onChange: (f: RunFilter) => void }) {
  const t = useTranslations(MESSAGES);
  const label = useStatusLabel();
  const id = useId();
  const named = pipelines
    .map((p) => ({ key: `${p.cluster}/${p.obj.metadata.namespace}/${p.obj.metadata.name}`, text: `${p.obj.metadata.name} · ${p.obj.metadata.namespace} · ${p.cluster}` }))
    .sort((a, b) => a.text.localeCompare(b.text));
  return (
    <div className="flex flex-wrap items-center gap-4" data-testid="run-filters">
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-status`} className="text-sm font-medium">
          {t("filterStatus")}
        </label>
        <select id={`${id}-status`} value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value })} className={`${inputClass} w-40`}>
          <option value="">{t("filterAll")}</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-pipeline`} className="text-sm font-medium">
          {t("filterPipeline")}
        </label>
        <select id={`${id}-pipeline`} value={value.pipeline} onChange={(e) => onChange({ ...value, pipeline: e.target.value })} className={`${inputClass} w-80`}>
          <option value="">{t("filterAll")}</option>
          {named.map((p) => (
            <option key={p.key} value={p.key}>
              {p.text}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Pure: draws the rows and problems it is given. */
export function PipelinesView({ pipelines, pipelineruns, problems, truncated, clusters, loading = 0, onRefresh, refreshing }: PipelinesViewProps) {
  const t = useTranslations(MESSAGES);
  const statsColumns = useStatsColumns(pipelineruns);
  const [filter, setFilter] = useState<RunFilter>({ status: "", pipeline: "" });
  const runs = useMemo(() => filterRuns(pipelineruns, filter), [pipelineruns, filter]);
  if (clusters === 0) return <EmptyState title={t("noClusters")} />;
  return (
    <div className="space-y-8">
      <FleetState messages={MESSAGES} testId="pipelines" clusters={clusters} problems={problems} truncated={truncated} loading={loading} onRefresh={onRefresh} refreshing={refreshing} />
      <FleetKindSection slug="pipelines" rows={pipelines} messages={MESSAGES} extraColumns={statsColumns} />
      <FleetKindSection
        slug="pipelineruns"
        rows={runs}
        total={pipelineruns.length}
        messages={MESSAGES}
        initialSort={{ id: "age", desc: true }}
        toolbar={<RunFilters pipelines={pipelines} value={filter} onChange={setFilter} />}
      />
    </div>
  );
}

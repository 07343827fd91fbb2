"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { FleetKindSection, FleetState } from "@/components/fleet/fleet-lists-view";
import { type FleetList, type FleetPlan, type FleetProblem, type FleetRow, useFleetLists } from "@/components/fleet/use-fleet-lists";
import type { Column } from "@/components/table/data-table";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge } from "@/components/workloads/columns";
import { formatDuration } from "@/lib/k8s/kinds/duration";
import { detailHref } from "@/lib/k8s/kinds/kind";
import { type PipelineRunObject, type PipelineRunStats, pipelineRunStats, runPipelineName, runStatus, runTone } from "@/lib/k8s/kinds/pipeline";

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

/** Pure: draws the rows and problems it is given. */
export function PipelinesView({ pipelines, pipelineruns, problems, truncated, clusters, loading = 0, onRefresh, refreshing }: PipelinesViewProps) {
  const t = useTranslations(MESSAGES);
  const statsColumns = useStatsColumns(pipelineruns);
  if (clusters === 0) return <EmptyState title={t("noClusters")} />;
  return (
    <div className="space-y-8">
      <FleetState messages={MESSAGES} testId="pipelines" clusters={clusters} problems={problems} truncated={truncated} loading={loading} onRefresh={onRefresh} refreshing={refreshing} />
      <FleetKindSection slug="pipelines" rows={pipelines} messages={MESSAGES} extraColumns={statsColumns} />
      <FleetKindSection slug="pipelineruns" rows={pipelineruns} messages={MESSAGES} initialSort={{ id: "age", desc: true }} />
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { FleetKindSection, FleetState } from "@/components/fleet/fleet-lists-view";
import { type FleetList, type FleetPlan, type FleetProblem, type FleetRow, useFleetLists } from "@/components/fleet/use-fleet-lists";
import { EmptyState } from "@/components/ui/states";

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

/** Pure: draws the rows and problems it is given. */
export function PipelinesView({ pipelines, pipelineruns, problems, truncated, clusters, loading = 0, onRefresh, refreshing }: PipelinesViewProps) {
  const t = useTranslations(MESSAGES);
  if (clusters === 0) return <EmptyState title={t("noClusters")} />;
  return (
    <div className="space-y-8">
      <FleetState messages={MESSAGES} testId="pipelines" clusters={clusters} problems={problems} truncated={truncated} loading={loading} onRefresh={onRefresh} refreshing={refreshing} />
      <FleetKindSection slug="pipelines" rows={pipelines} messages={MESSAGES} />
      <FleetKindSection slug="pipelineruns" rows={pipelineruns} messages={MESSAGES} initialSort={{ id: "age", desc: true }} />
    </div>
  );
}

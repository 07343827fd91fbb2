"use client";

import { useTranslations } from "next-intl";
import { FleetKindSection, FleetState } from "@/components/fleet/fleet-lists-view";
import { type FleetList, type FleetPlan, type FleetProblem, type FleetRow, useFleetLists } from "@/components/fleet/use-fleet-lists";
import { EmptyState } from "@/components/ui/states";

// The Network page: routes and ingresses across the caller's clusters and
// projects, gateways for those who may list them. The server plans which
// lists the caller may read (planNetwork); each is read here on its own, so a
// slow cluster holds back only its rows; NetworkView draws what has arrived.

export type NetworkRow = FleetRow;
export type NetworkProblem = FleetProblem;
export type NetworkList = FleetList;

export interface NetworkPlan extends FleetPlan {
  /** The caller may list gateways on some cluster. */
  gateways: boolean;
}

export interface NetworkViewProps {
  httproutes: NetworkRow[];
  ingresses: NetworkRow[];
  gateways: NetworkRow[] | null;
  problems: NetworkProblem[];
  /** Lists cut at FLEET_LIST_LIMIT objects. */
  truncated: NetworkList[];
  clusters: number;
  /** Lists still being read. */
  loading?: number;
  onRefresh?: () => void;
  refreshing?: boolean;
}

const SLUGS = ["httproutes", "ingresses", "gateways"] as const;

/** Reads the planned lists and draws them as they arrive. */
export function Network({ plan }: { plan: NetworkPlan }) {
  const { rows, ...state } = useFleetLists(plan, SLUGS);
  return <NetworkView httproutes={rows.httproutes} ingresses={rows.ingresses} gateways={plan.gateways ? rows.gateways : null} clusters={plan.clusters} {...state} />;
}

/** Pure: draws the rows and problems it is given. */
export function NetworkView({ httproutes, ingresses, gateways, problems, truncated, clusters, loading = 0, onRefresh, refreshing }: NetworkViewProps) {
  const t = useTranslations("workloads.network");
  if (clusters === 0) return <EmptyState title={t("noClusters")} />;
  return (
    <div className="space-y-8">
      <FleetState messages="workloads.network" testId="network" clusters={clusters} problems={problems} truncated={truncated} loading={loading} onRefresh={onRefresh} refreshing={refreshing} />
      <FleetKindSection slug="httproutes" rows={httproutes} messages="workloads.network" />
      <FleetKindSection slug="ingresses" rows={ingresses} messages="workloads.network" />
      {gateways && <FleetKindSection slug="gateways" rows={gateways} messages="workloads.network" hint={t("gatewaysHint")} />}
    </div>
  );
}

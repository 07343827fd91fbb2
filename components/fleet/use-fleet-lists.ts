"use client";

import { useQueries } from "@tanstack/react-query";
import { kindBySlug } from "@/components/kinds/registry";
import { ApiClientError } from "@/lib/client/api";
import { listQuery } from "@/lib/client/list-query";
import { withQuery } from "@/lib/k8s/kinds/common";
import type { KubeObject } from "@/lib/k8s/types";
import type { FleetList, FleetPlan, FleetProblem, FleetRow } from "@/lib/tenancy/fleet-plan";

export type { FleetList, FleetPlan, FleetProblem, FleetRow };

// Lists of some kinds across the caller's clusters and projects (the Network
// and Pipelines pages). The server plans which lists the caller may read
// (planFleetLists in lib/tenancy/fleet-lists.ts); each is read here on its
// own, so a slow cluster holds back only its rows.

export interface FleetLists {
  /** The rows of each kind by slug (every kind asked for has an entry). */
  rows: Record<string, FleetRow[]>;
  problems: FleetProblem[];
  /** Lists cut at FLEET_LIST_LIMIT objects. */
  truncated: FleetList[];
  /** Lists still being read. */
  loading: number;
  refreshing: boolean;
  onRefresh: () => void;
}

export const FLEET_LIST_LIMIT = 500;

/** Reads the planned lists, each on its own, and groups what has arrived by kind. */
export function useFleetLists(plan: FleetPlan, slugs: readonly string[]): FleetLists {
  const results = useQueries({
    queries: plan.lists.map((l) => {
      const kind = kindBySlug(l.slug)!;
      return { ...listQuery<KubeObject>(l.cluster, withQuery(kind.listPath(l.namespace), { limit: FLEET_LIST_LIMIT })), staleTime: 30_000, retry: false };
    }),
  });
  const out: FleetLists = { rows: Object.fromEntries(slugs.map((s) => [s, []])), problems: [...plan.problems], truncated: [], loading: 0, refreshing: false, onRefresh: () => undefined };
  plan.lists.forEach((l, i) => {
    const r = results[i];
    if (r.isPending) out.loading += 1;
    if (r.error) {
      // Not served there: a cluster without a kind's CRDs has none of it, which is no error.
      const status = r.error instanceof ApiClientError ? r.error.status : 0;
      if (status !== 404) out.problems.push({ cluster: l.cluster, namespace: l.namespace, kind: l.slug, status, message: r.error.message });
    }
    if (!r.data) return;
    const into = (out.rows[l.slug] ??= []);
    for (const obj of r.data.items) into.push({ cluster: l.cluster, obj });
    if (r.data.metadata.continue) out.truncated.push(l);
  });
  out.refreshing = results.some((r) => r.isFetching && !r.isPending);
  out.onRefresh = () => results.forEach((r) => void r.refetch());
  return out;
}

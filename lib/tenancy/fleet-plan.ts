import type { KubeObject } from "@/lib/k8s/types";

// The plan of a page across the fleet (which lists to read) and what its
// rows are: shared by the server's planner (./fleet-lists.ts) and the
// browser's reader (components/fleet/use-fleet-lists.ts). Types only.

export interface FleetRow {
  cluster: string;
  obj: KubeObject;
}

export interface FleetProblem {
  cluster: string;
  namespace?: string;
  /** A kind's slug; none for the cluster as a whole (unreachable). */
  kind?: string;
  status: number;
  message: string;
}

/** One list to read: a kind on a cluster, cluster-wide or in one namespace. */
export interface FleetList {
  cluster: string;
  slug: string;
  namespace?: string;
}

export interface FleetPlan {
  lists: FleetList[];
  problems: FleetProblem[];
  clusters: number;
}

import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { ClusterView } from "@/lib/validations/cluster";

export const clustersKey = ["console", "clusters"] as const;

export function clustersQuery() {
  return queryOptions({
    queryKey: clustersKey,
    queryFn: ({ signal }) => apiFetch<{ items: ClusterView[] }>("/api/clusters", { signal }),
    // Pushed by /api/clusters/events.
    staleTime: Infinity,
  });
}

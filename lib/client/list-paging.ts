import { withQuery } from "@/lib/k8s/kinds/common";
import type { KubeList, KubeObject } from "@/lib/k8s/types";

// A big collection arrives in pages (Kubernetes `limit` + `continue`, all from
// one snapshot): the server renders the first page, the browser fetches the
// rest in growing pages, then follows the watch from the snapshot's
// resourceVersion. Pure, so the paging rules are tested on their own.

/** What a server page prefetches: the first screen (about 30 rows on a tall one), not the whole collection. */
export const FIRST_PAGE_LIMIT = 50;
/** Pages after the first grow (fewer round trips) up to this size (bounded memory per response). */
export const MAX_PAGE_LIMIT = 2000;
const MIN_NEXT_PAGE = 500;

export function firstPagePath(path: string): string {
  return withQuery(path, { limit: FIRST_PAGE_LIMIT });
}

/** Size of the next page: about what is loaded already, within [500, MAX_PAGE_LIMIT]. */
export function nextPageLimit(loaded: number): number {
  return Math.min(MAX_PAGE_LIMIT, Math.max(MIN_NEXT_PAGE, loaded));
}

export function nextPagePath(path: string, token: string, loaded: number): string {
  return withQuery(path, { limit: nextPageLimit(loaded), continue: token });
}

export interface ListProgress {
  /** Objects in the list so far. */
  loaded: number;
  /** Objects in the whole collection, when the server said (it does not for filtered lists). */
  total?: number;
  complete: boolean;
}

export function listProgress(list: KubeList): ListProgress {
  const loaded = list.items.length;
  if (!list.metadata.continue) return { loaded, total: loaded, complete: true };
  const rest = list.metadata.remainingItemCount;
  return { loaded, total: typeof rest === "number" ? loaded + rest : undefined, complete: false };
}

/**
 * The list with the next page appended. The snapshot's resourceVersion stays
 * (a watch resumes from it); continue and the count of the rest come from the
 * page.
 */
export function appendPage<T extends KubeObject>(list: KubeList<T>, page: KubeList<T>): KubeList<T> {
  const metadata: KubeList["metadata"] = { ...list.metadata };
  delete metadata.continue;
  delete metadata.remainingItemCount;
  if (page.metadata.continue) metadata.continue = page.metadata.continue;
  if (page.metadata.continue && typeof page.metadata.remainingItemCount === "number") metadata.remainingItemCount = page.metadata.remainingItemCount;
  return { ...list, metadata, items: list.items.concat(page.items) };
}

/**
 * The list without its objects' managedFields: a third of a pod's JSON that no
 * table shows (the YAML view fetches the object itself). For what a server
 * page puts into its HTML.
 */
export function withoutManagedFields<T extends KubeObject>(list: KubeList<T>): KubeList<T> {
  if (!list.items.some((o) => o.metadata?.managedFields)) return list;
  return {
    ...list,
    items: list.items.map((o) => {
      if (!o.metadata?.managedFields) return o;
      const metadata = { ...o.metadata };
      delete metadata.managedFields;
      return { ...o, metadata };
    }),
  };
}

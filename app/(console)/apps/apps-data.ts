import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import type { Principal } from "@/lib/auth/principal";
import { catalogOf } from "@/lib/apps/catalog";
import { listRepositories } from "@/lib/apps/repositories";
import { type CatalogFilter, catalogQuery, repositoriesQuery } from "@/lib/query/apps";
import type { Runtime } from "@/lib/runtime";
import { catalogQuerySchema } from "@/lib/validations/apps";

// What the apps pages prefetch, read as the caller the way the API reads it.
// A failure leaves the query to the browser, which shows the API's answer.

/** The repositories (their first read waits a few seconds at most). */
export async function prefetchRepositories(qc: QueryClient, rt: Runtime, p: Principal) {
  try {
    qc.setQueryData(repositoriesQuery().queryKey, await listRepositories(rt, p));
  } catch {
    // The browser asks /api/apps/repositories.
  }
}

/** The catalog as the address filters it. */
export async function prefetchCatalog(qc: QueryClient, rt: Runtime, p: Principal, filter: CatalogFilter) {
  const { queryKey } = catalogQuery(filter);
  const [, , , q, category, repo] = queryKey;
  const query = catalogQuerySchema.safeParse({ q: q || undefined, category: category || undefined, repo: repo || undefined });
  if (!query.success) return;
  try {
    qc.setQueryData(queryKey, await catalogOf(rt).catalog(p, query.data));
  } catch {
    // The browser asks /api/apps/catalog (and shows a bad filter's 422).
  }
}

/** The one string of a search param. */
export const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

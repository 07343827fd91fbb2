import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { AuditPage } from "@/lib/validations/audit";
import { type AuditFilters, type HealthAnswer, PAGE_SIZE, auditPath, filtersToSearch, isTrailOff } from "./audit-model";

// Browser side of the audit trail's API (GET /api/audit, keyset pages newest
// first) and of the readiness probe that says how its database is doing.
// The answers are the types beside the schemas the route validates with
// (lib/validations/audit.ts).

export type { AuditEvent, AuditPage } from "@/lib/validations/audit";
export type { HealthAnswer } from "./audit-model";

// ---- query keys ----

export const auditKey = ["console", "audit"] as const;
export const healthKey = ["console", "healthz"] as const;

/** The key of the pages for these filters (equal filters, equal keys). */
export const auditPagesKey = (f: AuditFilters) => [...auditKey, "pages", filtersToSearch(f).toString()] as const;

/** The trail, a page at a time: each page's `next` is the cursor of the one after it. */
export function auditPagesQuery(f: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: auditPagesKey(f),
    queryFn: ({ signal, pageParam }) => apiFetch<AuditPage>(auditPath(f, { cursor: pageParam, limit: PAGE_SIZE }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    // New filters keep the old rows on screen (dimmed) until theirs arrive.
    placeholderData: keepPreviousData,
    // A console without a database says so at once; asking again will not give it one.
    retry: (n, err) => !isTrailOff(err) && n < 1,
  });
}

/** The probe, every 10 s: a database that stops taking rows shows while the page is open. */
export function healthQuery() {
  return queryOptions({
    queryKey: healthKey,
    queryFn: ({ signal }) => apiFetch<HealthAnswer>("/api/healthz", { signal }),
    refetchInterval: 10_000,
    staleTime: 5_000,
    // A 503 (a console still starting) is an answer too: the next poll asks again.
    retry: false,
  });
}

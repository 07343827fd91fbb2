import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type * as apps from "@/lib/validations/apps";

// Browser side of the apps API (/api/apps): chart repositories, the catalog
// built from them, and Helm releases in projects. Bodies and answers are the
// types beside the schemas the routes validate with (lib/validations/apps.ts).

export type {
  CatalogAnswer,
  CatalogChart,
  ChartDetail,
  CreateRepositoryBody,
  InstallBody,
  PreviewAnswer,
  ReleaseDetail,
  ReleaseObject,
  ReleaseView,
  ReleasesAnswer,
  RepositoriesAnswer,
  RepositoryView,
  RevisionView,
  UpgradeBody,
} from "@/lib/validations/apps";
export type { ObjectDiff } from "@/lib/apps/manifest-diff";

// ---- query keys ----

/** Everything apps-related: one prefix, so a new repository refreshes the catalog too. */
export const appsKey = ["console", "apps"] as const;
export const repositoriesKey = [...appsKey, "repositories"] as const;
export const catalogKey = [...appsKey, "catalog"] as const;
export const chartKey = [...appsKey, "chart"] as const;
export const releasesKey = [...appsKey, "releases"] as const;
export const releaseKey = (cluster: string, namespace: string, name: string) => [...releasesKey, "one", cluster, namespace, name] as const;

const enc = encodeURIComponent;

/** "?a=1&b=2" of the non-empty params, or "". */
function query(params: Record<string, string | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : "";
}

// ---- pages ----

export const chartHref = (repo: string, chart: string, version?: string) => `/apps/catalog/${enc(repo)}/${enc(chart)}${query({ version })}`;
export const releaseHref = (cluster: string, namespace: string, name: string) => `/apps/releases/${enc(cluster)}/${enc(namespace)}/${enc(name)}`;

// ---- repositories ----

/** The repositories the caller sees, each with its index's state, and where the caller may add one. */
export function repositoriesQuery() {
  return queryOptions({
    queryKey: repositoriesKey,
    queryFn: ({ signal }) => apiFetch<apps.RepositoriesAnswer>("/api/apps/repositories", { signal }),
  });
}

export function createRepository(body: apps.CreateRepositoryBody) {
  return apiFetch<apps.RepositoryView>("/api/apps/repositories", { method: "POST", body });
}

export function deleteRepository(name: string) {
  return apiFetch<void>(`/api/apps/repositories/${enc(name)}`, { method: "DELETE" });
}

/** Reads the repository's index now. */
export function refreshRepository(name: string) {
  return apiFetch<apps.RepositoryView>(`/api/apps/repositories/${enc(name)}/refresh`, { method: "POST" });
}

// ---- catalog ----

export interface CatalogFilter {
  q?: string;
  category?: string;
  repo?: string;
}

/** The charts of every repository the caller sees, narrowed by text, category and repository. */
export function catalogQuery(filter: CatalogFilter = {}) {
  const f = { q: filter.q?.trim() || undefined, category: filter.category || undefined, repo: filter.repo || undefined };
  return queryOptions({
    queryKey: [...catalogKey, f.q ?? "", f.category ?? "", f.repo ?? ""],
    queryFn: ({ signal }) => apiFetch<apps.CatalogAnswer>(`/api/apps/catalog${query(f)}`, { signal }),
  });
}

/** One chart at one version (the newest without one): README, default values, schema, versions. */
export function chartQuery(repo: string, chart: string, version?: string) {
  return queryOptions({
    queryKey: [...chartKey, repo, chart, version ?? ""],
    queryFn: ({ signal }) => apiFetch<apps.ChartDetail>(`/api/apps/catalog/${enc(repo)}/${enc(chart)}${query({ version })}`, { signal }),
    // A chart version's files never change.
    staleTime: 5 * 60_000,
  });
}

// ---- releases ----

/** The Helm releases of a project on a cluster. */
export function releasesQuery(cluster: string, namespace: string) {
  return queryOptions({
    queryKey: [...releasesKey, "list", cluster, namespace],
    queryFn: ({ signal }) => apiFetch<apps.ReleasesAnswer>(`/api/apps/releases${query({ cluster, namespace })}`, { signal }),
  });
}

/** A release: status, history, values, notes and the objects it owns. */
export function releaseQuery(cluster: string, namespace: string, name: string) {
  return queryOptions({
    queryKey: releaseKey(cluster, namespace, name),
    queryFn: ({ signal }) => apiFetch<apps.ReleaseDetail>(releaseAPI(cluster, namespace, name), { signal }),
  });
}

/** The values one revision was made with, as YAML ("" when none were given). */
export function revisionValuesQuery(cluster: string, namespace: string, name: string, revision: number) {
  return queryOptions({
    queryKey: [...releaseKey(cluster, namespace, name), "revision", revision],
    queryFn: ({ signal }) => apiFetch<{ revision: number; values: string }>(`${releaseAPI(cluster, namespace, name)}/revisions/${revision}`, { signal }),
    // A revision's values never change.
    staleTime: Infinity,
  });
}

const releaseAPI = (cluster: string, namespace: string, name: string) => `/api/apps/releases/${enc(cluster)}/${enc(namespace)}/${enc(name)}`;

/** What installing or upgrading would change, object by object; changes nothing. */
export function previewRelease(body: apps.PreviewBody) {
  return apiFetch<apps.PreviewAnswer>("/api/apps/releases/preview", { method: "POST", body });
}

/** Installs; answers once helm has waited for the workloads (seconds to minutes). */
export function installRelease(body: apps.InstallBody) {
  return apiFetch<apps.ReleaseView>("/api/apps/releases", { method: "POST", body });
}

export function upgradeRelease(cluster: string, namespace: string, name: string, body: apps.UpgradeBody) {
  return apiFetch<apps.ReleaseView>(releaseAPI(cluster, namespace, name), { method: "PUT", body });
}

export function rollbackRelease(cluster: string, namespace: string, name: string, revision: number) {
  return apiFetch<void>(`${releaseAPI(cluster, namespace, name)}/rollback`, { method: "POST", body: { revision } });
}

export function uninstallRelease(cluster: string, namespace: string, name: string) {
  return apiFetch<void>(releaseAPI(cluster, namespace, name), { method: "DELETE" });
}

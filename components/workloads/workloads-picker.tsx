"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { useErrorTitle } from "@/components/ui/query-view";
import { inputClass } from "@/components/ui/field";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { projectsKey } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { apiFetch } from "@/lib/client/api";
import { clustersQuery } from "@/lib/clusters/queries";
import { type NamespaceObject, namespacesPath } from "@/lib/k8s/kinds/namespace";
import { listHref, nsHref } from "@/lib/k8s/kinds/kind";
import { listQuery } from "@/lib/client/list-query";
import { otherNamespaces, placesFromProjects } from "./places";
import { useReadableKinds } from "./use-readable-kinds";

/**
 * Choose a cluster and a project (or, for those who may list a cluster's
 * namespaces, any namespace) and go to its workloads.
 */
export function WorkloadsPicker({ initialCluster, initialNs }: { initialCluster?: string; initialNs?: string }) {
  const t = useTranslations("workloads.picker");
  const tk = useTranslations("workloads.kinds");
  const tc = useTranslations("common");
  const errorTitle = useErrorTitle();
  const id = useId();
  const router = useRouter();
  const clusters = useQuery(clustersQuery());
  const projects = useQuery({
    queryKey: [...projectsKey, "places"],
    queryFn: ({ signal }) => apiFetch<{ items: unknown[] }>("/api/projects", { signal }),
  });
  const places = useMemo(() => placesFromProjects(projects.data?.items), [projects.data]);
  const clusterList = clusters.data?.items ?? [];

  const [picked, setPicked] = useState<{ cluster?: string; ns?: string }>({ cluster: initialCluster, ns: initialNs });
  // Until one is picked: the first cluster where the caller has a project, else the first cluster.
  const cluster = picked.cluster ?? places[0]?.cluster ?? clusterList[0]?.name ?? "";
  const inCluster = places.filter((p) => p.cluster === cluster);
  const ns = picked.ns ?? inCluster[0]?.namespace ?? "";

  const {
    allowed: [canListAll],
  } = useCan(cluster ? [{ verb: "list", resource: "core/namespaces", cluster }] : []);
  const readable = useReadableKinds(cluster, ns);
  const namespaces = useQuery({ ...listQuery<NamespaceObject>(cluster, namespacesPath), enabled: !!cluster && canListAll });
  const others = otherNamespaces((namespaces.data?.items ?? []).map((n) => n.metadata.name ?? ""), places, cluster);

  const choose = (next: { cluster?: string; ns?: string }) => {
    setPicked(next);
    const sp = new URLSearchParams();
    if (next.cluster) sp.set("cluster", next.cluster);
    if (next.ns) sp.set("ns", next.ns);
    router.replace(`/workloads${sp.size ? `?${sp}` : ""}`, { scroll: false });
  };

  if (clusters.isPending) return <LoadingState label={tc("loading")} />;
  if (clusters.isError) return <ErrorState title={errorTitle(clusters.error)} message={clusters.error.message} />;
  if (clusterList.length === 0) return <EmptyState title={t("noClusters")} />;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
        <div className="space-y-1">
          <label htmlFor={`${id}-cluster`} className="block text-sm font-medium">
            {t("cluster")}
          </label>
          <select id={`${id}-cluster`} value={cluster} onChange={(e) => choose({ cluster: e.target.value })} className={`${inputClass} w-64`}>
            {clusterList.map((c) => (
              <option key={c.name} value={c.name}>
                {c.displayName && c.displayName !== c.name ? `${c.displayName} (${c.name})` : c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-ns`} className="block text-sm font-medium">
            {t("namespace")}
          </label>
          <select id={`${id}-ns`} value={ns} onChange={(e) => choose({ cluster, ns: e.target.value })} className={`${inputClass} w-72`} disabled={projects.isPending && !canListAll}>
            {!ns && <option value="">{t("chooseNamespace")}</option>}
            {ns && !inCluster.some((p) => p.namespace === ns) && !others.includes(ns) && <option value={ns}>{ns}</option>}
            {inCluster.length > 0 && (
              <optgroup label={t("projects")}>
                {inCluster.map((p) => (
                  <option key={p.namespace} value={p.namespace}>
                    {p.displayName && p.displayName !== p.namespace ? `${p.displayName} (${p.namespace})` : p.namespace}
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label={t("otherNamespaces")}>
                {others.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        {ns && (
          <Link href={nsHref(cluster, ns)} className="mb-0.5 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-600 dark:hover:bg-sky-500">
            {t("open")}
          </Link>
        )}
      </div>

      {projects.isError && <ErrorState title={errorTitle(projects.error)} message={projects.error.message} />}
      {namespaces.isError && <ErrorState title={errorTitle(namespaces.error)} message={namespaces.error.message} />}

      {ns ? (
        <nav aria-label={t("kindsIn", { ns })}>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
            {readable.kinds.map(({ slug: s }) => (
              <li key={s}>
                <Link href={listHref(cluster, ns, s)} className="block rounded-lg border border-slate-200 p-3 text-sm font-medium hover:border-sky-400 hover:bg-sky-50/50 dark:border-slate-700 dark:hover:bg-slate-800/50">
                  {tk(s)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        !projects.isPending && (
          <EmptyState title={t("noNamespaces")}>
            <p>{t("noNamespacesHint")}</p>
          </EmptyState>
        )
      )}

      {places.length > 0 && (
        <section aria-labelledby={`${id}-all`} className="space-y-2">
          <h2 id={`${id}-all`} className="text-base font-semibold">
            {t("yourProjects")}
          </h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
            {places.map((p) => (
              <li key={`${p.cluster}/${p.namespace}`} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid={`place-${p.cluster}-${p.namespace}`}>
                <Link href={nsHref(p.cluster, p.namespace)} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
                  {p.displayName || p.namespace}
                </Link>
                <span className="font-mono text-xs text-slate-500">{p.namespace}</span>
                <span className="ml-auto text-xs text-slate-500">{t("onCluster", { cluster: clusterList.find((c) => c.name === p.cluster)?.displayName || p.cluster })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

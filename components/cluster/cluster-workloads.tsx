"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { KINDS, KIND_SLUGS, type KindSlug, detailHref } from "@/lib/k8s/kinds/registry";
import type { KubeObject } from "@/lib/k8s/types";
import { LiveIndicator } from "./live-indicator";

type Any = KubeObject & {
  spec?: { replicas?: number; schedule?: string; type?: string; completions?: number };
  status?: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number; phase?: string; succeeded?: number };
  data?: Record<string, string>;
};

/** One line that says how an object of any workload kind is doing. */
export function workloadSummary(kind: KindSlug, o: Any): string {
  switch (kind) {
    case "deployments":
    case "statefulsets":
    case "replicasets":
      return `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`;
    case "daemonsets":
      return `${o.status?.numberReady ?? 0}/${o.status?.desiredNumberScheduled ?? 0}`;
    case "pods":
    case "persistentvolumeclaims":
      return o.status?.phase ?? "";
    case "jobs":
      return `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`;
    case "cronjobs":
      return o.spec?.schedule ?? "";
    case "services":
      return o.spec?.type ?? "";
    case "configmaps":
    case "secrets":
      return String(Object.keys(o.data ?? {}).length);
  }
}

/**
 * A kind across every namespace of a cluster, for those with cluster-wide read
 * (the proxy answers 403 to others, as the Kubernetes API would).
 */
export function ClusterWorkloads({ cluster, kind }: { cluster: string; kind: KindSlug }) {
  const t = useTranslations("cluster.workloads");
  const tk = useTranslations("workloads.kinds");
  const router = useRouter();
  const info = KINDS[kind];
  const { items, state, progress } = useLiveList<Any>(cluster, info.listPath());
  const columns = useMemo<Column<Any>[]>(
    () => [
      {
        id: "name",
        header: t("name"),
        width: "minmax(12rem,2fr)",
        cell: (o) => (
          <Link href={detailHref(cluster, o.metadata.namespace ?? "", kind, o.metadata.name ?? "")} prefetch={false} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
            {o.metadata.name}
          </Link>
        ),
        sortValue: (o) => o.metadata.name ?? "",
      },
      {
        id: "namespace",
        header: t("namespace"),
        width: "minmax(10rem,1fr)",
        cell: (o) => (
          <Link href={`/c/${cluster}/ns/${o.metadata.namespace}`} prefetch={false} className="hover:underline">
            {o.metadata.namespace}
          </Link>
        ),
        sortValue: (o) => o.metadata.namespace ?? "",
      },
      { id: "status", header: t("status"), width: "10rem", cell: (o) => workloadSummary(kind, o) || "—", sortValue: (o) => workloadSummary(kind, o) },
      ageColumn(t("age")),
    ],
    [t, cluster, kind],
  );
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm">
        {t("kind")}
        <select
          value={kind}
          onChange={(e) => router.push(`/c/${cluster}/workloads?kind=${e.target.value}`)}
          className="rounded-md border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-600"
        >
          {KIND_SLUGS.map((k) => (
            <option key={k} value={k} className="text-slate-900">
              {tk(k)}
            </option>
          ))}
        </select>
      </label>
      <DataTable
        rows={items}
        columns={columns}
        rowKey={(o) => o.metadata.uid ?? `${o.metadata.namespace}/${o.metadata.name}`}
        label={tk(kind)}
        initialSort={{ id: "namespace", desc: false }}
        empty={t("none")}
        toolbar={<LiveIndicator state={state} />}
        progress={progress}
      />
    </div>
  );
}

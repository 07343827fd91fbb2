"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { KINDS, kindBySlug } from "@/components/kinds/registry";
import { detailHref, nsHref } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import { LiveIndicator } from "./live-indicator";

/**
 * A kind across every namespace of a cluster, for those with cluster-wide read
 * (the proxy answers 403 to others, as the Kubernetes API would).
 */
export function ClusterWorkloads({ cluster, slug }: { cluster: string; slug: string }) {
  const t = useTranslations("cluster.workloads");
  const tk = useTranslations("workloads.kinds");
  const router = useRouter();
  const info = kindBySlug(slug) ?? KINDS[0];
  const { items, state, progress } = useLiveList<KubeObject>(cluster, info.listPath());
  const columns = useMemo<Column<KubeObject>[]>(
    () => [
      {
        id: "name",
        header: t("name"),
        width: "minmax(12rem,2fr)",
        cell: (o) => (
          <Link href={detailHref(cluster, o.metadata.namespace ?? "", info.slug, o.metadata.name ?? "")} prefetch={false} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
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
          <Link href={nsHref(cluster, o.metadata.namespace ?? "")} prefetch={false} className="hover:underline">
            {o.metadata.namespace}
          </Link>
        ),
        sortValue: (o) => o.metadata.namespace ?? "",
      },
      { id: "status", header: t("status"), width: "10rem", cell: (o) => info.brief(o) || "—", sortValue: (o) => info.brief(o) },
      ageColumn(t("age")),
    ],
    [t, cluster, info],
  );
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm">
        {t("kind")}
        <select
          value={info.slug}
          onChange={(e) => router.push(`/c/${cluster}/workloads?kind=${e.target.value}`)}
          className="rounded-md border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-600"
        >
          {KINDS.map(({ slug: k }) => (
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
        label={tk(info.slug)}
        initialSort={{ id: "namespace", desc: false }}
        empty={t("none")}
        toolbar={<LiveIndicator state={state} />}
        progress={progress}
      />
    </div>
  );
}

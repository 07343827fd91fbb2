"use client";

import { Section } from "@/components/ui/section";
import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useMemo } from "react";
import type { KindModule } from "@/components/kinds/kind";
import { kindBySlug } from "@/components/kinds/registry";
import { type Column, DataTable } from "@/components/table/data-table";
import { Age } from "@/components/ui/age";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { RowTestId } from "@/components/workloads/columns";
import { ApiClientError } from "@/lib/client/api";
import { listQuery } from "@/lib/client/list-query";
import { withQuery } from "@/lib/k8s/kinds/common";
import { detailHref, nsHref } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";

// The Network page: routes and ingresses across the caller's clusters and
// projects, gateways for those who may list them. The server plans which
// lists the caller may read (planNetwork); each is read here on its own, so a
// slow cluster holds back only its rows; NetworkView draws what has arrived.

export interface NetworkRow {
  cluster: string;
  obj: KubeObject;
}

export interface NetworkProblem {
  cluster: string;
  namespace?: string;
  /** A kind's slug; none for the cluster as a whole (unreachable). */
  kind?: string;
  status: number;
  message: string;
}

/** One list to read: a kind on a cluster, cluster-wide or in one namespace. */
export interface NetworkList {
  cluster: string;
  slug: string;
  namespace?: string;
}

export interface NetworkPlan {
  lists: NetworkList[];
  problems: NetworkProblem[];
  /** The caller may list gateways on some cluster. */
  gateways: boolean;
  clusters: number;
}

export interface NetworkViewProps {
  httproutes: NetworkRow[];
  ingresses: NetworkRow[];
  gateways: NetworkRow[] | null;
  problems: NetworkProblem[];
  /** Lists cut at LIMIT objects. */
  truncated: NetworkList[];
  clusters: number;
  /** Lists still being read. */
  loading?: number;
  onRefresh?: () => void;
  refreshing?: boolean;
}

const LIMIT = 500;

/** Reads the planned lists and draws them as they arrive. */
export function Network({ plan }: { plan: NetworkPlan }) {
  const results = useQueries({
    queries: plan.lists.map((l) => {
      const kind = kindBySlug(l.slug)!;
      return { ...listQuery<KubeObject>(l.cluster, withQuery(kind.listPath(l.namespace), { limit: LIMIT })), staleTime: 30_000, retry: false };
    }),
  });
  const props: NetworkViewProps = { httproutes: [], ingresses: [], gateways: plan.gateways ? [] : null, problems: [...plan.problems], truncated: [], clusters: plan.clusters, loading: 0 };
  plan.lists.forEach((l, i) => {
    const r = results[i];
    if (r.isPending) props.loading! += 1;
    if (r.error) {
      // Not served there: a cluster without the Gateway API has no routes of it, which is no error.
      const status = r.error instanceof ApiClientError ? r.error.status : 0;
      if (status !== 404) props.problems.push({ cluster: l.cluster, namespace: l.namespace, kind: l.slug, status, message: r.error.message });
    }
    if (!r.data) return;
    const into = l.slug === "httproutes" ? props.httproutes : l.slug === "ingresses" ? props.ingresses : props.gateways!;
    for (const obj of r.data.items) into.push({ cluster: l.cluster, obj });
    if (r.data.metadata.continue) props.truncated.push(l);
  });
  props.refreshing = results.some((r) => r.isFetching && !r.isPending);
  props.onRefresh = () => results.forEach((r) => void r.refetch());
  return <NetworkView {...props} />;
}

function useColumns(kind: KindModule): Column<NetworkRow>[] {
  const t = useTranslations("workloads.columns");
  const tn = useTranslations("workloads.network");
  return useMemo(() => {
    const ns = (r: NetworkRow) => r.obj.metadata.namespace ?? "";
    const name = (r: NetworkRow) => r.obj.metadata.name ?? "";
    return [
      {
        id: "name",
        header: t("name"),
        width: "minmax(10rem,1.5fr)",
        cell: (r) => (
          <>
            <RowTestId id={`${kind.rowId}-row-${r.cluster}-${ns(r)}-${name(r)}`} />
            <Link href={detailHref(r.cluster, ns(r), kind.slug, name(r))} prefetch={false} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
              {name(r)}
            </Link>
          </>
        ),
        sortValue: name,
      },
      {
        id: "namespace",
        header: tn("namespace"),
        width: "minmax(8rem,1fr)",
        cell: (r) => (
          <Link href={nsHref(r.cluster, ns(r))} prefetch={false} className="hover:underline">
            {ns(r)}
          </Link>
        ),
        sortValue: ns,
      },
      { id: "cluster", header: tn("cluster"), width: "minmax(6rem,8rem)", cell: (r) => r.cluster, sortValue: (r) => r.cluster },
      ...kind.columns.map(
        (c): Column<NetworkRow> => ({
          id: c.id,
          header: t(c.label),
          width: c.width,
          cell: (r) => c.cell(r.obj, { cluster: r.cluster, ns: ns(r) }),
          sortValue: c.sortValue && ((r) => c.sortValue!(r.obj)),
          filterValue: c.filterValue ? (r) => c.filterValue!(r.obj) : c.sortValue ? (r) => String(c.sortValue!(r.obj)) : undefined,
        }),
      ),
      { id: "age", header: t("age"), width: "6rem", cell: (r) => <Age ts={r.obj.metadata.creationTimestamp} />, sortValue: (r) => r.obj.metadata.creationTimestamp ?? "" },
    ];
  }, [t, tn, kind]);
}

function KindSection({ slug, rows, hint }: { slug: string; rows: NetworkRow[]; hint?: string }) {
  const tk = useTranslations("workloads.kinds");
  const tn = useTranslations("workloads.network");
  const id = useId();
  const kind = kindBySlug(slug)!;
  const columns = useColumns(kind);
  return (
    <Section
      id={id}
      title={
        <>
          {tk(slug)} <span className="text-sm font-normal text-slate-500 dark:text-slate-400">({rows.length})</span>
        </>
      }
    >
      {hint && <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p>}
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => `${r.cluster}/${r.obj.metadata.uid ?? `${r.obj.metadata.namespace}/${r.obj.metadata.name}`}`}
        label={tk(slug)}
        initialSort={{ id: "cluster", desc: false }}
        empty={tn(`empty.${slug}`)}
        maxHeight="28rem"
      />
    </Section>
  );
}

/** Pure: draws the rows and problems it is given. */
export function NetworkView({ httproutes, ingresses, gateways, problems, truncated, clusters, loading = 0, onRefresh, refreshing }: NetworkViewProps) {
  const t = useTranslations("workloads.network");
  const tk = useTranslations("workloads.kinds");
  if (clusters === 0) return <EmptyState title={t("noClusters")} />;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("scope", { clusters })}</p>
        <p role="status" aria-live="polite" className="text-sm text-slate-500 dark:text-slate-400" data-testid="network-loading" data-loading={loading}>
          {loading > 0 ? t("loading", { count: loading }) : ""}
        </p>
        {onRefresh && (
          <Button className="ml-auto" onClick={onRefresh} disabled={refreshing || loading > 0}>
            {refreshing ? t("refreshing") : t("refresh")}
          </Button>
        )}
      </div>
      {problems.length > 0 && (
        <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950/40" data-testid="network-problems">
          <p className="font-medium text-amber-900 dark:text-amber-200">{t("problems")}</p>
          <ul className="mt-1 list-disc pl-5 text-amber-900 dark:text-amber-300">
            {problems.map((p, i) => (
              <li key={i}>
                {t("problem", { where: p.namespace ? `${p.cluster}/${p.namespace}` : p.cluster, kind: p.kind ? tk(p.kind) : t("cluster"), message: p.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {truncated.length > 0 && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          {t("truncated", { lists: truncated.map((x) => `${tk(x.slug)} · ${x.namespace ? `${x.cluster}/${x.namespace}` : x.cluster}`).join(", ") })}
        </p>
      )}
      <KindSection slug="httproutes" rows={httproutes} />
      <KindSection slug="ingresses" rows={ingresses} />
      {gateways && <KindSection slug="gateways" rows={gateways} hint={t("gatewaysHint")} />}
    </div>
  );
}

"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useMemo } from "react";
import type { KindModule } from "@/components/kinds/kind";
import { kindBySlug } from "@/components/kinds/registry";
import { type Column, DataTable } from "@/components/table/data-table";
import { Age } from "@/components/ui/age";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import { RowTestId } from "@/components/workloads/columns";
import { detailHref, nsHref } from "@/lib/k8s/kinds/kind";
import type { FleetList, FleetProblem, FleetRow } from "./use-fleet-lists";

// What the pages across the fleet (Network, Pipelines) draw: a line saying
// their scope and what is still loading, the lists that could not be read or
// were cut, and one table a kind. `messages` is the page's namespace of
// texts (scope, loading, refresh, refreshing, problems, problem, truncated,
// namespace, cluster, empty.<slug>); `testId` prefixes its hooks.

function useColumns(kind: KindModule, messages: string, extra: Column<FleetRow>[]): Column<FleetRow>[] {
  const t = useTranslations("workloads.columns");
  const tn = useTranslations(messages);
  return useMemo(() => {
    const ns = (r: FleetRow) => r.obj.metadata.namespace ?? "";
    const name = (r: FleetRow) => r.obj.metadata.name ?? "";
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
        (c): Column<FleetRow> => ({
          id: c.id,
          header: t(c.label),
          width: c.width,
          cell: (r) => c.cell(r.obj, { cluster: r.cluster, ns: ns(r) }),
          sortValue: c.sortValue && ((r) => c.sortValue!(r.obj)),
          filterValue: c.filterValue ? (r) => c.filterValue!(r.obj) : c.sortValue ? (r) => String(c.sortValue!(r.obj)) : undefined,
        }),
      ),
      ...extra,
      { id: "age", header: t("age"), width: "6rem", cell: (r) => <Age ts={r.obj.metadata.creationTimestamp} />, sortValue: (r) => r.obj.metadata.creationTimestamp ?? "" },
    ];
  }, [t, tn, kind, extra]);
}

const NO_COLUMNS: Column<FleetRow>[] = [];

/** One kind's rows across the fleet: name, namespace, cluster, the kind's own columns, the page's (`extraColumns`, memoized), age. */
export function FleetKindSection({
  slug,
  rows,
  messages,
  hint,
  initialSort = { id: "cluster", desc: false },
  extraColumns = NO_COLUMNS,
  toolbar,
  total,
}: {
  slug: string;
  rows: FleetRow[];
  messages: string;
  hint?: string;
  /** Controls above the table that choose which rows it gets (e.g. a run's status). */
  toolbar?: React.ReactNode;
  /** How many rows there are before the toolbar's choice, when it narrowed them. */
  total?: number;
  initialSort?: { id: string; desc: boolean };
  extraColumns?: Column<FleetRow>[];
}) {
  const tk = useTranslations("workloads.kinds");
  const tn = useTranslations(messages);
  const id = useId();
  const kind = kindBySlug(slug)!;
  const columns = useColumns(kind, messages, extraColumns);
  return (
    <Section
      id={id}
      title={
        <>
          {tk(slug)} <span className="text-sm font-normal text-slate-500 dark:text-slate-400">({total !== undefined && total !== rows.length ? `${rows.length}/${total}` : rows.length})</span>
        </>
      }
    >
      {hint && <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p>}
      {toolbar}
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => `${r.cluster}/${r.obj.metadata.uid ?? `${r.obj.metadata.namespace}/${r.obj.metadata.name}`}`}
        label={tk(slug)}
        initialSort={initialSort}
        empty={tn(`empty.${slug}`)}
        maxHeight="28rem"
      />
    </Section>
  );
}

export interface FleetStateProps {
  messages: string;
  testId: string;
  clusters: number;
  problems: FleetProblem[];
  truncated: FleetList[];
  loading?: number;
  onRefresh?: () => void;
  refreshing?: boolean;
}

/** The scope, what is loading, refresh, and the lists that failed or were cut. */
export function FleetState({ messages, testId, clusters, problems, truncated, loading = 0, onRefresh, refreshing }: FleetStateProps) {
  const t = useTranslations(messages);
  const tk = useTranslations("workloads.kinds");
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("scope", { clusters })}</p>
        <p role="status" aria-live="polite" className="text-sm text-slate-500 dark:text-slate-400" data-testid={`${testId}-loading`} data-loading={loading}>
          {loading > 0 ? t("loading", { count: loading }) : ""}
        </p>
        {onRefresh && (
          <Button className="ml-auto" onClick={onRefresh} disabled={refreshing || loading > 0}>
            {refreshing ? t("refreshing") : t("refresh")}
          </Button>
        )}
      </div>
      {problems.length > 0 && (
        <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950/40" data-testid={`${testId}-problems`}>
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
    </>
  );
}

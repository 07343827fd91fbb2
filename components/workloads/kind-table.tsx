"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import type { KindModule } from "@/components/kinds/kind";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { YamlButton } from "@/components/yaml/yaml-button";
import type { ListProgress } from "@/lib/client/list-paging";
import { useLiveList } from "@/lib/client/use-live-list";
import { detailHref } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import { ObjectActions } from "./actions";
import { RowTestId } from "./columns";
import { type KindCan, useKindCan } from "./use-kind-can";

/** Props of the pure table renderer: the kind, the rows, and where they are. */
export interface KindTableViewProps {
  kind: KindModule;
  cluster: string;
  ns: string;
  items: KubeObject[];
  toolbar?: React.ReactNode;
  /** A shorter table, for overview pages. */
  compact?: boolean;
  /** How much of the collection `items` are while the rest loads. */
  progress?: ListProgress;
}

/**
 * The name column, linking to the object's page; marks the row with `testId`.
 * Row links do not prefetch: a long table would ask the server for every
 * object's page it scrolls past.
 */
function linkNameColumn(header: string, href: (o: KubeObject) => string, testId: (o: KubeObject) => string): Column<KubeObject> {
  return {
    id: "name",
    header,
    width: "minmax(12rem,2fr)",
    cell: (o) => (
      <>
        <RowTestId id={testId(o)} />
        <Link href={href(o)} prefetch={false} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
          {o.metadata.name}
        </Link>
      </>
    ),
    sortValue: (o) => o.metadata.name ?? "",
  };
}

/** A row's links and actions, and its read-only YAML where the kind's lists hold the whole object. */
function RowActions({ cluster, ns, kind, obj, can }: { cluster: string; ns: string; kind: KindModule; obj: KubeObject; can: KindCan }) {
  const tk = useTranslations("workloads.kind");
  return (
    <div className="flex items-center gap-0.5">
      {kind.rowLinks?.(obj, { cluster, ns })}
      <ObjectActions cluster={cluster} info={kind} obj={obj} can={can} compact />
      {kind.rowYaml && <YamlButton cluster={cluster} path={kind.objectPath(obj.metadata.namespace ?? ns, obj.metadata.name ?? "")} kind={tk(kind.kind)} name={obj.metadata.name ?? ""} />}
    </div>
  );
}

/** Objects of one kind: name, the kind's columns, age and actions. */
export function KindTableView({ kind, cluster, ns, items, toolbar, compact, progress }: KindTableViewProps) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, kind);
  const columns = useMemo<Column<KubeObject>[]>(
    () => [
      linkNameColumn(t("name"), (o) => detailHref(cluster, ns, kind.slug, o.metadata.name ?? ""), (o) => `${kind.rowId}-row-${o.metadata.name}`),
      ...kind.columns.map(({ label, cell, ...c }) => ({ ...c, header: t(label), cell: (o: KubeObject) => cell(o, { cluster, ns }) })),
      ageColumn(t("age")),
      {
        id: "actions",
        header: t("actions"),
        width: kind.actionsWidth ?? (kind.scalable ? "13rem" : "9rem"),
        cell: (o) => <RowActions cluster={cluster} ns={ns} kind={kind} obj={o} can={can} />,
      },
    ],
    [t, kind, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(o) => o.metadata.uid ?? o.metadata.name ?? ""}
      label={tk(kind.slug)}
      initialSort={kind.initialSort ?? { id: "name", desc: false }}
      empty={tt(`empty.${kind.slug}`)}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compact ? "20rem" : undefined}
    />
  );
}

/** The live list of one kind in a namespace. */
export function KindTable({ kind, cluster, ns, toolbar, compact }: { kind: KindModule; cluster: string; ns: string; toolbar?: React.ReactNode; compact?: boolean }) {
  const { items, state, progress } = useLiveList<KubeObject>(cluster, kind.listPath(ns));
  return (
    <KindTableView
      kind={kind}
      cluster={cluster}
      ns={ns}
      items={items}
      progress={progress}
      compact={compact}
      toolbar={
        <>
          {toolbar}
          <LiveIndicator state={state} />
        </>
      }
    />
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { type Column, DataTable } from "@/components/table/data-table";
import { ageColumn } from "@/components/table/kube-columns";
import { useLiveList } from "@/lib/client/use-live-list";
import { KINDS, detailHref } from "@/lib/k8s/kinds/registry";
import { type SecretObject, secretKeys, secretType, secretsPath } from "@/lib/k8s/kinds/secret";
import { linkNameColumn } from "./columns";
import { type TableViewProps, actionsColumn, compactHeight } from "./table-parts";
import { useKindCan } from "./use-kind-can";

/** Secrets by name, type and keys — never their values. */
export function SecretsTableView({ cluster, ns, items, toolbar, compact, progress }: TableViewProps<SecretObject>) {
  const t = useTranslations("workloads.columns");
  const tt = useTranslations("workloads.tables");
  const tk = useTranslations("workloads.kinds");
  const can = useKindCan(cluster, ns, KINDS.secrets);
  const columns = useMemo<Column<SecretObject>[]>(
    () => [
      linkNameColumn(t("name"), (s) => detailHref(cluster, ns, "secrets", s.metadata.name ?? ""), (s) => `secret-row-${s.metadata.name}`),
      { id: "type", header: t("type"), width: "minmax(10rem,1.5fr)", cell: (s) => <span className="font-mono text-xs">{secretType(s)}</span>, sortValue: secretType },
      {
        id: "keys",
        header: t("keys"),
        width: "minmax(10rem,2fr)",
        cell: (s) => <span className="font-mono text-xs">{secretKeys(s).join(", ") || "—"}</span>,
        sortValue: (s) => secretKeys(s).length,
        filterValue: (s) => secretKeys(s).join(" "),
      },
      ageColumn(t("age")),
      actionsColumn(t("actions"), cluster, KINDS.secrets, can, "6rem"),
    ],
    [t, cluster, ns, can],
  );
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(s) => s.metadata.uid ?? s.metadata.name ?? ""}
      label={tk("secrets")}
      initialSort={{ id: "name", desc: false }}
      empty={tt("empty.secrets")}
      toolbar={toolbar}
      progress={progress}
      maxHeight={compactHeight(compact)}
    />
  );
}

export function SecretsTable({ cluster, ns, toolbar }: { cluster: string; ns: string; toolbar?: React.ReactNode }) {
  const { items, state, progress } = useLiveList<SecretObject>(cluster, secretsPath(ns));
  return <SecretsTableView cluster={cluster} ns={ns} items={items} progress={progress} toolbar={<>{toolbar}<LiveIndicator state={state} /></>} />;
}

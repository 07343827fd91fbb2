"use client";

import { useTranslations } from "next-intl";
import type { Column } from "@/components/table/data-table";
import { YamlButton } from "@/components/yaml/yaml-button";
import type { KindInfo } from "@/lib/k8s/kinds/registry";
import type { ListProgress } from "@/lib/client/list-paging";
import type { KubeObject } from "@/lib/k8s/types";
import { ObjectActions } from "./actions";
import type { KindCan } from "./use-kind-can";

/** Props of every pure table renderer: the rows, and where they are. */
export interface TableViewProps<T> {
  cluster: string;
  ns: string;
  items: T[];
  toolbar?: React.ReactNode;
  /** A shorter table, for overview pages. */
  compact?: boolean;
  /** How much of the collection `items` are while the rest loads. */
  progress?: ListProgress;
}

function RowActions({ cluster, info, obj, can, yaml }: { cluster: string; info: KindInfo; obj: KubeObject; can: KindCan; yaml: boolean }) {
  const tk = useTranslations("workloads.kind");
  return (
    <div className="flex items-center gap-0.5">
      <ObjectActions cluster={cluster} info={info} obj={obj} can={can} compact />
      {yaml && <YamlButton cluster={cluster} path={info.objectPath(obj.metadata.namespace ?? "", obj.metadata.name ?? "")} kind={tk(info.kind)} name={obj.metadata.name ?? ""} />}
    </div>
  );
}

/** Row actions: scale and delete where they apply, and the read-only YAML (not for secrets: it would show their values). */
export function actionsColumn<T extends KubeObject>(header: string, cluster: string, info: KindInfo, can: KindCan, width = "13rem"): Column<T> {
  return {
    id: "actions",
    header,
    width,
    cell: (o) => <RowActions cluster={cluster} info={info} obj={o} can={can} yaml={info.slug !== "secrets"} />,
  };
}

export const compactHeight = (compact?: boolean) => (compact ? "20rem" : undefined);

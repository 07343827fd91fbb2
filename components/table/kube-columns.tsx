"use client";

import { YamlButton } from "@/components/yaml/yaml-button";
import { Age } from "@/components/ui/age";
import { ageOrder } from "@/lib/format";
import type { KubeObject } from "@/lib/k8s/types";
import type { Column } from "./data-table";

// Columns every Kubernetes object table has: its name, its age, its YAML.

export function nameColumn<T extends KubeObject>(header: string): Column<T> {
  return {
    id: "name",
    header,
    width: "minmax(12rem,2fr)",
    // Focusable so a name cut short can be read whole from the keyboard (the table shows it on focus).
    cell: (o) => (
      <span tabIndex={0} className="font-medium focus-visible:outline-2 focus-visible:outline-sky-600">
        {o.metadata.name}
      </span>
    ),
    sortValue: (o) => o.metadata.name ?? "",
  };
}

export function ageColumn<T extends KubeObject>(header: string): Column<T> {
  return {
    id: "age",
    header,
    width: "6rem",
    cell: (o) => <Age ts={o.metadata.creationTimestamp} />,
    sortValue: (o) => ageOrder(o.metadata.creationTimestamp),
  };
}

export function yamlColumn<T extends KubeObject>(header: string, cluster: string, kind: string, path: (o: T) => string): Column<T> {
  return {
    id: "actions",
    header,
    // Room for its header ("Actions", "操作") as well as the button.
    width: "6rem",
    cell: (o) => <YamlButton cluster={cluster} path={path(o)} kind={kind} name={o.metadata.name!} />,
  };
}

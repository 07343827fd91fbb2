"use client";

import { YamlButton } from "@/components/yaml/yaml-button";
import { Age } from "@/components/ui/age";
import { ageSeconds } from "@/lib/format";
import type { KubeObject } from "@/lib/k8s/types";
import type { Column } from "./data-table";

// Columns every Kubernetes object table has: its name, its age, its YAML.

export function nameColumn<T extends KubeObject>(header: string): Column<T> {
  return {
    id: "name",
    header,
    width: "minmax(12rem,2fr)",
    cell: (o) => <span className="font-medium">{o.metadata.name}</span>,
    sortValue: (o) => o.metadata.name ?? "",
  };
}

export function ageColumn<T extends KubeObject>(header: string): Column<T> {
  return {
    id: "age",
    header,
    width: "6rem",
    cell: (o) => <Age ts={o.metadata.creationTimestamp} />,
    sortValue: (o) => ageSeconds(o.metadata.creationTimestamp),
  };
}

export function yamlColumn<T extends KubeObject>(header: string, cluster: string, kind: string, path: (o: T) => string): Column<T> {
  return {
    id: "actions",
    header,
    width: "5rem",
    cell: (o) => <YamlButton cluster={cluster} path={path(o)} kind={kind} name={o.metadata.name!} />,
  };
}

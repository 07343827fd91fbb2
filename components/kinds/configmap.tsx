import { YesNo } from "@/components/workloads/columns";
import { ConfigMapDataTab } from "@/components/workloads/detail-tabs";
import { type ConfigMapObject, configMapKeys, configMapSize } from "@/lib/k8s/kinds/configmap";
import { formatBytes } from "@/lib/k8s/quantity";
import { namesColumn } from "./columns";
import { defineKind } from "./kind";

export const configmaps = defineKind<ConfigMapObject>({
  slug: "configmaps",
  kind: "ConfigMap",
  group: "",
  version: "v1",
  rowId: "configmap",
  columns: [namesColumn("keys", "keys", configMapKeys), { id: "size", label: "size", width: "7rem", cell: (c) => formatBytes(configMapSize(c)), sortValue: configMapSize }],
  summary: [
    { label: "keys", value: (c) => configMapKeys(c).length },
    { label: "immutable", value: (c) => <YesNo value={c.immutable} /> },
  ],
  brief: (c) => String(Object.keys(c.data ?? {}).length),
  tabs: [{ key: "data", render: ConfigMapDataTab }],
  starter: (ns) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "example", namespace: ns }, data: { key: "value" } }),
});

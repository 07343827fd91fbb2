import { WorkloadLogsTab } from "@/components/logs/workload-logs-tab";
import { MonitoringTab } from "@/components/workloads/detail-tabs";
import { OwnedPods } from "@/components/workloads/related";
import { selectorString } from "@/lib/k8s/kinds/common";
import { type StatefulSetObject, statefulSetImages, statefulSetReady, statefulSetReadyText, statefulSetStatus } from "@/lib/k8s/kinds/statefulset";
import { imagesColumn, lines, mono, readyColumn, statusColumn } from "./columns";
import { defineKind } from "./kind";

export const statefulsets = defineKind<StatefulSetObject>({
  slug: "statefulsets",
  kind: "StatefulSet",
  group: "apps",
  version: "v1",
  scalable: true,
  restartable: true,
  rowId: "statefulset",
  columns: [
    readyColumn(statefulSetReadyText, statefulSetReady),
    statusColumn(statefulSetStatus),
    { id: "service", label: "serviceName", width: "10rem", cell: (s) => s.spec?.serviceName || "—", sortValue: (s) => s.spec?.serviceName ?? "" },
    imagesColumn(statefulSetImages),
  ],
  status: statefulSetStatus,
  conditions: (s) => s.status?.conditions,
  summary: [
    { label: "ready", value: (s) => <span data-testid="ready-replicas">{statefulSetReadyText(s)}</span> },
    { label: "serviceName", value: (s) => s.spec?.serviceName },
    { label: "updateStrategy", value: (s) => s.spec?.updateStrategy?.type ?? "RollingUpdate" },
    { label: "podManagement", value: (s) => s.spec?.podManagementPolicy ?? "OrderedReady" },
    { label: "selector", value: (s) => mono(selectorString(s.spec?.selector)) },
    { label: "images", value: (s) => lines(statefulSetImages(s)) },
  ],
  brief: (s) => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`,
  related: OwnedPods,
  tabs: [
    { key: "logs", render: WorkloadLogsTab, requires: { verb: "get", resource: "core/pods/log" } },
    { key: "monitoring", render: MonitoringTab, requires: { verb: "get", resource: "console/monitoring" } },
  ],
  starter: (ns) => ({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "example", namespace: ns },
    spec: {
      serviceName: "example",
      replicas: 1,
      selector: { matchLabels: { app: "example" } },
      template: { metadata: { labels: { app: "example" } }, spec: { containers: [{ name: "example", image: "nginx:1.27" }] } },
    },
  }),
});

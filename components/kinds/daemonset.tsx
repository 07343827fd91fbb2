import { WorkloadLogsTab } from "@/components/logs/workload-logs-tab";
import { MonitoringTab } from "@/components/workloads/detail-tabs";
import { OwnedPods } from "@/components/workloads/related";
import {
  type DaemonSetObject,
  daemonSetDesired,
  daemonSetImages,
  daemonSetNodeSelector,
  daemonSetReady,
  daemonSetReadyText,
  daemonSetStatus,
} from "@/lib/k8s/kinds/daemonset";
import { imagesColumn, lines, mono, readyColumn, statusColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

export const daemonsets = defineKind<DaemonSetObject>({
  slug: "daemonsets",
  kind: "DaemonSet",
  group: "apps",
  version: "v1",
  restartable: true,
  rowId: "daemonset",
  columns: [
    valueColumn("desired", "desired", "6rem", daemonSetDesired),
    readyColumn(daemonSetReadyText, daemonSetReady),
    valueColumn("upToDate", "upToDate", "6rem", (d) => d.status?.updatedNumberScheduled ?? 0),
    statusColumn(daemonSetStatus),
    valueColumn("nodeSelector", "nodeSelector", "minmax(8rem,1fr)", daemonSetNodeSelector),
    imagesColumn(daemonSetImages),
  ],
  status: daemonSetStatus,
  conditions: (d) => d.status?.conditions,
  summary: [
    { label: "ready", value: (d) => <span data-testid="ready-replicas">{daemonSetReadyText(d)}</span> },
    { label: "upToDate", value: (d) => d.status?.updatedNumberScheduled ?? 0 },
    { label: "available", value: (d) => d.status?.numberAvailable ?? 0 },
    { label: "misscheduled", value: (d) => d.status?.numberMisscheduled ?? 0 },
    { label: "nodeSelector", value: (d) => mono(daemonSetNodeSelector(d)) },
    { label: "images", value: (d) => lines(daemonSetImages(d)) },
  ],
  brief: daemonSetReadyText,
  related: OwnedPods,
  tabs: [
    { key: "logs", render: WorkloadLogsTab, requires: { verb: "get", resource: "core/pods/log" } },
    { key: "monitoring", render: MonitoringTab, requires: { verb: "get", resource: "console/monitoring" } },
  ],
  starter: (ns) => ({
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "example", namespace: ns },
    spec: {
      selector: { matchLabels: { app: "example" } },
      template: { metadata: { labels: { app: "example" } }, spec: { containers: [{ name: "example", image: "busybox:1.36", command: ["sleep", "infinity"] }] } },
    },
  }),
});

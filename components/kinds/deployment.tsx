import { WorkloadLogsTab } from "@/components/logs/workload-logs-tab";
import { DeploymentRelated } from "@/components/workloads/related";
import { MonitoringTab } from "@/components/workloads/detail-tabs";
import { RollbackAction } from "@/components/workloads/actions";
import { selectorString } from "@/lib/k8s/kinds/common";
import {
  type DeploymentObject,
  deploymentAvailable,
  deploymentImages,
  deploymentProblem,
  deploymentReady,
  deploymentReadyText,
  deploymentRevision,
  deploymentStatus,
  deploymentUpdated,
} from "@/lib/k8s/kinds/deployment";
import { imagesColumn, lines, mono, readyColumn, statusColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

export const deployments = defineKind<DeploymentObject>({
  slug: "deployments",
  kind: "Deployment",
  group: "apps",
  version: "v1",
  scalable: true,
  restartable: true,
  rowId: "deployment",
  columns: [
    readyColumn(deploymentReadyText, deploymentReady),
    valueColumn("upToDate", "upToDate", "6rem", deploymentUpdated),
    valueColumn("available", "available", "6rem", deploymentAvailable),
    statusColumn(deploymentStatus, { title: deploymentProblem }),
    imagesColumn(deploymentImages),
  ],
  status: deploymentStatus,
  problem: deploymentProblem,
  conditions: (d) => d.status?.conditions,
  summary: [
    { label: "ready", value: (d) => <span data-testid="ready-replicas">{deploymentReadyText(d)}</span> },
    { label: "upToDate", value: (d) => d.status?.updatedReplicas ?? 0 },
    { label: "available", value: (d) => d.status?.availableReplicas ?? 0 },
    { label: "strategy", value: (d) => d.spec?.strategy?.type ?? "RollingUpdate" },
    { label: "revision", value: (d) => deploymentRevision(d) || "—" },
    { label: "selector", value: (d) => mono(selectorString(d.spec?.selector)) },
    { label: "images", value: (d) => lines(deploymentImages(d)) },
  ],
  brief: (d) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
  related: DeploymentRelated,
  tabs: [
    { key: "logs", render: WorkloadLogsTab, requires: { verb: "get", resource: "core/pods/log" } },
    { key: "monitoring", render: MonitoringTab, requires: { verb: "get", resource: "console/monitoring" } },
  ],
  actions: RollbackAction,
  createForm: { button: "deployment", title: "deploymentTitle" },
  starter: (ns) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "example", namespace: ns, labels: { app: "example" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "example" } },
      template: { metadata: { labels: { app: "example" } }, spec: { containers: [{ name: "example", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] } },
    },
  }),
});

import { LogsLink, PodLogsTab } from "@/components/workloads/detail-tabs";
import { PodTerminalTab } from "@/components/terminal/terminal-tab";
import { PodRelated } from "@/components/workloads/related";
import { detailHref } from "@/lib/k8s/kinds/kind";
import { type PodObject, podIP, podNode, podReady, podReadyText, podRestarts, podStatusReason, podStatusTone } from "@/lib/k8s/kinds/pod";
import { mono, monoColumn, readyColumn, statusColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

export const pods = defineKind<PodObject>({
  slug: "pods",
  kind: "Pod",
  group: "",
  version: "v1",
  rowId: "pod",
  actionsWidth: "12rem",
  columns: [
    readyColumn(podReadyText, (p) => podReady(p).ready, "pod-ready", "5rem"),
    statusColumn(podStatusReason, {
      width: "10rem",
      tone: podStatusTone,
      title: (p) => p.status?.message,
      wrap: (p, badge) => (
        <span data-testid="pod-status" data-status={podStatusReason(p)}>
          {badge}
        </span>
      ),
    }),
    valueColumn("restarts", "restarts", "6rem", podRestarts),
    valueColumn("node", "node", "minmax(8rem,1fr)", podNode),
    monoColumn("ip", "ip", "8rem", podIP),
  ],
  rowLinks: (p, at) => <LogsLink href={`${detailHref(at.cluster, at.ns, "pods", p.metadata.name ?? "")}?tab=logs`} name={p.metadata.name ?? ""} cluster={at.cluster} ns={at.ns} />,
  status: podStatusReason,
  tone: podStatusTone,
  problem: (p) => p.status?.message,
  conditions: (p) => p.status?.conditions,
  summary: [
    { label: "status", value: (p) => <span data-testid="pod-status">{podStatusReason(p)}</span> },
    { label: "ready", value: podReadyText },
    { label: "restarts", value: podRestarts },
    { label: "node", value: podNode },
    { label: "podIP", value: (p) => mono(podIP(p)) },
    { label: "hostIP", value: (p) => mono(p.status?.hostIP) },
    { label: "qos", value: (p) => p.status?.qosClass },
    { label: "serviceAccount", value: (p) => p.spec?.serviceAccountName },
  ],
  brief: (p) => p.status?.phase ?? "",
  related: PodRelated,
  tabs: [
    { key: "logs", render: PodLogsTab, requires: { verb: "get", resource: "core/pods/log" } },
    { key: "terminal", render: PodTerminalTab, requires: { verb: "create", resource: "core/pods/exec" } },
  ],
  starter: (ns) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "example", namespace: ns }, spec: { containers: [{ name: "example", image: "nginx:1.27" }] } }),
});

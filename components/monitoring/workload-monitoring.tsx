"use client";

import { useTranslations } from "next-intl";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { useCan } from "@/lib/access/use-can";
import { ChartPanel } from "./panel";
import { TimeRangePicker } from "./time-range-picker";

export type WorkloadKind = "deployment" | "statefulset" | "daemonset";

/** A deployment's, statefulset's or daemonset's pods: CPU and memory per pod, replicas available. */
export function WorkloadMonitoring({ cluster, namespace, kind, name }: { cluster: string; namespace: string; kind: WorkloadKind; name: string }) {
  const t = useTranslations("monitoring");
  const can = useCan([{ verb: "get", resource: "console/monitoring", cluster, namespace }]);
  if (can.pending) return <LoadingState label={t("project.checking")} />;
  if (!can.allowed[0]) return <EmptyState title={t("workload.forbidden")}>{t("project.forbiddenHint")}</EmptyState>;
  const scope = { clusters: [cluster], namespace, workload: name, kind };
  return (
    <div className="space-y-4" data-testid="workload-monitoring">
      <TimeRangePicker />
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel
          title={t("charts.podCpu")}
          params={{ ...scope, templates: ["workload_pod_cpu"] }}
          lines={[{ template: "workload_pod_cpu", by: "pod" }]}
          unit="cores"
          testId="chart-workload-cpu"
        />
        <ChartPanel
          title={t("charts.podMemory")}
          params={{ ...scope, templates: ["workload_pod_memory"] }}
          lines={[{ template: "workload_pod_memory", by: "pod" }]}
          unit="bytes"
          testId="chart-workload-memory"
        />
        <ChartPanel
          className="lg:col-span-2"
          title={t(kind === "deployment" ? "charts.replicasAvailable" : "charts.replicasReady")}
          params={{ ...scope, templates: ["workload_replicas_available"] }}
          lines={[{ template: "workload_replicas_available", label: t(kind === "deployment" ? "series.available" : "series.ready") }]}
          unit="count"
          axisLabel={t("axis.replicas")}
          height={160}
          testId="chart-workload-replicas"
        />
      </div>
    </div>
  );
}

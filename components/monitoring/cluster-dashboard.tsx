"use client";

import { useTranslations } from "next-intl";
import { Suspense, useId } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useLiveList } from "@/lib/client/use-live-list";
import { type NodeObject, nodeStatus, nodesPath } from "@/lib/k8s/kinds/node";
import { AlertsList } from "./alerts-list";
import { ChartPanel } from "./panel";
import { PromQLExplorer } from "./promql-explorer";
import { StatTiles } from "./stat-tiles";
import { CLUSTER_TILE_TEMPLATES, NODE_TILE_TEMPLATES, useClusterTiles, useNodeTiles } from "./tiles";
import { TimeRangePicker } from "./time-range-picker";
import { useUrlParam } from "./use-dashboard-params";

const grid = "grid gap-4 lg:grid-cols-2";

/**
 * A cluster's dashboard: latest numbers, usage against capacity, nodes and
 * pods, CPU per node, its alerts; a node picked (?node=) switches to that
 * node's dashboard. Admins get the PromQL explorer below.
 */
export function ClusterDashboard({ cluster, canExplore, nodesListed }: { cluster: string; canExplore: boolean; nodesListed: boolean }) {
  const [node, setNode] = useUrlParam("node");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <TimeRangePicker />
        {nodesListed && (
          <Suspense fallback={null}>
            <NodePicker cluster={cluster} node={node} onChange={setNode} />
          </Suspense>
        )}
      </div>
      {node ? <NodeDashboard key={node} cluster={cluster} node={node} onBack={() => setNode("")} /> : <ClusterPanels cluster={cluster} />}
      <AlertsList clusters={[cluster]} />
      {canExplore && <PromQLExplorer cluster={cluster} />}
    </div>
  );
}

function NodePicker({ cluster, node, onChange }: { cluster: string; node: string; onChange: (n: string) => void }) {
  const t = useTranslations("monitoring.cluster");
  const tn = useTranslations("cluster.nodes");
  const id = useId();
  const { items } = useLiveList<NodeObject>(cluster, nodesPath);
  const names = items.map((n) => n.metadata.name!).sort();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="whitespace-nowrap text-sm text-slate-600 dark:text-slate-300">
        {t("node")}
      </label>
      <select id={id} value={node} onChange={(e) => onChange(e.target.value)} className={`${inputClass} w-auto py-1`} data-testid="node-picker">
        <option value="">{t("allNodes")}</option>
        {/* A node picked from the address that is gone still shows, so the page says what it is showing. */}
        {node && !names.includes(node) && <option value={node}>{node}</option>}
        {names.map((n) => {
          const s = nodeStatus(items.find((x) => x.metadata.name === n)!);
          return (
            <option key={n} value={n}>
              {s === "Ready" ? n : `${n} (${tn(`status_${s}`)})`}
            </option>
          );
        })}
      </select>
    </div>
  );
}

function ClusterPanels({ cluster }: { cluster: string }) {
  const t = useTranslations("monitoring");
  const tiles = useClusterTiles();
  const clusters = [cluster];
  return (
    <section aria-label={t("cluster.title")} className="space-y-4">
      <StatTiles params={{ templates: CLUSTER_TILE_TEMPLATES, clusters }} tiles={tiles} label={t("cluster.stats")} testId="cluster-stats" />
      <div className={grid}>
        <ChartPanel
          title={t("charts.cpuUsage")}
          description={t("charts.cpuUsageHint")}
          params={{ templates: ["cluster_cpu_usage", "cluster_cpu_capacity"], clusters }}
          lines={[
            { template: "cluster_cpu_usage", label: t("series.usage") },
            { template: "cluster_cpu_capacity", label: t("series.capacity"), role: "limit" },
          ]}
          unit="cores"
          testId={`chart-cluster_cpu_usage-${cluster}`}
        />
        <ChartPanel
          title={t("charts.memoryUsage")}
          description={t("charts.memoryUsageHint")}
          params={{ templates: ["cluster_memory_usage", "cluster_memory_capacity"], clusters }}
          lines={[
            { template: "cluster_memory_usage", label: t("series.usage") },
            { template: "cluster_memory_capacity", label: t("series.capacity"), role: "limit" },
          ]}
          unit="bytes"
          testId={`chart-cluster_memory_usage-${cluster}`}
        />
        <ChartPanel
          title={t("charts.pods")}
          params={{ templates: ["cluster_pods_running", "cluster_pods_capacity"], clusters }}
          lines={[
            { template: "cluster_pods_running", label: t("series.running") },
            { template: "cluster_pods_capacity", label: t("series.capacity"), role: "limit" },
          ]}
          unit="count"
          axisLabel={t("axis.pods")}
          testId={`chart-cluster_pods_running-${cluster}`}
        />
        <ChartPanel
          title={t("charts.nodesReady")}
          params={{ templates: ["cluster_nodes_ready", "cluster_nodes_total"], clusters }}
          lines={[
            { template: "cluster_nodes_ready", label: t("series.ready") },
            { template: "cluster_nodes_total", label: t("series.nodes"), role: "limit" },
          ]}
          unit="count"
          axisLabel={t("axis.nodes")}
          testId={`chart-cluster_nodes_ready-${cluster}`}
        />
        <ChartPanel
          className="lg:col-span-2"
          title={t("charts.cpuPerNode")}
          params={{ templates: ["cluster_node_cpu_usage"], clusters }}
          lines={[{ template: "cluster_node_cpu_usage", by: "node" }]}
          unit="cores"
          testId={`chart-cluster_node_cpu_usage-${cluster}`}
        />
      </div>
    </section>
  );
}

function NodeDashboard({ cluster, node, onBack }: { cluster: string; node: string; onBack: () => void }) {
  const t = useTranslations("monitoring");
  const tiles = useNodeTiles();
  const params = { clusters: [cluster], node };
  return (
    <section aria-labelledby="node-dashboard" className="space-y-4" data-testid="node-dashboard">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="node-dashboard" className="text-lg font-semibold">
          {t("node.title", { node })}
        </h2>
        <Button variant="ghost" onClick={onBack}>
          {t("node.back")}
        </Button>
      </div>
      <StatTiles params={{ ...params, templates: NODE_TILE_TEMPLATES }} tiles={tiles} label={t("node.stats", { node })} />
      <div className={grid}>
        <ChartPanel
          title={t("charts.cpuUsage")}
          params={{ ...params, templates: ["node_cpu_usage", "node_cpu_capacity"] }}
          lines={[
            { template: "node_cpu_usage", label: t("series.usage") },
            { template: "node_cpu_capacity", label: t("series.capacity"), role: "limit" },
          ]}
          unit="cores"
          testId={`chart-node_cpu_usage-${cluster}`}
        />
        <ChartPanel
          title={t("charts.memoryUsage")}
          params={{ ...params, templates: ["node_memory_usage", "node_memory_capacity"] }}
          lines={[
            { template: "node_memory_usage", label: t("series.usage") },
            { template: "node_memory_capacity", label: t("series.capacity"), role: "limit" },
          ]}
          unit="bytes"
          testId={`chart-node_memory_usage-${cluster}`}
        />
        <ChartPanel
          className="lg:col-span-2"
          title={t("charts.nodePods")}
          params={{ ...params, templates: ["node_pods_running"] }}
          lines={[{ template: "node_pods_running", label: t("series.pods") }]}
          unit="count"
          axisLabel={t("axis.pods")}
          height={160}
          testId={`chart-node_pods_running-${cluster}`}
        />
      </div>
    </section>
  );
}

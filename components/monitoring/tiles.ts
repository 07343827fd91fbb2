"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { Unit } from "@/lib/monitoring/format";
import { type PanelResult, lastValue, latest } from "@/lib/monitoring/series";
import type { StatValue, Tile } from "./stat-tiles";
import { useFormatUsedOf, useFormatValue } from "./use-format";

type Format = (v: number | null | undefined, unit: Unit) => string;

interface Formats {
  value: Format;
  usedOf: (used: number | undefined, limit: number | undefined, unit: Unit) => string;
}

function useFormats(): Formats {
  const value = useFormatValue();
  const usedOf = useFormatUsedOf();
  return useMemo(() => ({ value, usedOf }), [value, usedOf]);
}

/** "used / limit" with the share as a bar, e.g. pods running / capacity. */
function usedOf(f: Formats, unit: Unit, used: number | undefined, limit: number | undefined): StatValue | undefined {
  if (used === undefined) return undefined;
  if (limit === undefined) return { text: f.value(used, unit) };
  return { text: f.usedOf(used, limit, unit), ratio: limit > 0 ? used / limit : undefined };
}

function ratioOf(f: Formats, v: number | undefined): StatValue | undefined {
  return v === undefined ? undefined : { text: f.value(v, "ratio"), ratio: v };
}

export const CLUSTER_TILE_TEMPLATES = [
  "cluster_cpu_utilisation",
  "cluster_memory_utilisation",
  "cluster_nodes_ready",
  "cluster_nodes_total",
  "cluster_pods_running",
  "cluster_pods_capacity",
];

/** CPU and memory utilisation, nodes ready x / y, pods running / capacity of a cluster. */
export function useClusterTiles(): Tile[] {
  const t = useTranslations("monitoring.stats");
  const format = useFormats();
  return useMemo(
    () => [
      { key: "cpu", label: t("cpuUtilisation"), value: (r: PanelResult[]) => ratioOf(format, latest(r, "cluster_cpu_utilisation")) },
      { key: "memory", label: t("memoryUtilisation"), value: (r: PanelResult[]) => ratioOf(format, latest(r, "cluster_memory_utilisation")) },
      {
        key: "nodes",
        label: t("nodesReady"),
        value: (r: PanelResult[]) => {
          const ready = latest(r, "cluster_nodes_ready");
          const total = latest(r, "cluster_nodes_total");
          return ready === undefined ? undefined : { text: total === undefined ? format.value(ready, "count") : format.usedOf(ready, total, "count") };
        },
      },
      { key: "pods", label: t("podsRunning"), value: (r: PanelResult[]) => usedOf(format, "count", latest(r, "cluster_pods_running"), latest(r, "cluster_pods_capacity")) },
    ],
    [t, format],
  );
}

export const NODE_TILE_TEMPLATES = ["node_cpu_usage", "node_cpu_capacity", "node_memory_usage", "node_memory_capacity", "node_pods_running"];

export function useNodeTiles(): Tile[] {
  const t = useTranslations("monitoring.stats");
  const format = useFormats();
  return useMemo(
    () => [
      { key: "cpu", label: t("cpuUsed"), value: (r: PanelResult[]) => usedOf(format, "cores", latest(r, "node_cpu_usage"), latest(r, "node_cpu_capacity")) },
      { key: "memory", label: t("memoryUsed"), value: (r: PanelResult[]) => usedOf(format, "bytes", latest(r, "node_memory_usage"), latest(r, "node_memory_capacity")) },
      { key: "pods", label: t("pods"), value: (r: PanelResult[]) => usedOf(format, "count", latest(r, "node_pods_running"), undefined) },
    ],
    [t, format],
  );
}

export const PROJECT_TILE_TEMPLATES = [
  "project_cpu_usage",
  "project_cpu_requests",
  "project_cpu_quota",
  "project_memory_usage",
  "project_memory_requests",
  "project_memory_quota",
  "project_pods",
];

/** A project's usage and requests against its quota (hard), and its pods. */
export function useProjectTiles(): Tile[] {
  const t = useTranslations("monitoring.stats");
  const format = useFormats();
  return useMemo(
    () => [
      { key: "cpu-usage", label: t("cpuUsed"), value: (r: PanelResult[]) => usedOf(format, "cores", latest(r, "project_cpu_usage"), undefined) },
      { key: "cpu-requests", label: t("cpuRequestsOfQuota"), value: (r: PanelResult[]) => usedOf(format, "cores", latest(r, "project_cpu_requests") ?? 0, latest(r, "project_cpu_quota")) },
      { key: "memory-usage", label: t("memoryUsed"), value: (r: PanelResult[]) => usedOf(format, "bytes", latest(r, "project_memory_usage"), undefined) },
      {
        key: "memory-requests",
        label: t("memoryRequestsOfQuota"),
        value: (r: PanelResult[]) => usedOf(format, "bytes", latest(r, "project_memory_requests") ?? 0, latest(r, "project_memory_quota")),
      },
      {
        key: "pods",
        label: t("podsRunning"),
        value: (r: PanelResult[]) => {
          const pods = r.find((x) => x.template === "project_pods");
          if (!pods?.series) return undefined;
          const running = pods.series.find((s) => s.metric.phase === "Running");
          return { text: format.value(running ? (lastValue(running.values) ?? 0) : 0, "count") };
        },
      },
    ],
    [t, format],
  );
}

"use client";

import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useMemo } from "react";
import { useClusterLabel } from "@/components/projects/project-ui";
import { useSession } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/client/api";
import type { Unit } from "@/lib/monitoring/format";
import { type MetricsParams, metricsQuery } from "@/lib/monitoring/queries";
import { type LineSpec, type MetricsResponse, countLinePoints, failures, linesFrom } from "@/lib/monitoring/series";
import type { RangeKey } from "@/lib/monitoring/templates";
import { ChartSkeleton, TimeSeriesChart } from "./time-series-chart";
import { useDashboardTime } from "./use-dashboard-params";
import { useInView } from "./use-in-view";

export type PanelParams = Omit<MetricsParams, "range"> & { range?: RangeKey };

/** A panel's data at the dashboard's time range and refresh (or a fixed range), fetched once `enabled`. */
export function useMetrics(params: PanelParams, enabled = true) {
  const { range, refresh } = useDashboardTime();
  return useQuery({ ...metricsQuery({ ...params, range: params.range ?? range }, refresh), enabled });
}

/** What a panel shows instead of data: "loading", a failure, or "ready" for the data. */
export type PanelState = "loading" | "ready" | "empty" | "no_metrics" | "unavailable" | "forbidden" | "error";

export function panelState(q: UseQueryResult<MetricsResponse>, points?: number): PanelState {
  if (q.isPending) return "loading";
  // The previous request's data while another (template, node) loads: nothing of it may fit.
  if (q.isPlaceholderData && points === 0) return "loading";
  if (!q.data) return q.error instanceof ApiClientError && q.error.status === 403 ? "forbidden" : "error";
  const ok = q.data.results.some((r) => r.series);
  if (!ok) return failures(q.data.results).every((f) => f.code === "no_metrics") ? "no_metrics" : "unavailable";
  return points === 0 ? "empty" : "ready";
}

/** A dashboard card: title, description, optional controls, body. */
export function Panel({
  title,
  description,
  actions,
  children,
  className = "",
  variant = "card",
  ...rest
}: {
  title: string;
  description?: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  /** "plain": no frame of its own, inside another card. */
  variant?: "card" | "plain";
} & Omit<React.HTMLAttributes<HTMLElement>, "title">) {
  const id = useId();
  const frame = variant === "card" ? "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900/40" : "";
  return (
    <section
      aria-labelledby={id}
      className={`flex min-w-0 flex-col ${frame} ${className}`}
      {...rest}
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={id} className="text-sm font-semibold text-slate-800 dark:text-slate-100">
            {title}
          </h3>
          {description && <p className="text-xs text-slate-500 dark:text-slate-400">{description}</p>}
        </div>
        {actions}
      </header>
      <div className={`${variant === "card" ? "mt-3" : "mt-1"} min-w-0 flex-1`}>{children}</div>
    </section>
  );
}

/** The clear states of a panel without data: no Prometheus, Prometheus down, forbidden, failed. */
export function PanelProblem({ q, state, height }: { q: UseQueryResult<MetricsResponse>; state: PanelState; height?: number }) {
  const t = useTranslations("monitoring.panel");
  const clusterLabel = useClusterLabel();
  const session = useSession();
  const style = height ? { minHeight: height } : undefined;
  const box = "flex flex-col items-center justify-center gap-1 rounded-md border border-dashed px-3 py-4 text-center text-sm";
  if (state === "loading") {
    return (
      <div style={{ height: height ?? 80 }} role="status" aria-live="polite">
        <span className="sr-only">{t("loading")}</span>
        <ChartSkeleton />
      </div>
    );
  }
  if (state === "forbidden") {
    return (
      <div style={style} className={`${box} border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-300`} data-problem="forbidden">
        <p className="font-medium">{t("forbidden")}</p>
        <p className="text-xs text-slate-500">{q.error?.message}</p>
      </div>
    );
  }
  if (state === "error") {
    return (
      <div style={style} role="alert" className={`${box} border-red-300 text-red-800 dark:border-red-900 dark:text-red-300`} data-problem="error">
        <p className="font-medium">{t("failed")}</p>
        <p className="text-xs">{q.error?.message}</p>
        <Button className="mt-1" onClick={() => void q.refetch()}>
          {t("retry")}
        </Button>
      </div>
    );
  }
  const fs = q.data ? failures(q.data.results) : [];
  const clusters = [...new Set(fs.map((f) => f.cluster))];
  if (state === "no_metrics") {
    return (
      <div style={style} className={`${box} border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-300`} data-problem="no_metrics">
        <p className="font-medium">{clusters.length === 1 ? t("noMetrics") : t("noMetricsClusters", { clusters: clusters.map(clusterLabel).join(", ") })}</p>
        {session.can.manageClusters && (
          <Link href="/clusters" className="text-xs text-sky-700 hover:underline dark:text-sky-300">
            {t("noMetricsAdmin")}
          </Link>
        )}
      </div>
    );
  }
  if (state === "unavailable") {
    const first = fs.find((f) => f.code !== "no_metrics") ?? fs[0];
    return (
      <div style={style} role="alert" className={`${box} border-amber-300 text-amber-900 dark:border-amber-800 dark:text-amber-200`} data-problem={first?.code}>
        <p className="font-medium">{first?.code === "query_failed" ? t("queryFailed") : t("unavailable")}</p>
        <ul className="text-xs">
          {[...new Map(fs.map((f) => [`${f.cluster}:${f.message}`, f])).values()].slice(0, 3).map((f) => (
            <li key={`${f.cluster}:${f.message}`}>{f.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div style={style} className={`${box} border-slate-200 text-slate-500 dark:border-slate-800 dark:text-slate-400`} data-problem="empty">
      <p>{t("empty")}</p>
    </div>
  );
}

/** Clusters of a multi-cluster chart that sent nothing, under the chart. */
export function PartialNote({ data }: { data: MetricsResponse }) {
  const t = useTranslations("monitoring.panel");
  const clusterLabel = useClusterLabel();
  const fs = failures(data.results);
  if (!fs.length) return null;
  const byCluster = [...new Map(fs.map((f) => [f.cluster, f])).values()];
  return (
    <ul className="mt-2 space-y-0.5 text-xs text-amber-800 dark:text-amber-300" data-testid="partial-note">
      {byCluster.map((f) => (
        <li key={f.cluster}>
          {f.code === "no_metrics" ? t("partialNoMetrics", { cluster: clusterLabel(f.cluster) }) : t("partialUnavailable", { cluster: clusterLabel(f.cluster), message: f.message })}
        </li>
      ))}
    </ul>
  );
}

/**
 * A chart panel: one request (templates × clusters) drawn as one chart. It
 * asks only once scrolled into view; `data-points` tells how many points
 * arrived (tests and people debugging rely on it).
 */
export function ChartPanel({
  title,
  description,
  params,
  lines: specs,
  unit,
  axisLabel,
  height = 200,
  legend = true,
  actions,
  footer,
  className,
  variant,
  testId,
}: {
  title: string;
  description?: string;
  params: PanelParams;
  lines: LineSpec[];
  unit: Unit;
  axisLabel?: string;
  height?: number;
  legend?: boolean;
  actions?: React.ReactNode;
  footer?: (data: MetricsResponse) => React.ReactNode;
  className?: string;
  variant?: "card" | "plain";
  testId?: string;
}) {
  const [ref, inView] = useInView<HTMLDivElement>();
  const q = useMetrics(params, inView);
  const clusterLabel = useClusterLabel();
  const specKey = JSON.stringify(specs);
  const lines = useMemo(() => (q.data ? linesFrom(q.data.results, JSON.parse(specKey) as LineSpec[], clusterLabel) : []), [q.data, specKey, clusterLabel]);
  const points = q.data ? countLinePoints(lines) : undefined;
  const state = panelState(q, points);
  return (
    <Panel title={title} description={description} actions={actions} className={className} variant={variant} data-testid={testId} data-state={state} data-points={points}>
      <div ref={ref}>
        {state === "ready" && q.data ? (
          <>
            <TimeSeriesChart lines={lines} unit={unit} label={title} axisLabel={axisLabel} height={height} window={q.data} legend={legend} />
            <PartialNote data={q.data} />
            {footer?.(q.data)}
          </>
        ) : (
          <PanelProblem q={q} state={state} height={height} />
        )}
      </div>
    </Panel>
  );
}

"use client";

import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import type { Unit } from "@/lib/monitoring/format";
import { type ChartLine, lastValue } from "@/lib/monitoring/series";
import { roleColor, seriesColor } from "./palette";
import { useDark } from "./use-dark";
import { useFormatTime, useFormatValue } from "./use-format";
import { useInView } from "./use-in-view";

// uPlot only in the browser and only when a chart is on screen: the module
// (and its CSS) is a separate chunk that pages without charts never load.
const UPlotChart = dynamic(() => import("./uplot-chart"), { ssr: false, loading: () => <ChartSkeleton /> });

export function ChartSkeleton() {
  return <div aria-hidden className="h-full w-full animate-pulse rounded-md bg-slate-100 dark:bg-slate-800/60" />;
}

export function lineColors(lines: ChartLine[], dark: boolean): string[] {
  let i = 0;
  return lines.map((l) => (l.role ? roleColor(l.role, dark) : seriesColor(i++, dark)));
}

/**
 * A time-series chart: lines in one unit with unit-labelled axis, a hover
 * tooltip, and a legend with each line's latest value (click to hide a line).
 * Follows the light/dark theme and the width of its container.
 */
export function TimeSeriesChart({
  lines,
  unit,
  label,
  axisLabel,
  height = 200,
  window,
  legend = true,
}: {
  lines: ChartLine[];
  unit: Unit;
  /** The chart's accessible name, usually its panel title. */
  label: string;
  /** The y axis title; default the unit's name, "" for none (small charts). */
  axisLabel?: string;
  height?: number;
  window?: { start: number; end: number };
  legend?: boolean;
}) {
  const t = useTranslations("monitoring.chart");
  const tu = useTranslations("monitoring.axis");
  const dark = useDark();
  const locale = useLocale();
  const format = useFormatValue();
  const formatTime = useFormatTime(!!window && window.end - window.start > 86_400);
  const [ref, inView] = useInView<HTMLDivElement>();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const colors = useMemo(() => lineColors(lines, dark), [lines, dark]);
  const latest = useMemo(() => lines.map((l) => lastValue(l.values)), [lines]);
  const summary = t("summary", {
    title: label,
    values: lines
      .slice(0, 6)
      .map((l, i) => `${l.label} ${format(latest[i], unit)}`)
      .join("; "),
  });
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <figure className="space-y-2">
      <div ref={ref} role="img" aria-label={summary} style={{ height }}>
        {inView ? (
          <UPlotChart
            lines={lines}
            colors={colors}
            hidden={hidden}
            unit={unit}
            axisLabel={axisLabel ?? tu(unit)}
            height={height}
            window={window}
            dark={dark}
            format={format}
            formatTime={formatTime}
            locale={locale}
          />
        ) : (
          <ChartSkeleton />
        )}
      </div>
      {legend && lines.length > 0 && (
        <figcaption>
          <ul className="flex max-h-28 flex-wrap gap-x-3 gap-y-1 overflow-y-auto text-xs" aria-label={t("legend")}>
            {lines.map((l, i) => {
              const off = hidden.has(l.key);
              return (
                <li key={l.key} data-series={l.label} data-role={l.role ?? "series"}>
                  <button
                    type="button"
                    aria-pressed={!off}
                    title={off ? t("show", { series: l.label }) : t("hide", { series: l.label })}
                    onClick={() => toggle(l.key)}
                    className={`flex items-center gap-1.5 rounded px-1 py-0.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-slate-800 ${off ? "opacity-40" : ""}`}
                  >
                    <span
                      aria-hidden
                      className="inline-block w-3 shrink-0"
                      style={{ borderTop: `2px ${l.role === "limit" ? "dashed" : "solid"} ${colors[i]}` }}
                    />
                    <span className="text-slate-600 dark:text-slate-300">{l.label}</span>
                    <span className="font-mono tabular-nums text-slate-900 dark:text-slate-100" data-testid="legend-value">
                      {format(latest[i], unit)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}

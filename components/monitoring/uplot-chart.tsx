"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { type Unit, formatTicks, tickIncrements } from "@/lib/monitoring/format";
import { type Aligned, type ChartLine, align } from "@/lib/monitoring/series";
import { axisColors } from "./palette";

// The uPlot canvas with its hover tooltip. Loaded only through next/dynamic
// (see time-series-chart.tsx): pages without charts never download uPlot.

export interface UPlotChartProps {
  lines: ChartLine[];
  colors: string[];
  hidden: ReadonlySet<string>;
  unit: Unit;
  axisLabel: string;
  height: number;
  /** The x range (Unix seconds): the whole requested window, even where there is no data. */
  window?: { start: number; end: number };
  dark: boolean;
  format: (v: number | null, unit: Unit) => string;
  formatTime: (unixSeconds: number) => string;
  /** For the time axis, in the browser's time zone as uPlot places its ticks. */
  locale: string;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Time ticks in the user's language: times of day, the date at midnight and for day-sized steps. */
function timeTicks(locale: string, splits: number[], incr: number): string[] {
  const date = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" });
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  return splits.map((s) => {
    const d = new Date(s * 1000);
    return incr >= 86_400 || (d.getHours() === 0 && d.getMinutes() === 0) ? date.format(d) : time.format(d);
  });
}

interface Hover {
  idx: number;
  left: number;
  top: number;
  flip: boolean;
}

function options(p: UPlotChartProps, width: number, ref: { current: UPlotChartProps }, onHover: (h: Hover | null) => void): uPlot.Options {
  const c = axisColors(p.dark);
  const filled = p.lines.filter((l) => !l.role).length <= 2;
  const axis = { stroke: c.text, font: `11px ${FONT}`, labelFont: `11px ${FONT}`, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1, size: 4 } };
  return {
    width,
    height: p.height,
    legend: { show: false },
    cursor: { y: false, drag: { x: false, y: false, setScale: false }, points: { size: 6 } },
    scales: {
      x: { time: true, range: (_u, min, max) => (ref.current.window ? [ref.current.window.start, ref.current.window.end] : [min, max]) },
      // From zero: usage against capacity reads wrong on a cropped axis.
      y: { range: (_u, min, max) => [min !== null && min < 0 ? min * 1.08 : 0, max !== null && max > 0 ? max * 1.08 : 1] },
    },
    axes: [
      { ...axis, space: 70, values: (_u, splits, _i, _space, incr) => timeTicks(ref.current.locale, splits, incr) },
      {
        ...axis,
        label: p.axisLabel || undefined,
        labelSize: p.axisLabel ? 16 : 0,
        labelGap: 2,
        incrs: tickIncrements(p.unit),
        values: (_u, splits) => formatTicks(splits, p.unit),
        size: (u, values) => {
          if (!values?.length) return 40;
          const ratio = uPlot.pxRatio || 1;
          u.ctx.font = `${11 * ratio}px ${FONT}`;
          return Math.ceil(Math.max(...values.map((v) => u.ctx.measureText(v).width)) / ratio) + 12;
        },
      },
    ],
    series: [
      {},
      ...p.lines.map(
        (l, i): uPlot.Series => ({
          label: l.label,
          stroke: p.colors[i],
          width: l.role ? 1.5 : 2,
          dash: l.role === "limit" ? [6, 4] : undefined,
          fill: !l.role && filled ? `${p.colors[i]}1f` : undefined,
          show: !p.hidden.has(l.key),
          spanGaps: false,
        }),
      ),
    ],
    hooks: {
      setCursor: [
        (u) => {
          const { idx, left, top } = u.cursor;
          if (idx === null || idx === undefined || left === undefined || left < 0 || top === undefined) {
            onHover(null);
            return;
          }
          const over = u.over;
          onHover({ idx, left: over.offsetLeft + left, top: over.offsetTop + top, flip: left > over.clientWidth / 2 });
        },
      ],
    },
  };
}

export default function UPlotChart(props: UPlotChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const propsRef = useRef(props);
  const data: Aligned = useMemo(() => align(props.lines), [props.lines]);
  const dataRef = useRef(data);
  const [hover, setHover] = useState<Hover | null>(null);

  useLayoutEffect(() => {
    propsRef.current = props;
    dataRef.current = data;
  });

  // What the canvas is built from; anything else (the values) goes through setData.
  const shape = JSON.stringify([props.unit, props.axisLabel, props.dark, props.height, props.lines.map((l) => [l.key, l.label, l.role]), props.colors]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const width = () => Math.max(host.clientWidth, 120);
    const u = new uPlot(options(propsRef.current, width(), propsRef, setHover), dataRef.current as uPlot.AlignedData, host);
    plotRef.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: width(), height: propsRef.current.height }));
    ro.observe(host);
    return () => {
      ro.disconnect();
      u.destroy();
      plotRef.current = null;
      setHover(null);
    };
  }, [shape]);

  useEffect(() => {
    plotRef.current?.setData(data as uPlot.AlignedData);
  }, [data, props.window?.start, props.window?.end]);

  const { hidden, lines } = props;
  useEffect(() => {
    const u = plotRef.current;
    if (!u) return;
    lines.forEach((l, i) => {
      const show = !hidden.has(l.key);
      if (u.series[i + 1] && u.series[i + 1].show !== show) u.setSeries(i + 1, { show });
    });
  }, [hidden, lines, shape]);

  return (
    <div ref={hostRef} className="relative w-full" style={{ height: props.height }}>
      {hover && hover.idx < data[0].length && <Tooltip {...props} data={data} hover={hover} />}
    </div>
  );
}

function Tooltip({ lines, colors, hidden, unit, format, formatTime, data, hover }: UPlotChartProps & { data: Aligned; hover: Hover }) {
  const rows = lines
    .map((l, i) => ({ l, color: colors[i], v: data[i + 1][hover.idx] }))
    .filter((r) => !hidden.has(r.l.key))
    // Many series (pods, nodes): the largest first, and only as many as fit.
    .sort((a, b) => (lines.length > 4 ? (b.v ?? -Infinity) - (a.v ?? -Infinity) : 0))
    .slice(0, 12);
  return (
    <div
      aria-hidden
      className="pointer-events-none absolute z-10 min-w-40 max-w-xs rounded-md border border-slate-200 bg-white/95 px-2.5 py-1.5 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900/95"
      style={{
        top: Math.max(0, hover.top - 12),
        left: hover.flip ? undefined : hover.left + 14,
        right: hover.flip ? `calc(100% - ${hover.left - 14}px)` : undefined,
      }}
    >
      <p className="mb-1 font-medium text-slate-600 dark:text-slate-300">{formatTime(data[0][hover.idx])}</p>
      <ul className="space-y-0.5">
        {rows.map(({ l, color, v }) => (
          <li key={l.key} className="flex items-center gap-2">
            <span className="inline-block h-0.5 w-3 shrink-0" style={{ background: color }} />
            <span className="min-w-0 flex-1 truncate text-slate-700 dark:text-slate-200">{l.label}</span>
            <span className="font-mono tabular-nums text-slate-900 dark:text-white">{format(v, unit)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { PanelResult } from "@/lib/monitoring/series";
import { PanelProblem, type PanelParams, panelState, useMetrics } from "./panel";
import { useInView } from "./use-in-view";

export interface StatValue {
  text: string;
  /** 0…1: drawn as a bar (utilisation, used of capacity). */
  ratio?: number;
  title?: string;
}

export interface Tile {
  key: string;
  label: string;
  /** The tile's value from the latest points, or undefined when there is none. */
  value: (results: PanelResult[]) => StatValue | undefined;
}

function barColor(r: number) {
  return r >= 0.9 ? "bg-red-500" : r >= 0.75 ? "bg-amber-500" : "bg-sky-500";
}

/**
 * The latest value of a few templates as big numbers (CPU utilisation,
 * nodes ready x / y, …). One request for all tiles, over the last 15 minutes
 * whatever the dashboard's range: only the newest point counts.
 */
export function StatTiles({
  params,
  tiles,
  label,
  testId,
  narrow,
}: {
  params: PanelParams;
  tiles: Tile[];
  label: string;
  testId?: string;
  /** Inside a small card: smaller tiles. */
  narrow?: boolean;
}) {
  const t = useTranslations("monitoring.panel");
  const [ref, inView] = useInView<HTMLDivElement>();
  const q = useMetrics({ range: "15m", ...params }, inView);
  const state = panelState(q);
  const results = q.data?.results ?? [];
  const problem = state !== "ready" && state !== "loading";
  return (
    <div ref={ref} data-testid={testId} data-state={state}>
      {problem ? (
        <PanelProblem q={q} state={state} />
      ) : (
        <dl aria-label={label} className={`grid gap-3 ${narrow ? "grid-cols-[repeat(auto-fit,minmax(7.5rem,1fr))]" : "grid-cols-[repeat(auto-fit,minmax(10rem,1fr))]"}`}>
          {tiles.map((tile) => {
            const v = state === "ready" ? tile.value(results) : undefined;
            return (
              <div key={tile.key} className="min-w-0 rounded-md bg-slate-50 px-3 py-2 dark:bg-slate-800/50" data-testid={`stat-${tile.key}`}>
                <dt className="truncate text-xs text-slate-500 dark:text-slate-400" title={tile.label}>
                  {tile.label}
                </dt>
                <dd className="mt-0.5 font-mono text-lg leading-snug font-semibold tabular-nums break-words text-slate-900 dark:text-slate-100" title={v?.title}>
                  {state === "loading" ? <span className="inline-block h-5 w-16 animate-pulse rounded bg-slate-200 dark:bg-slate-700" aria-label={t("loading")} /> : (v?.text ?? "—")}
                </dd>
                {v?.ratio !== undefined && Number.isFinite(v.ratio) && (
                  <div className="mt-1 h-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden>
                    <div className={`h-full ${barColor(v.ratio)}`} style={{ width: `${Math.min(100, Math.max(0, v.ratio * 100))}%` }} />
                  </div>
                )}
              </div>
            );
          })}
        </dl>
      )}
    </div>
  );
}

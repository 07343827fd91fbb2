"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ApiClientError } from "@/lib/client/api";
import { type ExploreParams, RANGE_KEYS, exploreQuery } from "@/lib/monitoring/queries";
import { type ChartLine, type ExploreResponse, countLinePoints, lastValue, seriesName } from "@/lib/monitoring/series";
import type { RangeKey } from "@/lib/monitoring/templates";
import { Panel } from "./panel";
import { TimeSeriesChart } from "./time-series-chart";
import { useDashboardTime } from "./use-dashboard-params";
import { useFormatValue } from "./use-format";

const MAX_ROWS = 200;

/**
 * Free-form PromQL against the cluster's Prometheus, for platform and cluster
 * admins (the server checks again): a range query as a chart plus the latest
 * value of each series, or an instant query as a table.
 */
export function PromQLExplorer({ cluster }: { cluster: string }) {
  const t = useTranslations("monitoring.explorer");
  const tt = useTranslations("monitoring.time");
  const id = useId();
  const dashboard = useDashboardTime();
  const [text, setText] = useState("");
  const [range, setRange] = useState<RangeKey>(dashboard.range);
  const [instant, setInstant] = useState(false);
  const [submitted, setSubmitted] = useState<ExploreParams | null>(null);
  const q = useQuery({ ...exploreQuery(submitted ?? { cluster, query: "", range, instant }), enabled: !!submitted });
  const fieldError = q.error instanceof ApiClientError ? q.error.fields.query : undefined;
  const run = () => {
    if (!text.trim()) return;
    const next = { cluster, query: text.trim(), range, instant };
    // The same query again means "run it again": refetch rather than read the cache.
    if (submitted && JSON.stringify(submitted) === JSON.stringify(next)) void q.refetch();
    else setSubmitted(next);
  };
  return (
    <Panel title={t("title")} description={t("description")} data-testid="promql-explorer">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <Field label={t("query")} hint={t("queryHint")} error={fieldError}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  run();
                }
              }}
              spellCheck={false}
              autoComplete="off"
              maxLength={4000}
              placeholder='sum by (namespace) (rate(pod_cpu_usage_seconds_total[5m]))'
              className={`${inputClass} font-mono`}
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-4">
          <div className="flex items-center gap-2">
            <label htmlFor={`${id}-range`} className="whitespace-nowrap text-sm text-slate-700 dark:text-slate-200">
              {tt("range")}
            </label>
            <select id={`${id}-range`} value={range} onChange={(e) => setRange(e.target.value as RangeKey)} disabled={instant} className={`${inputClass} w-auto py-1`}>
              {RANGE_KEYS.map((k) => (
                <option key={k} value={k}>
                  {tt(`rangeLong.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
            <input type="checkbox" checked={instant} onChange={(e) => setInstant(e.target.checked)} className="h-4 w-4" />
            {t("instant")}
          </label>
          <Button type="submit" variant="primary" disabled={!text.trim() || q.isFetching}>
            {q.isFetching ? t("running") : t("run")}
          </Button>
        </div>
      </form>
      <div className="mt-4" aria-live="polite">
        {q.isError && !fieldError && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {q.error.message}
          </p>
        )}
        {q.data && submitted && <ExploreResult data={q.data} instant={submitted.instant} title={submitted.query} />}
      </div>
    </Panel>
  );
}

function ExploreResult({ data, instant, title }: { data: ExploreResponse; instant: boolean; title: string }) {
  const t = useTranslations("monitoring.explorer");
  const format = useFormatValue();
  const lines = useMemo<ChartLine[]>(() => data.series.map((s) => ({ key: seriesName(s.metric), label: seriesName(s.metric), values: s.values })), [data]);
  const points = countLinePoints(lines);
  if (!data.series.length) return <p className="text-sm text-slate-500">{t("noSeries")}</p>;
  const rows = lines.slice(0, MAX_ROWS).map((l) => ({ key: l.key, label: l.label, value: lastValue(l.values) }));
  return (
    <div className="space-y-3" data-testid="explore-result" data-points={points} data-series={data.series.length}>
      {data.truncated && <p className="text-xs text-amber-800 dark:text-amber-300">{t("truncated", { count: data.series.length })}</p>}
      {!instant && points > 0 && data.start !== undefined && data.end !== undefined && (
        <TimeSeriesChart lines={lines} unit="number" label={title} axisLabel={t("value")} height={260} window={{ start: data.start, end: data.end }} legend={lines.length <= 12} />
      )}
      <div className="max-h-80 overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{instant ? t("tableInstant") : t("tableLatest")}</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("series")}
              </th>
              <th scope="col" className="w-40 px-3 py-2 text-right font-medium">
                {instant ? t("value") : t("latest")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((r) => (
              <tr key={r.key}>
                <td className="break-all px-3 py-1.5 font-mono text-xs">{r.label}</td>
                <td className="px-3 py-1.5 text-right font-mono tabular-nums" title={r.value === undefined ? undefined : String(r.value)}>
                  {format(r.value, "number")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

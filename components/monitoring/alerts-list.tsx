"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useErrorTitle } from "@/components/ui/query-view";
import { useClusterLabel } from "@/components/projects/project-ui";
import { Button } from "@/components/ui/button";
import { Badge, type Tone } from "@/components/ui/status-badge";
import { useAge } from "@/lib/client/use-now";
import { alertsQuery } from "@/lib/monitoring/queries";
import type { AlertsResponse } from "@/lib/monitoring/series";
import { Panel } from "./panel";
import { useDashboardTime } from "./use-dashboard-params";

const SEVERITY_TONE: Record<string, Tone> = { critical: "red", error: "red", warning: "amber", info: "sky" };

/** Alerts as a list: firing before pending (the server's order), each with where and since when. */
export function AlertsListView({ data, namespace, testId = "alerts-list" }: { data: AlertsResponse; namespace?: string; testId?: string }) {
  const t = useTranslations("monitoring.alerts");
  const age = useAge();
  const format = useFormatter();
  const clusterLabel = useClusterLabel();
  const alerts = namespace ? data.alerts.filter((a) => a.namespace === namespace) : data.alerts;
  const firing = alerts.filter((a) => a.state === "firing").length;
  return (
    <div className="space-y-2" data-testid={testId} data-firing={firing} data-count={alerts.length}>
      {alerts.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {t("none")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {alerts.map((a) => {
            const pod = a.labels.pod;
            return (
              <li
                key={`${a.cluster}/${a.name}/${JSON.stringify(a.labels)}`}
                data-testid={`alert-${a.cluster}-${a.name}`}
                data-state={a.state}
                className="flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2 text-sm"
              >
                <span className="flex shrink-0 items-center gap-1">
                  <Badge tone={a.state === "firing" ? "red" : "amber"}>{t(`state.${a.state}`)}</Badge>
                  {a.severity && <Badge tone={SEVERITY_TONE[a.severity] ?? "slate"}>{t.has(`severity.${a.severity}`) ? t(`severity.${a.severity}`) : a.severity}</Badge>}
                </span>
                <div className="min-w-[min(12rem,100%)] flex-1 break-words">
                  <p className="font-medium text-slate-900 dark:text-slate-100">{a.name}</p>
                  {a.summary && (
                    <p className="text-slate-600 dark:text-slate-300" title={a.description}>
                      {a.summary}
                    </p>
                  )}
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    <span>{t("cluster", { cluster: clusterLabel(a.cluster) })}</span>
                    {a.namespace && <span> · {t("namespace", { namespace: a.namespace })}</span>}
                    {pod && <span> · {t("pod", { pod })}</span>}
                  </p>
                </div>
                {a.activeAt && (
                  <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400" title={format.dateTime(new Date(a.activeAt), { dateStyle: "medium", timeStyle: "medium" })}>
                    {t("since", { age: age(a.activeAt) })}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {data.errors.length > 0 && (
        <ul className="space-y-0.5 text-xs text-amber-800 dark:text-amber-300" data-testid="alerts-errors">
          {data.errors.map((e) => (
            <li key={e.cluster}>
              {e.code === "no_metrics" ? t("errorNoMetrics", { cluster: clusterLabel(e.cluster) }) : t("error", { cluster: clusterLabel(e.cluster), message: e.message })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The alerts panel of a dashboard: of some clusters (default all the caller may use), optionally of one namespace. */
export function AlertsList({ clusters, namespace, title, testId }: { clusters?: string[]; namespace?: string; title?: string; testId?: string }) {
  const t = useTranslations("monitoring.alerts");
  const tc = useTranslations("common");
  const errorTitle = useErrorTitle();
  const { refresh } = useDashboardTime();
  const q = useQuery(alertsQuery(clusters, refresh));
  return (
    <Panel title={title ?? t("title")} description={t("description")}>
      {q.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          {t("loading")}
        </p>
      ) : q.isError ? (
        <div role="alert" className="space-y-2 text-sm">
          <p className="font-medium text-red-800 dark:text-red-300">{errorTitle(q.error)}</p>
          <p className="text-red-700 dark:text-red-400">{q.error.message}</p>
          <Button onClick={() => void q.refetch()}>{tc("retry")}</Button>
        </div>
      ) : (
        <AlertsListView data={q.data} namespace={namespace} testId={testId} />
      )}
    </Panel>
  );
}

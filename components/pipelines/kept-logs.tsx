"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Section } from "@/components/ui/section";
import { Tabs } from "@/components/ui/tabs";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import type { KeptRun } from "@/lib/validations/pipeline";

// A deleted run's page: the step logs the console kept of it (retention
// deletes runs beyond a pipeline's newest N, their pods with them). Nothing
// is shown when the console kept nothing, or the caller may not read them.

export function keptLogsQuery(cluster: string, ns: string, run: string) {
  const q = new URLSearchParams({ cluster, namespace: ns, run });
  return {
    queryKey: ["console", "pipelineruns", "kept", cluster, ns, run] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<KeptRun>(`/api/pipelineruns/logs?${q}`, { signal }),
    retry: (n: number, e: unknown) => !(e instanceof ApiClientError && (e.status === 404 || e.status === 403)) && n < 2,
  };
}

export function KeptRunLogs({ cluster, ns, name }: { cluster: string; ns: string; name: string }) {
  const { data } = useQuery(keptLogsQuery(cluster, ns, name));
  return data && data.steps.length > 0 ? <KeptRunLogsView kept={data} /> : null;
}

/** Pure: the kept steps as tabs ("task › step"), the log of the one picked. */
export function KeptRunLogsView({ kept }: { kept: KeptRun }) {
  const t = useTranslations("workloads.detail");
  const format = useFormatter();
  const tabs = kept.steps.map((s, i) => ({ key: String(i), label: `${s.task} › ${s.step}` }));
  const [picked, setPicked] = useState("0");
  const step = kept.steps[Number(picked)] ?? kept.steps[0];
  return (
    <Section id="kept-logs" title={t("keptLogs")}>
      <div data-testid="kept-logs" className="space-y-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("keptLogsNote", { date: format.dateTime(new Date(kept.keptAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
        <Tabs label={t("keptLogs")} tabs={tabs} selected={picked} onSelect={setPicked}>
          <div className="space-y-2">
            {step.error && <p className="text-sm text-red-700 dark:text-red-400">{t("keptError", { error: step.error })}</p>}
            {step.truncated && <p className="text-xs text-amber-700 dark:text-amber-400">{t("keptTruncated", { size: `${Math.round(step.bytes / 1024)} KiB` })}</p>}
            <pre role="log" className="h-80 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100">
              {step.log || t("keptEmpty")}
            </pre>
          </div>
        </Tabs>
      </div>
    </Section>
  );
}

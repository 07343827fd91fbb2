"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Loading } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { QueryView } from "@/components/ui/query-view";
import { Section } from "@/components/ui/section";
import { EmptyState } from "@/components/ui/states";
import { Badge } from "@/components/ui/status-badge";
import { type ChartDetail, chartQuery } from "@/lib/query/apps";
import { AppsNav } from "./apps-nav";
import { safeHref } from "./markdown-model";
import { Markdown } from "./markdown";

// A chart's page: its versions (the address keeps the one shown), README,
// default values and the Install dialog (loaded when first opened).

const InstallDialog = dynamic(() => import("./install-dialog").then((m) => m.InstallDialog), { loading: Loading });

const MESSAGES = "apps.chart";

export function ChartPage({ repo, chart }: { repo: string; chart: string }) {
  const t = useTranslations(MESSAGES);
  const sp = useSearchParams();
  const version = sp.get("version") || undefined;
  const q = useQuery({ ...chartQuery(repo, chart, version), placeholderData: keepPreviousData });
  const [installing, setInstalling] = useState(false);
  const chooseVersion = useCallback((v: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set("version", v);
    window.history.replaceState(null, "", url);
  }, []);
  const d = q.data;
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/apps", label: t("back") }}
        title={d?.displayName ?? chart}
        meta={d && <span className="font-mono text-sm text-slate-500 dark:text-slate-400">{d.name}</span>}
        subtitle={d?.description}
        actions={
          d && (
            <>
              <VersionSelect detail={d} onChange={chooseVersion} busy={q.isPlaceholderData} />
              <Button variant="primary" data-testid="install-chart" onClick={() => setInstalling(true)} disabled={q.isPlaceholderData}>
                {t("install")}
              </Button>
            </>
          )
        }
        tabs={<AppsNav />}
      >
        {d && <ChartFacts detail={d} />}
      </PageHeader>
      <QueryView query={q}>{(detail) => <ChartBody detail={detail} />}</QueryView>
      {d && installing && <InstallDialog mode={{ kind: "install", chart: d }} onClose={() => setInstalling(false)} />}
    </div>
  );
}

function VersionSelect({ detail, onChange, busy }: { detail: ChartDetail; onChange: (v: string) => void; busy: boolean }) {
  const t = useTranslations(MESSAGES);
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="shrink-0 text-sm font-medium">
        {t("version")}
      </label>
      <select id={id} value={detail.version} onChange={(e) => onChange(e.target.value)} aria-busy={busy || undefined} className={`${inputClass} font-mono`}>
        {detail.versionsList.map((v) => (
          <option key={v.version} value={v.version}>
            {v.appVersion ? t("versionOption", { version: v.version, app: v.appVersion }) : v.version}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Pure: what the header says about the chart besides its name. */
export function ChartFacts({ detail: d }: { detail: ChartDetail }) {
  const t = useTranslations(MESSAGES);
  const home = d.home ? safeHref(d.home) : undefined;
  const fact = (label: string, value: React.ReactNode) => (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-sm">{value}</dd>
    </div>
  );
  return (
    <dl className="flex flex-wrap gap-x-8 gap-y-2" data-testid="chart-facts">
      {fact(t("version"), <span className="font-mono">{d.version}</span>)}
      {d.appVersion && fact(t("appVersion"), <span className="font-mono">{d.appVersion}</span>)}
      {fact(t("repository"), d.repoDisplayName)}
      {d.category && fact(t("category"), <Badge tone="sky">{d.category}</Badge>)}
      {d.keywords.length > 0 &&
        fact(
          t("keywords"),
          <span className="flex flex-wrap gap-1">
            {d.keywords.map((k) => (
              <Badge key={k}>{k}</Badge>
            ))}
          </span>,
        )}
      {home &&
        fact(
          t("home"),
          <a href={home} target="_blank" rel="noopener noreferrer" className="text-sky-800 underline hover:no-underline dark:text-sky-300">
            {home}
          </a>,
        )}
    </dl>
  );
}

/** Pure: the README and the default values. */
export function ChartBody({ detail: d }: { detail: ChartDetail }) {
  const t = useTranslations(MESSAGES);
  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Section id="chart-readme" title={t("readme")}>
        {d.readme.trim() ? (
          <div className="rounded-lg border border-slate-200 px-5 py-2 dark:border-slate-700">
            <Markdown text={d.readme} />
          </div>
        ) : (
          <EmptyState title={t("noReadme")} />
        )}
      </Section>
      <Section id="chart-values" title={t("defaultValues")}>
        <p className="text-xs text-slate-500 dark:text-slate-400">{d.schema ? t("valuesHintSchema") : t("valuesHint")}</p>
        {d.valuesYAML.trim() ? (
          <pre data-testid="default-values" className="max-h-[70vh] overflow-auto rounded-md bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">
            {d.valuesYAML}
          </pre>
        ) : (
          <EmptyState title={t("noValues")} />
        )}
      </Section>
    </div>
  );
}

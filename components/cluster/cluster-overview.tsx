"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { use } from "react";
import { useFormatValue } from "@/components/monitoring/use-format";
import { UsageBar } from "@/components/quotas/quota-ui";
import { Badge, type Tone } from "@/components/ui/status-badge";
import { formatAge } from "@/lib/format";
import { PRESSURE_CONDITIONS } from "@/lib/k8s/cluster-summary";
import type { AlertsResponse } from "@/lib/monitoring/series";
import type { Capacity, ControlPlane, MetricsSection, Section, Timed, Usage, WarningEvent } from "@/lib/server/cluster-dashboard";

// The renderers of a cluster's dashboard. Each section arrives as a promise
// from the server page and renders when it resolves (inside its Suspense), so
// a slow Prometheus or cluster holds up only its own card. Times are drawn
// against the server's clock (`now`) so the HTML and the hydrated page agree.

function Card({ title, testId, action, children, wide }: { title: string; testId: string; action?: React.ReactNode; children: React.ReactNode; wide?: boolean }) {
  return (
    <section aria-label={title} data-testid={testId} className={`min-w-0 rounded-lg border border-slate-200 p-4 dark:border-slate-800 ${wide ? "lg:col-span-2" : ""}`}>
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h2 className="font-medium text-slate-900 dark:text-slate-100">{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

export function CardSkeleton({ title, wide }: { title: string; wide?: boolean }) {
  const t = useTranslations("cluster.dashboard");
  return (
    <Card title={title} testId="dashboard-loading" wide={wide}>
      <div role="status" aria-label={t("loading")} className="space-y-2">
        <div className="h-4 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
        <div className="h-4 w-1/2 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
      </div>
    </Card>
  );
}

function Problem({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-amber-800 dark:text-amber-300">{children}</p>;
}

function Muted({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-slate-500 dark:text-slate-400">{children}</p>;
}

export function VersionCard({ data, fallback }: { data: Promise<Section<{ gitVersion: string; platform?: string }>>; fallback?: string }) {
  const t = useTranslations("cluster.dashboard");
  const s = use(data);
  const version = s.state === "ok" ? s.data.gitVersion : fallback;
  if (!version) return null;
  return (
    <Card title={t("version")} testId="dashboard-version">
      <p className="font-mono text-2xl font-semibold text-slate-900 dark:text-slate-100">{version}</p>
      {s.state === "ok" && s.data.platform && (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {t("platform")}: {s.data.platform}
        </p>
      )}
    </Card>
  );
}

function Figure({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="truncate text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-mono text-sm tabular-nums text-slate-900 dark:text-slate-100" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function CapacityCard({ cluster, data, usage }: { cluster: string; data: Promise<Section<Capacity>>; usage: Promise<MetricsSection<Usage>> }) {
  const t = useTranslations("cluster.dashboard.capacity");
  const te = useTranslations("cluster.dashboard");
  const fmt = useFormatValue();
  const s = use(data);
  const u = use(usage);
  if (s.state === "hidden") return null;
  if (s.state === "error") {
    return (
      <Card title={t("title")} testId="dashboard-capacity" wide>
        <Problem>{te("error", { message: s.message })}</Problem>
      </Card>
    );
  }
  const a = s.data.allocation;
  const used = u.state === "ok" ? u.data : undefined;
  const rows = [
    { key: "cpu", resource: "cpu", unit: "cores", r: a.cpu, inUse: used?.cpu },
    { key: "memory", resource: "memory", unit: "bytes", r: a.memory, inUse: used?.memory },
  ] as const;
  return (
    <Card
      title={t("title")}
      testId="dashboard-capacity"
      wide
      action={
        <Link href={`/c/${cluster}/nodes`} className="text-sm text-sky-800 hover:underline dark:text-sky-300" data-testid="capacity-nodes">
          {t("nodes", { count: a.nodes })}
        </Link>
      }
    >
      <div className="grid gap-4 md:grid-cols-3">
        {rows.map(({ key, resource, unit, r, inUse }) => (
          <div key={key} className="min-w-0 space-y-2" data-testid={`capacity-${key}`}>
            <h3 className="text-sm font-medium text-slate-700 dark:text-slate-200">{t(key)}</h3>
            <UsageBar resource={resource} used={r.requested} hard={r.allocatable} label={t("requestedOf", { resource: t(key) })} />
            <dl className="grid grid-cols-2 gap-2">
              <Figure label={t("requested")} value={fmt(r.requested, unit)} />
              <Figure label={t("limits")} value={fmt(r.limits, unit)} />
              <Figure label={t("allocatable")} value={fmt(r.allocatable, unit)} testId={`capacity-${key}-allocatable`} />
              {used && <Figure label={t("inUse")} value={fmt(inUse, unit)} testId={`capacity-${key}-in-use`} />}
            </dl>
          </div>
        ))}
        <div className="min-w-0 space-y-2" data-testid="capacity-pods">
          <h3 className="text-sm font-medium text-slate-700 dark:text-slate-200">{t("pods")}</h3>
          <UsageBar resource="pods" used={a.pods.used} hard={a.pods.allocatable} label={t("podsOf")} />
          <dl className="grid grid-cols-2 gap-2">
            <Figure label={t("placed")} value={a.pods.used} testId="capacity-pods-used" />
            <Figure label={t("allocatable")} value={a.pods.allocatable} testId="capacity-pods-allocatable" />
          </dl>
        </div>
      </div>
      {u.state === "no_metrics" && <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">{t("noMetrics")}</p>}
      {u.state === "error" && (
        <p className="mt-3 text-xs text-amber-800 dark:text-amber-300">{t("metricsError", { message: u.message })}</p>
      )}
    </Card>
  );
}

export function NodeConditionsCard({ cluster, data }: { cluster: string; data: Promise<Section<Capacity>> }) {
  const t = useTranslations("cluster.dashboard.nodes");
  const s = use(data);
  if (s.state !== "ok") return null;
  const c = s.data.conditions;
  const counts: { key: string; n: number; tone: Tone }[] = [
    { key: "ready", n: c.ready, tone: "green" },
    { key: "notReady", n: c.notReady, tone: "red" },
    { key: "unknown", n: c.unknown, tone: "amber" },
    { key: "unschedulable", n: c.unschedulable, tone: "amber" },
  ];
  const pressure = PRESSURE_CONDITIONS.filter((p) => c.pressure[p] > 0);
  return (
    <Card
      title={t("title")}
      testId="dashboard-node-conditions"
      action={
        <Link href={`/c/${cluster}/nodes`} className="text-sm text-sky-800 hover:underline dark:text-sky-300">
          {t("viewAll")}
        </Link>
      }
    >
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Figure label={t("total")} value={c.total} testId="nodes-total" />
        {counts
          .filter((x) => x.key === "ready" || x.n > 0)
          .map((x) => (
            <div key={x.key} className="min-w-0">
              <dt className="truncate text-xs text-slate-500 dark:text-slate-400">{t(x.key)}</dt>
              <dd data-testid={`nodes-${x.key}`}>
                <Badge tone={x.n > 0 ? x.tone : "slate"}>{x.n}</Badge>
              </dd>
            </div>
          ))}
      </dl>
      {pressure.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">{t("healthy")}</p>
      ) : (
        <ul className="mt-3 flex flex-wrap gap-2">
          {pressure.map((p) => (
            <li key={p} data-testid={`nodes-${p}`}>
              <Badge tone="amber">
                {t(p)}: {c.pressure[p]}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ControlPlaneCard({ data }: { data: Promise<Section<ControlPlane>> }) {
  const t = useTranslations("cluster.dashboard.controlPlane");
  const te = useTranslations("cluster.dashboard");
  const s = use(data);
  if (s.state === "hidden") return null;
  if (s.state === "error") {
    return (
      <Card title={t("title")} testId="dashboard-control-plane">
        <Problem>{te("error", { message: s.message })}</Problem>
      </Card>
    );
  }
  const cp = s.data;
  const passed = cp.components.reduce((n, c) => n + c.checks - c.failed.length, 0);
  const total = cp.components.reduce((n, c) => n + c.checks, 0);
  const label = (name: string) => (t.has(`component.${name}`) ? t(`component.${name}`) : name);
  return (
    <Card title={t("title")} testId="dashboard-control-plane">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={cp.ready ? "green" : "red"}>{cp.ready ? t("ready") : t("notReady")}</Badge>
        {cp.live !== undefined && <Badge tone={cp.live ? "green" : "red"}>{cp.live ? t("live") : t("notLive")}</Badge>}
        <span className="text-xs text-slate-500 dark:text-slate-400">{t("checks", { passed, total })}</span>
      </div>
      <ul className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {cp.components.map((c) => (
          <li key={c.name} className="flex items-center justify-between gap-2 py-1" data-testid={`component-${c.name}`} data-ok={c.ok}>
            <span className="min-w-0 truncate" title={c.failed.length ? t("failedChecks", { checks: c.failed.join(", ") }) : undefined}>
              {label(c.name)}
            </span>
            <Badge tone={c.ok ? "green" : "red"}>{c.ok ? t("ok") : t("failed")}</Badge>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function TopNamespacesCard({ cluster, data }: { cluster: string; data: Promise<MetricsSection<Usage>> }) {
  const t = useTranslations("cluster.dashboard.top");
  const te = useTranslations("cluster.dashboard");
  const fmt = useFormatValue();
  const s = use(data);
  // Without Prometheus the capacity card says so once.
  if (s.state === "hidden" || s.state === "no_metrics") return null;
  if (s.state === "error") {
    return (
      <Card title={t("title")} testId="dashboard-top-namespaces">
        <Problem>{te("error", { message: s.message })}</Problem>
      </Card>
    );
  }
  const lists = [
    { key: "cpu", unit: "cores", items: s.data.topCpu },
    { key: "memory", unit: "bytes", items: s.data.topMemory },
  ] as const;
  return (
    <Card title={t("title")} testId="dashboard-top-namespaces">
      <div className="grid gap-4 sm:grid-cols-2">
        {lists.map((l) => {
          const max = l.items[0]?.value || 1;
          return (
            <div key={l.key} className="min-w-0" data-testid={`top-${l.key}`}>
              <h3 className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">{t(l.key)}</h3>
              {l.items.length === 0 ? (
                <Muted>{t("none")}</Muted>
              ) : (
                <ol className="space-y-1 text-sm">
                  {l.items.map((x) => (
                    <li key={x.name} className="min-w-0">
                      <div className="flex justify-between gap-2">
                        <Link href={`/c/${cluster}/ns/${x.name}`} className="min-w-0 truncate text-sky-800 hover:underline dark:text-sky-300" title={x.name}>
                          {x.name}
                        </Link>
                        <span className="shrink-0 font-mono text-xs tabular-nums">{fmt(x.value, l.unit)}</span>
                      </div>
                      <div className="mt-0.5 h-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden>
                        <div className="h-full bg-sky-500" style={{ width: `${Math.max(2, (x.value / max) * 100)}%` }} />
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}

export function WarningsCard({ cluster, data }: { cluster: string; data: Promise<Section<Timed<WarningEvent[]> & { clusterWide: boolean }>> }) {
  const t = useTranslations("cluster.dashboard.warnings");
  const te = useTranslations("cluster.dashboard");
  const locale = useLocale();
  const s = use(data);
  if (s.state === "hidden") return null;
  return (
    <Card
      title={t("title")}
      testId="dashboard-warnings"
      wide
      action={
        s.state === "ok" &&
        s.data.clusterWide && (
          <Link href={`/c/${cluster}/events`} className="text-sm text-sky-800 hover:underline dark:text-sky-300">
            {t("viewAll")}
          </Link>
        )
      }
    >
      {s.state === "error" ? (
        <Problem>{te("error", { message: s.message })}</Problem>
      ) : s.data.items.length === 0 ? (
        <Muted>{t("none")}</Muted>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {s.data.items.map((e) => (
            <li key={e.key} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 py-1.5" data-testid="warning-event">
              <Badge tone="amber">{e.reason ?? "—"}</Badge>
              <span className="min-w-0 truncate font-mono text-xs" title={e.object}>
                {e.namespace ? `${e.namespace}/` : ""}
                {e.object}
              </span>
              <span className="min-w-[min(16rem,100%)] flex-1 break-words text-slate-700 dark:text-slate-300">{e.message}</span>
              <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">
                {e.count > 1 && <span className="mr-2">{t("count", { count: e.count })}</span>}
                {t("ago", { age: formatAge(e.time, s.data.readAt, locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

const SEVERITY_TONE: Record<string, Tone> = { critical: "red", error: "red", warning: "amber", info: "sky" };

export function AlertsCard({ data }: { data: Promise<MetricsSection<Timed<AlertsResponse>>> }) {
  const t = useTranslations("cluster.dashboard.alerts");
  const s = use(data);
  if (s.state === "hidden") return null;
  return (
    <Card title={t("title")} testId="dashboard-alerts">
      {s.state === "no_metrics" ? (
        <Muted>{t("noMetrics")}</Muted>
      ) : s.state === "error" ? (
        <Problem>{t("error", { message: s.message })}</Problem>
      ) : (
        <FiringAlerts data={s.data.items} readAt={s.data.readAt} />
      )}
    </Card>
  );
}

function FiringAlerts({ data, readAt }: { data: AlertsResponse; readAt: number }) {
  const t = useTranslations("cluster.dashboard.alerts");
  const locale = useLocale();
  const ta = useTranslations("monitoring.alerts");
  return (
    <>
      {data.alerts.length === 0 ? (
        <Muted>{t("none")}</Muted>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-firing={data.alerts.length}>
          {data.alerts.map((a) => (
            <li key={`${a.name}/${JSON.stringify(a.labels)}`} className="space-y-0.5 py-1.5" data-testid={`alert-${a.name}`}>
              <div className="flex flex-wrap items-center gap-2">
                {a.severity && <Badge tone={SEVERITY_TONE[a.severity] ?? "slate"}>{ta.has(`severity.${a.severity}`) ? ta(`severity.${a.severity}`) : a.severity}</Badge>}
                <span className="font-medium">{a.name}</span>
                {a.activeAt && <span className="text-xs text-slate-500 dark:text-slate-400">{ta("since", { age: formatAge(a.activeAt, readAt, locale) })}</span>}
              </div>
              {a.summary && <p className="break-words text-slate-600 dark:text-slate-300">{a.summary}</p>}
              {a.namespace && <p className="text-xs text-slate-500 dark:text-slate-400">{ta("namespace", { namespace: a.namespace })}</p>}
            </li>
          ))}
        </ul>
      )}
      {data.errors.map((e) => (
        <Problem key={e.cluster}>{t("error", { message: e.message })}</Problem>
      ))}
    </>
  );
}

export function HiddenNote({ data }: { data: Promise<Section<Capacity>> }) {
  const t = useTranslations("cluster.dashboard");
  return use(data).state === "hidden" ? <p className="text-xs text-slate-500 dark:text-slate-400">{t("hiddenNote")}</p> : null;
}

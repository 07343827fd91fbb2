"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import { Age } from "@/components/ui/age";
import { Badge } from "@/components/ui/status-badge";
import type { AuditEvent, HealthAnswer } from "./audit-api";
import { placeOf, resultTone } from "./audit-model";

// Pure renderers of the audit page: the table of events, the state of a
// console without a database, and the warning of a database that stopped
// taking rows. The page (audit-trail.tsx) fetches and hands them data.

const code = (c: React.ReactNode) => <code className="rounded bg-slate-100 px-1 font-mono text-[0.9em] dark:bg-slate-800">{c}</code>;
const muted = "text-xs text-slate-500 dark:text-slate-400";
const VIAS = ["session", "token", "kubectl"] as const;
const isVia = (v: string): v is (typeof VIAS)[number] => (VIAS as readonly string[]).includes(v);

/** Events newest first; each row opens to the rest of what was recorded. */
export function AuditTable({ events, busy = false }: { events: AuditEvent[]; busy?: boolean }) {
  const t = useTranslations("access.audit");
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300";
  return (
    <div className={`overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 ${busy ? "opacity-60" : ""}`} aria-busy={busy} data-testid="audit-table">
      <table className="w-full min-w-[64rem] table-fixed text-sm">
        <caption className="sr-only">{t("tableLabel")}</caption>
        <colgroup>
          <col className="w-10" />
          <col className="w-24" />
          <col className="w-[14%]" />
          <col className="w-[18%]" />
          <col className="w-24" />
          <col className="w-[16%]" />
          <col />
          <col className="w-[16%]" />
        </colgroup>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800/60">
          <tr>
            <th scope="col" className={th}>
              <span className="sr-only">{t("columns.details")}</span>
            </th>
            <th scope="col" className={th}>
              {t("columns.time")}
            </th>
            <th scope="col" className={th}>
              {t("columns.user")}
            </th>
            <th scope="col" className={th}>
              {t("columns.where")}
            </th>
            <th scope="col" className={th}>
              {t("columns.verb")}
            </th>
            <th scope="col" className={th}>
              {t("columns.resource")}
            </th>
            <th scope="col" className={th}>
              {t("columns.name")}
            </th>
            <th scope="col" className={th}>
              {t("columns.result")}
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <AuditRow key={e.id} event={e} open={open.has(e.id)} onToggle={() => toggle(e.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditRow({ event: e, open, onToggle }: { event: AuditEvent; open: boolean; onToggle: () => void }) {
  const t = useTranslations("access.audit");
  const detailsId = `audit-details-${e.id}`;
  const place = placeOf(e);
  const via = e.via ? (isVia(e.via) ? t(`via.${e.via}`) : t("via.other", { via: e.via })) : undefined;
  const td = "min-w-0 px-3 py-2 align-top";
  return (
    <Fragment>
      <tr
        data-testid={`audit-row-${e.id}`}
        data-result={e.result}
        className={`border-b border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40 ${open ? "bg-slate-50 dark:bg-slate-800/40" : ""}`}
      >
        <td className="px-2 py-1.5 align-top">
          <button
            type="button"
            onClick={onToggle}
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={open ? t("hideDetails", { id: e.id }) : t("showDetails", { id: e.id })}
            className="rounded px-1.5 py-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-slate-700 dark:hover:text-white"
          >
            <span aria-hidden className={`inline-block transition-transform ${open ? "rotate-90" : ""}`}>
              ▸
            </span>
          </button>
        </td>
        <td className={`${td} whitespace-nowrap tabular-nums`}>
          <Age ts={e.time} />
        </td>
        <td className={td}>
          <span className="block truncate font-medium" title={e.user || undefined}>
            {e.user || <span className="font-normal text-slate-500 dark:text-slate-400">{t("anonymous")}</span>}
          </span>
          {via && <span className={`block truncate ${muted}`}>{via}</span>}
        </td>
        <td className={td}>
          <span className="block truncate" title={place || undefined}>
            {place || <span className="text-slate-400">—</span>}
          </span>
        </td>
        <td className={`${td} truncate font-mono text-xs`} title={e.verb ?? e.event}>
          {e.verb ?? e.event}
        </td>
        <td className={td}>
          <span className="block truncate font-mono text-xs" title={e.resource ?? undefined}>
            {e.resource ?? <span className="text-slate-400">—</span>}
          </span>
          {e.apiGroup && <span className={`block truncate ${muted}`}>{e.apiGroup}</span>}
        </td>
        <td className={td}>
          <span className="block truncate" title={e.name ?? undefined}>
            {e.name ?? <span className="text-slate-400">—</span>}
          </span>
        </td>
        <td className={td}>
          <span className="flex items-center gap-1.5">
            <Badge tone={resultTone(e.result)}>{t(`results.${e.result}`)}</Badge>
            {e.status !== null && <span className={`${muted} tabular-nums`}>{e.status}</span>}
          </span>
          {/* Why it was refused is what the reader comes for; an allowed row has nothing to explain. */}
          {e.result !== "allowed" && e.reason && (
            <span className="mt-0.5 block truncate text-xs text-red-700 dark:text-red-400" title={e.reason}>
              {e.reason}
            </span>
          )}
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className="border-b border-slate-200 bg-slate-50/60 dark:border-slate-700 dark:bg-slate-900/60">
          <td />
          <td colSpan={7} className="px-3 pt-1 pb-3">
            <AuditDetails event={e} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function AuditDetails({ event: e }: { event: AuditEvent }) {
  const t = useTranslations("access.audit.detail");
  const format = useFormatter();
  const none = <span className="text-slate-400">{t("none")}</span>;
  const rows: [string, React.ReactNode][] = [
    [t("event"), <span key="e" className="font-mono text-xs">{e.event}</span>],
    [t("exactTime"), <time key="t" dateTime={e.time}>{format.dateTime(new Date(e.time), { dateStyle: "full", timeStyle: "long" })}</time>],
    [
      t("groups"),
      e.groups.length ? (
        <span key="g" className="flex flex-wrap gap-1">
          {e.groups.map((g) => (
            <Badge key={g}>{g}</Badge>
          ))}
        </span>
      ) : (
        <span key="g" className="text-slate-500 dark:text-slate-400">{t("noGroups")}</span>
      ),
    ],
    [t("source"), e.source ? <span className="font-mono text-xs">{e.source}</span> : none],
    [t("requestId"), e.requestId ? <span className="font-mono text-xs break-all">{e.requestId}</span> : none],
    [t("status"), e.status ?? none],
    [t("reason"), e.reason ? <span className="break-words">{e.reason}</span> : none],
  ];
  return (
    <div className="space-y-2" data-testid={`audit-details-${e.id}`}>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <Fragment key={k}>
            <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="min-w-0">{v}</dd>
          </Fragment>
        ))}
      </dl>
      {e.details && (
        <div className="space-y-1">
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("details")}</p>
          <pre className="max-h-64 overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs whitespace-pre-wrap break-all dark:border-slate-700 dark:bg-slate-950">
            {JSON.stringify(e.details, null, 2)}
          </pre>
        </div>
      )}
    </div>
  );
}

/** A console without a database: what the trail needs, not an error. */
export function AuditOff() {
  const t = useTranslations("access.audit.off");
  return (
    <section data-testid="audit-off" aria-labelledby="audit-off-title" className="max-w-3xl space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-6 text-sm dark:border-slate-700 dark:bg-slate-900">
      <h2 id="audit-off-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700 dark:text-slate-300">{t.rich("body", { code })}</p>
      <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100 dark:bg-slate-950">
        PILOTHOUSE_DATABASE_URL=postgres://pilothouse:PASSWORD@db.example:5432/pilothouse
      </pre>
      <p className="text-slate-600 dark:text-slate-400">{t.rich("demo", { code })}</p>
    </section>
  );
}

/** The database stopped taking rows: how many wait, how many were lost, and why. */
export function AuditFailing({ audit }: { audit: NonNullable<HealthAnswer["audit"]> }) {
  const t = useTranslations("access.audit.failing");
  return (
    <div data-testid="audit-failing" role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950/40">
      <p className="font-medium text-amber-900 dark:text-amber-200">{t("title", { queued: audit.queued ?? 0, dropped: audit.dropped ?? 0 })}</p>
      {audit.lastError && <p className="mt-1 font-mono text-xs break-words text-amber-900 dark:text-amber-200">{t("lastError", { error: audit.lastError })}</p>}
      <p className="mt-1 text-amber-800 dark:text-amber-300">{t("hint")}</p>
    </div>
  );
}

"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { kindOf } from "@/components/kinds/registry";
import { Age } from "@/components/ui/age";
import { Button } from "@/components/ui/button";
import { type ConfirmSpec, ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Loading } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { QueryView } from "@/components/ui/query-view";
import { Section } from "@/components/ui/section";
import { EmptyState } from "@/components/ui/states";
import { detailHref, nsHref } from "@/lib/k8s/kinds/kind";
import {
  type ReleaseDetail,
  type ReleaseObject,
  type RevisionView,
  releaseKey,
  releaseQuery,
  releasesKey,
  revisionValuesQuery,
  rollbackRelease,
  uninstallRelease,
} from "@/lib/query/apps";
import { helmTime, releaseBusy } from "./apps-model";
import { ReleaseStatus } from "./release-status";

// A release's page: its state (asked again while helm works on it), notes,
// the objects it owns (linked to their pages), its history with each
// revision's values and a roll back, and Upgrade and Uninstall.

const InstallDialog = dynamic(() => import("./install-dialog").then((m) => m.InstallDialog), { loading: Loading });

const MESSAGES = "apps.release";

export const releasesListHref = (cluster: string, namespace: string) =>
  `/apps/releases?${new URLSearchParams({ cluster, namespace }).toString()}`;

export function ReleasePage({ cluster, namespace, name }: { cluster: string; namespace: string; name: string }) {
  const t = useTranslations(MESSAGES);
  const router = useRouter();
  const qc = useQueryClient();
  const q = useQuery({ ...releaseQuery(cluster, namespace, name), refetchInterval: (query) => (releaseBusy(query.state.data?.status) ? 3_000 : false) });
  const [upgrading, setUpgrading] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmSpec>();
  const [valuesOf, setValuesOf] = useState<number>();
  const d = q.data;
  const list = releasesListHref(cluster, namespace);

  const askUninstall = () =>
    setConfirm({
      id: `uninstall-${name}`,
      title: t("uninstall.title", { name }),
      body: <p>{t("uninstall.body", { name, namespace, cluster })}</p>,
      submit: t("uninstall.submit"),
      submitting: t("uninstall.submitting"),
      failed: t("uninstall.failed"),
      typeToConfirm: { value: name, label: t("uninstall.confirmLabel", { name }) },
      action: async () => {
        await uninstallRelease(cluster, namespace, name);
        // Gone: no refetch of it (a 404) while the list loads.
        qc.removeQueries({ queryKey: releaseKey(cluster, namespace, name) });
        router.push(list);
      },
    });
  const askRollback = (r: RevisionView) =>
    setConfirm({
      id: `rollback-${r.revision}`,
      title: t("rollback.title", { name, revision: r.revision }),
      body: (
        <div className="space-y-2">
          <p>{t("rollback.body", { name, revision: r.revision, chart: r.chart })}</p>
          <p className="text-slate-500 dark:text-slate-400">{t("rollback.wait")}</p>
        </div>
      ),
      submit: t("rollback.submit"),
      submitting: t("rollback.submitting"),
      failed: t("rollback.failed"),
      action: () => rollbackRelease(cluster, namespace, name, r.revision),
    });

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: list, label: t("back") }}
        title={name}
        meta={d && <ReleaseStatus status={d.status} testId="release-status" />}
        subtitle={t("subtitle", { namespace, cluster })}
        actions={
          d && (
            <>
              <GuardedButton
                variant="primary"
                allowed={!!d.source}
                reason={t("noSource", { chart: d.chart })}
                data-testid="upgrade-release"
                onClick={() => setUpgrading(true)}
              >
                {t("upgrade")}
              </GuardedButton>
              <Button variant="ghost" className="text-red-700 dark:text-red-400" data-testid="uninstall-release" onClick={askUninstall}>
                {t("uninstall.open")}
              </Button>
            </>
          )
        }
      >
        {d && <ReleaseFacts release={d} />}
      </PageHeader>
      {d ? (
        <>
          {q.isError && (
            <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
              {t("stale", { message: q.error.message })}
            </p>
          )}
          <ReleaseView release={d} onValues={setValuesOf} onRollback={askRollback} />
        </>
      ) : (
        <QueryView query={q}>{() => null}</QueryView>
      )}
      {d?.source && upgrading && <InstallDialog mode={{ kind: "upgrade", release: d, source: d.source }} onClose={() => setUpgrading(false)} />}
      <Dialog open={valuesOf !== undefined} onClose={() => setValuesOf(undefined)} title={t("valuesTitle", { name, revision: valuesOf ?? 0 })} wide>
        {valuesOf !== undefined && <RevisionValues cluster={cluster} namespace={namespace} name={name} revision={valuesOf} />}
      </Dialog>
      <ConfirmDialog spec={confirm} onClose={() => setConfirm(undefined)} invalidate={[releasesKey]} />
    </div>
  );
}

/** Pure: the header's facts. */
export function ReleaseFacts({ release: r }: { release: ReleaseDetail }) {
  const t = useTranslations(MESSAGES);
  const fact = (label: string, value: React.ReactNode, testId?: string) => (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-sm" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <dl className="flex flex-wrap gap-x-8 gap-y-2">
      {fact(t("chart"), <span className="font-mono">{r.chart}</span>)}
      {fact(t("chartVersion"), <span className="font-mono">{r.chartVersion}</span>, "release-chart-version")}
      {fact(t("appVersion"), <span className="font-mono">{r.appVersion || "—"}</span>)}
      {fact(t("revision"), r.revision, "release-revision")}
      {fact(t("updated"), <Age ts={helmTime(r.updated)} />)}
      {fact(
        t("project"),
        <Link href={nsHref(r.cluster, r.namespace)} className="text-sky-800 hover:underline dark:text-sky-300">
          {r.namespace}
        </Link>,
      )}
      {fact(t("cluster"), r.cluster)}
      {r.source && fact(t("source"), <span className="font-mono">{`${r.source.repo}/${r.source.chart}`}</span>)}
    </dl>
  );
}

/** The console's page of an object the release owns, when the console has one. */
export function objectHref(cluster: string, namespace: string, o: ReleaseObject): string | undefined {
  const kind = kindOf(o.apiVersion, o.kind);
  return kind ? detailHref(cluster, o.namespace ?? namespace, kind.slug, o.name) : undefined;
}

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-2 align-top";

/** Pure: notes, objects, history and values of a release. */
export function ReleaseView({ release: r, onValues, onRollback }: { release: ReleaseDetail; onValues: (revision: number) => void; onRollback: (r: RevisionView) => void }) {
  const t = useTranslations(MESSAGES);
  return (
    <div className="space-y-8">
      {r.notes.trim() && (
        <Section id="release-notes" title={t("notes")}>
          <pre data-testid="release-notes" className="overflow-auto rounded-md border border-slate-200 bg-slate-50 p-4 font-mono text-xs leading-5 whitespace-pre-wrap dark:border-slate-700 dark:bg-slate-900">
            {r.notes.trim()}
          </pre>
        </Section>
      )}
      <Section id="release-objects" title={t("objects", { count: r.objects.length })}>
        {r.objects.length === 0 ? (
          <EmptyState title={t("noObjects")} />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
            <table className="w-full text-sm">
              <thead className="bg-slate-50 dark:bg-slate-800/60">
                <tr>
                  <th scope="col" className={th}>
                    {t("columns.kind")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.name")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.apiVersion")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.objects.map((o) => {
                  const href = objectHref(r.cluster, r.namespace, o);
                  return (
                    <tr key={`${o.apiVersion}/${o.kind}/${o.namespace ?? ""}/${o.name}`} className="border-t border-slate-100 dark:border-slate-800" data-testid={`release-object-${o.kind}-${o.name}`}>
                      <td className={td}>{o.kind}</td>
                      <td className={`${td} font-mono`}>
                        {href ? (
                          <Link href={href} className="text-sky-800 hover:underline dark:text-sky-300" aria-label={t("openObject", { kind: o.kind, name: o.name })}>
                            {o.name}
                          </Link>
                        ) : (
                          o.name
                        )}
                      </td>
                      <td className={`${td} font-mono text-xs text-slate-500 dark:text-slate-400`}>{o.apiVersion}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section id="release-history" title={t("history")}>
        <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 dark:bg-slate-800/60">
              <tr>
                {(["revision", "status", "chart", "appVersion", "updated", "description", "actions"] as const).map((c) => (
                  <th key={c} scope="col" className={th}>
                    {t(`columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.history.map((h) => (
                <tr key={h.revision} className="border-t border-slate-100 dark:border-slate-800" data-testid={`revision-row-${h.revision}`}>
                  <td className={`${td} font-mono`}>{h.revision}</td>
                  <td className={td}>
                    <ReleaseStatus status={h.status} />
                  </td>
                  <td className={`${td} font-mono text-xs`}>{h.chart}</td>
                  <td className={`${td} font-mono text-xs`}>{h.appVersion || "—"}</td>
                  <td className={td}>
                    <Age ts={helmTime(h.updated)} />
                  </td>
                  <td className={`${td} max-w-md text-xs break-words text-slate-600 dark:text-slate-300`}>{h.description}</td>
                  <td className={`${td} whitespace-nowrap`}>
                    <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => onValues(h.revision)} aria-label={t("valuesOf", { revision: h.revision })}>
                      {t("values")}
                    </Button>
                    {h.revision !== r.revision && (
                      <Button variant="ghost" className="px-2 py-1 text-xs text-sky-800 dark:text-sky-300" onClick={() => onRollback(h)} aria-label={t("rollbackTo", { revision: h.revision })}>
                        {t("rollback.open")}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section id="release-values" title={t("currentValues")}>
        {r.values.trim() ? (
          <pre data-testid="release-values" className="max-h-[50vh] overflow-auto rounded-md bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">
            {r.values}
          </pre>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("noValues")}</p>
        )}
      </Section>
    </div>
  );
}

function RevisionValues({ cluster, namespace, name, revision }: { cluster: string; namespace: string; name: string; revision: number }) {
  const t = useTranslations(MESSAGES);
  const q = useQuery(revisionValuesQuery(cluster, namespace, name, revision));
  return (
    <QueryView query={q}>
      {(v) =>
        v.values.trim() ? (
          <pre data-testid="revision-values" className="max-h-[65vh] overflow-auto rounded-md bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">
            {v.values}
          </pre>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("noValues")}</p>
        )
      }
    </QueryView>
  );
}

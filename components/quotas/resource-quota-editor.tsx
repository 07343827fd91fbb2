"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { useErrorTitle } from "@/components/ui/query-view";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { projectsKey } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { ApiClientError } from "@/lib/client/api";
import { kubeWrite } from "@/lib/client/kube";
import { PROJECT_QUOTA, type ResourceQuotaObject, quotaPath, quotasPath } from "@/lib/k8s/kinds/resourcequota";
import { objectKey, objectQuery } from "@/lib/client/list-query";
import { parseQuantity } from "@/lib/k8s/quantity";
import { QUOTA_EDITOR_RESOURCES, QUOTA_SCOPES, cleanList, formatQuantity, listIssues } from "./quota-model";
import { UsageBar, useIssueText, useResourceLabel, useUnitHint } from "./quota-ui";

const notFound = (e: unknown) => e instanceof ApiClientError && e.status === 404;

/**
 * The project's ResourceQuota "compute" on one cluster, through the proxy:
 * used against hard for every resource, the hard limits checked as you type,
 * saved with PUT on the version that was loaded (or created with POST).
 */
export function ResourceQuotaEditor({ cluster, namespace, clusterLabel }: { cluster: string; namespace: string; clusterLabel?: string }) {
  const t = useTranslations("quotas.quota");
  const tc = useTranslations("common");
  const errorTitle = useErrorTitle();
  const path = quotaPath(namespace);
  const q = useQuery({
    ...objectQuery<ResourceQuotaObject>(cluster, path),
    retry: (n, e) => !notFound(e) && n < 1,
  });
  const can = useCan([
    { verb: "update", resource: "core/resourcequotas", cluster, namespace },
    { verb: "create", resource: "core/resourcequotas", cluster, namespace },
  ]);
  const headingId = useId();

  let body: React.ReactNode;
  if (q.isPending) body = <LoadingState label={tc("loading")} />;
  else if (q.isError && !notFound(q.error))
    body = (
      <ErrorState title={errorTitle(q.error)} message={q.error.message}>
        <Button className="mt-3" onClick={() => void q.refetch()}>
          {tc("retry")}
        </Button>
      </ErrorState>
    );
  else {
    const current = q.isError ? undefined : q.data;
    const allowed = current ? can.allowed[0] : can.allowed[1];
    body = (
      <QuotaForm
        cluster={cluster}
        namespace={namespace}
        current={current}
        allowed={allowed}
        pending={can.pending}
        reloading={q.isFetching}
        onReload={() => void q.refetch()}
      />
    );
  }
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid={`quota-editor-${cluster}`}>
      <div>
        <h3 id={headingId} className="text-base font-semibold">
          {t("heading", { name: PROJECT_QUOTA, cluster: clusterLabel ?? cluster })}
        </h3>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("intro")}</p>
      </div>
      {body}
    </section>
  );
}

function QuotaForm({
  cluster,
  namespace,
  current,
  allowed,
  pending,
  reloading,
  onReload,
}: {
  cluster: string;
  namespace: string;
  current: ResourceQuotaObject | undefined;
  allowed: boolean;
  pending: boolean;
  reloading: boolean;
  onReload: () => void;
}) {
  const t = useTranslations("quotas.quota");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const label = useResourceLabel();
  const unit = useUnitHint();
  const issueText = useIssueText();
  const id = useId();
  // Only what the user changed; everything else follows the loaded object, so a
  // reload after a conflict keeps the user's changes on top of the newer version.
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [scopeEdits, setScopeEdits] = useState<string[] | undefined>();
  const [saved, setSaved] = useState(false);

  const specHard = useMemo(() => current?.spec?.hard ?? {}, [current]);
  const resources = useMemo(() => [...QUOTA_EDITOR_RESOURCES, ...Object.keys(specHard).filter((r) => !(QUOTA_EDITOR_RESOURCES as readonly string[]).includes(r))], [specHard]);
  const values = Object.fromEntries(resources.map((r) => [r, edits[r] ?? specHard[r] ?? ""]));
  const scopes = scopeEdits ?? current?.spec?.scopes ?? [];
  const issues = listIssues(values);
  const dirty = Object.keys(edits).some((r) => edits[r].trim() !== (specHard[r] ?? "")) || (scopeEdits !== undefined && scopeEdits.join() !== (current?.spec?.scopes ?? []).join());
  // Kubernetes refuses changing the scopes of an existing quota.
  const scopesLocked = !!current;

  const save = useMutation({
    mutationFn: () => {
      const hard = cleanList(values);
      const spec: NonNullable<ResourceQuotaObject["spec"]> = { ...(current?.spec ?? {}), hard };
      if (scopes.length) spec.scopes = scopes;
      else delete spec.scopes;
      if (current) {
        const { apiVersion, kind, metadata } = current;
        return kubeWrite<ResourceQuotaObject>(cluster, quotaPath(namespace), {
          method: "PUT",
          body: { apiVersion: apiVersion ?? "v1", kind: kind ?? "ResourceQuota", metadata, spec },
        });
      }
      return kubeWrite<ResourceQuotaObject>(cluster, quotasPath(namespace), {
        method: "POST",
        body: { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: PROJECT_QUOTA, namespace }, spec },
      });
    },
    onSuccess: (obj) => {
      qc.setQueryData(objectKey(cluster, quotaPath(namespace)), obj);
      setEdits({});
      setScopeEdits(undefined);
      setSaved(true);
      // Project pages and the tenant's budget show the quota too.
      void qc.invalidateQueries({ queryKey: projectsKey });
    },
  });

  const readOnly = !allowed;
  const busy = save.isPending;
  const conflict = save.error instanceof ApiClientError && save.error.status === 409;
  const refused = save.error instanceof ApiClientError && save.error.status === 403;

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (readOnly || busy || Object.keys(issues).length) {
      (e.currentTarget as HTMLFormElement).querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    setSaved(false);
    save.mutate();
  };

  const change = (r: string, v: string) => {
    setSaved(false);
    save.reset();
    setEdits((x) => ({ ...x, [r]: v }));
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={busy}>
      {!pending && readOnly && (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
          {current ? t("readOnly") : t("readOnlyMissing")}
        </p>
      )}
      {!current && <p className="text-sm text-slate-600 dark:text-slate-300">{t("missing")}</p>}
      {conflict && (
        <ErrorState title={t("conflictTitle")} message={t("conflictBody")}>
          <Button className="mt-3" onClick={onReload} disabled={reloading}>
            {reloading ? tc("loading") : t("reload")}
          </Button>
        </ErrorState>
      )}
      {save.isError && !conflict && <ErrorState title={refused ? t("refused") : t("failed")} message={save.error.message} />}
      <fieldset disabled={busy || readOnly || pending} className="space-y-4">
        <legend className="sr-only">{t("legend")}</legend>
        <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
          <table className="w-full min-w-[36rem] text-sm">
            <thead className="bg-slate-50 dark:bg-slate-800/60">
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                <th scope="col" className="px-3 py-2">
                  {t("columns.resource")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("columns.usage")}
                </th>
                <th scope="col" className="w-48 px-3 py-2">
                  {t("columns.hard")}
                </th>
              </tr>
            </thead>
            <tbody>
              {resources.map((r) => {
                const inputId = `${id}-${r}`;
                const error = issueText(issues[r]);
                const used = current?.status?.used?.[r];
                const hard = specHard[r];
                return (
                  <tr key={r} data-testid={`quota-row-${r}`} data-used={used ?? ""} data-hard={hard ?? ""} className="border-t border-slate-100 align-top dark:border-slate-800">
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <label htmlFor={inputId} className="block font-medium text-slate-800 dark:text-slate-200">
                        {label(r)}
                      </label>
                      <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{r}</span>
                    </th>
                    <td className="px-3 py-2 pt-3">
                      <UsageBar resource={r} used={parseQuantity(used)} hard={parseQuantity(hard)} label={t("usageOf", { resource: label(r) })} />
                    </td>
                    <td className="px-3 py-2">
                      <input
                        id={inputId}
                        type="text"
                        value={values[r]}
                        onChange={(e) => change(r, e.target.value)}
                        aria-invalid={!!error}
                        aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ""}`}
                        autoComplete="off"
                        autoCapitalize="none"
                        spellCheck={false}
                        placeholder={t("notSet")}
                        className={`${inputClass} font-mono`}
                      />
                      <p id={`${inputId}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                        {unit(r)}
                        {hard !== undefined && edits[r] !== undefined && edits[r].trim() !== hard ? ` · ${t("was", { value: formatQuantity(r, hard) })}` : ""}
                      </p>
                      {error && (
                        <p id={`${inputId}-error`} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
                          {error}
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <fieldset className="space-y-2" disabled={scopesLocked} aria-describedby={`${id}-scopes-hint`}>
          <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("scopes")}</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {QUOTA_SCOPES.map((s) => (
              <label key={s} className="inline-flex items-center gap-2 text-sm" title={t(`scope.${s}`)}>
                <input
                  type="checkbox"
                  checked={scopes.includes(s)}
                  onChange={(e) => {
                    setSaved(false);
                    setScopeEdits(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s));
                  }}
                  className="h-4 w-4 rounded border-slate-300 accent-sky-700 dark:border-slate-600"
                />
                <span className="font-mono">{s}</span>
              </label>
            ))}
          </div>
          <p id={`${id}-scopes-hint`} className="text-xs text-slate-500 dark:text-slate-400">
            {scopesLocked ? t("scopesLocked") : t("scopesHint")}{" "}
            {scopes
              .filter((s) => t.has(`scope.${s}`))
              .map((s) => t(`scope.${s}`))
              .join(" ")}
          </p>
        </fieldset>
      </fieldset>
      {allowed && (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={busy || (!dirty && !!current)}>
            {busy ? tc("saving") : current ? t("save") : t("create")}
          </Button>
          {dirty && (
            <Button
              onClick={() => {
                setEdits({});
                setScopeEdits(undefined);
                save.reset();
              }}
              disabled={busy}
            >
              {t("discard")}
            </Button>
          )}
          <span role="status" aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
            {saved ? t("saved") : ""}
          </span>
        </div>
      )}
    </form>
  );
}

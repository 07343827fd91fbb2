"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useErrorTitle } from "@/components/ui/query-view";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useCan } from "@/lib/access/use-can";
import { ApiClientError } from "@/lib/client/api";
import { kubeWrite } from "@/lib/client/kube";
import { type LimitRangeObject, PROJECT_LIMITS, limitRangePath, limitRangesPath } from "@/lib/k8s/kinds/resourcequota";
import { objectKey, objectQuery } from "@/lib/client/list-query";
import { LIMIT_FIELDS, LIMIT_RESOURCES, type LimitField, type LimitType, type LimitValues, limitIssues } from "./quota-model";
import { LimitGrid, useIssueText } from "./quota-ui";

type LimitItem = NonNullable<NonNullable<LimitRangeObject["spec"]>["limits"]>[number];

const TYPES: LimitType[] = ["Container", "Pod"];
const notFound = (e: unknown) => e instanceof ApiClientError && e.status === 404;
const editKey = (type: LimitType, field: LimitField, resource: string) => `${type}|${field}|${resource}`;

/**
 * The project's LimitRange "defaults" on one cluster, through the proxy: for
 * containers and pods, min and max, the defaults containers get when they
 * declare nothing, and the largest limit-to-request ratio.
 */
export function LimitRangeEditor({ cluster, namespace, clusterLabel }: { cluster: string; namespace: string; clusterLabel?: string }) {
  const t = useTranslations("quotas.limitRange");
  const tc = useTranslations("common");
  const errorTitle = useErrorTitle();
  const path = limitRangePath(namespace);
  const q = useQuery({ ...objectQuery<LimitRangeObject>(cluster, path), retry: (n, e) => !notFound(e) && n < 1 });
  const can = useCan([
    { verb: "update", resource: "core/limitranges", cluster, namespace },
    { verb: "create", resource: "core/limitranges", cluster, namespace },
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
    body = (
      <LimitForm
        cluster={cluster}
        namespace={namespace}
        current={current}
        allowed={current ? can.allowed[0] : can.allowed[1]}
        pending={can.pending}
        reloading={q.isFetching}
        onReload={() => void q.refetch()}
      />
    );
  }
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid={`limit-range-editor-${cluster}`}>
      <div>
        <h3 id={headingId} className="text-base font-semibold">
          {t("heading", { name: PROJECT_LIMITS, cluster: clusterLabel ?? cluster })}
        </h3>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("intro")}</p>
      </div>
      {body}
    </section>
  );
}

function LimitForm({
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
  current: LimitRangeObject | undefined;
  allowed: boolean;
  pending: boolean;
  reloading: boolean;
  onReload: () => void;
}) {
  const t = useTranslations("quotas.limitRange");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const issueText = useIssueText();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const items = current?.spec?.limits ?? [];
  const itemOf = (type: LimitType) => items.find((x) => x.type === type);
  const loaded = (type: LimitType, f: LimitField, r: string) => itemOf(type)?.[f]?.[r] ?? "";
  const value = (type: LimitType, f: LimitField, r: string) => edits[editKey(type, f, r)] ?? loaded(type, f, r);
  const valuesOf = (type: LimitType): LimitValues => {
    const out: LimitValues = {};
    for (const f of LIMIT_FIELDS[type]) out[f] = Object.fromEntries(LIMIT_RESOURCES.map((r) => [r, value(type, f, r)]));
    return out;
  };
  const issues = Object.fromEntries(TYPES.map((type) => [type, limitIssues(valuesOf(type), LIMIT_FIELDS[type])])) as Record<LimitType, ReturnType<typeof limitIssues>>;
  const invalid = TYPES.some((type) => Object.keys(issues[type]).length > 0);
  const dirty = Object.entries(edits).some(([k, v]) => {
    const [type, f, r] = k.split("|") as [LimitType, LimitField, string];
    return v.trim() !== loaded(type, f, r);
  });

  /** The loaded limits with the form's values in place; other types and resources stay as they were. */
  const nextLimits = (): LimitItem[] => {
    const out: LimitItem[] = items.filter((x) => !TYPES.includes(x.type as LimitType));
    for (const type of TYPES) {
      const item: LimitItem = { ...(itemOf(type) ?? { type }) };
      for (const f of LIMIT_FIELDS[type]) {
        const list: Record<string, string> = { ...(item[f] ?? {}) };
        for (const r of LIMIT_RESOURCES) {
          const v = value(type, f, r).trim();
          if (v) list[r] = v;
          else delete list[r];
        }
        if (Object.keys(list).length) item[f] = list;
        else delete item[f];
      }
      if (Object.keys(item).some((k) => k !== "type")) out.push(item);
    }
    return out;
  };

  const save = useMutation({
    mutationFn: () => {
      const spec = { ...(current?.spec ?? {}), limits: nextLimits() };
      if (current) {
        const { apiVersion, kind, metadata } = current;
        return kubeWrite<LimitRangeObject>(cluster, limitRangePath(namespace), {
          method: "PUT",
          body: { apiVersion: apiVersion ?? "v1", kind: kind ?? "LimitRange", metadata, spec },
        });
      }
      return kubeWrite<LimitRangeObject>(cluster, limitRangesPath(namespace), {
        method: "POST",
        body: { apiVersion: "v1", kind: "LimitRange", metadata: { name: PROJECT_LIMITS, namespace }, spec },
      });
    },
    onSuccess: (obj) => {
      qc.setQueryData(objectKey(cluster, limitRangePath(namespace)), obj);
      setEdits({});
      setSaved(true);
    },
  });

  const readOnly = !allowed;
  const busy = save.isPending;
  const conflict = save.error instanceof ApiClientError && save.error.status === 409;

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (readOnly || busy) return;
    if (invalid) {
      e.currentTarget.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    setSaved(false);
    save.mutate();
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
      {save.isError && !conflict && <ErrorState title={t("failed")} message={save.error.message} />}
      <fieldset disabled={busy || readOnly || pending} className="grid gap-6 lg:grid-cols-2">
        <legend className="sr-only">{t("legend")}</legend>
        {TYPES.map((type) => (
          <div key={type} className="space-y-2">
            <LimitGrid
              caption={t(`type.${type}`)}
              fields={LIMIT_FIELDS[type]}
              resources={LIMIT_RESOURCES}
              value={(f, r) => value(type, f, r)}
              onChange={(f, r, v) => {
                setSaved(false);
                save.reset();
                setEdits((x) => ({ ...x, [editKey(type, f, r)]: v }));
              }}
              errorText={(k) => issueText(issues[type][k])}
            />
            <p className="text-xs text-slate-500 dark:text-slate-400">{t(`typeHint.${type}`)}</p>
          </div>
        ))}
      </fieldset>
      {allowed && (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={busy || !dirty}>
            {busy ? tc("saving") : current ? t("save") : t("create")}
          </Button>
          {dirty && (
            <Button
              onClick={() => {
                setEdits({});
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


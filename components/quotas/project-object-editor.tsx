"use client";

import { type QueryKey, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useMemo } from "react";
import { type DefaultValues, type FieldValues, type UseFormReturn, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Form, SaveBar, useCheckedForm, useSavedFlag, useUserChange } from "@/components/ui/form";
import { sameValues } from "@/components/ui/form-errors";
import { useErrorTitle } from "@/components/ui/query-view";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useCan } from "@/lib/access/use-can";
import { ApiClientError } from "@/lib/client/api";
import { kubeWrite } from "@/lib/client/kube";
import { optionalObjectQuery } from "@/lib/client/list-query";
import type { KubeObject } from "@/lib/k8s/types";
import type { Issue } from "./quota-model";
import { useIssueTexts } from "./quota-ui";

/** The one object of a kind a project keeps per namespace (its quota, its default limits). */
export interface ProjectObjectKind {
  kind: string;
  name: string;
  /** For can-i: "core/resourcequotas". */
  resource: string;
  path: (namespace: string) => string;
  collectionPath: (namespace: string) => string;
}

type Editable = KubeObject & { spec?: unknown };

/** What one editor knows of its object; the rest is ProjectObjectEditor's. */
export interface ObjectEditorConfig<T extends Editable, V extends FieldValues> {
  object: ProjectObjectKind;
  /**
   * Message namespace with heading, intro, legend, readOnly, readOnlyMissing,
   * missing, conflictTitle, conflictBody, reload, refused, failed, save,
   * create, discard and saved.
   */
  messages: string;
  testId: string;
  /** The form's values of the loaded object, or of none. */
  toValues: (current: T | undefined) => V;
  /** Client checks: field name → issue. */
  check: (values: V) => Record<string, Issue>;
  /** The spec to send: the loaded one with the form's values in place. */
  toSpec: (values: V, current: T | undefined) => T["spec"];
  /** Whether Create may send an object the user left empty. */
  createEmpty?: boolean;
  /** Other queries that show the object. */
  invalidates?: QueryKey;
  fieldsClassName: string;
}

interface EditorProps<T extends Editable, V extends FieldValues> {
  cluster: string;
  namespace: string;
  clusterLabel?: string;
  config: ObjectEditorConfig<T, V>;
  /** The fields, bound to the form through its context. */
  children: (ctx: { current: T | undefined; values: V }) => React.ReactNode;
}

/**
 * A project's object on one cluster, through the proxy: loaded (or none yet), editable as allowed by can-i, saved with PUT on the
 * version that was loaded or created with POST. A conflict offers Reload, and
 * what the user changed stays on top of the newer version.
 */
export function ProjectObjectEditor<T extends Editable, V extends FieldValues>(props: EditorProps<T, V>) {
  const { cluster, namespace, clusterLabel } = props;
  const { object, messages, testId } = props.config;
  const t = useTranslations(messages);
  const tc = useTranslations("common");
  const errorTitle = useErrorTitle();
  const q = useQuery({ ...optionalObjectQuery<T>(cluster, object.collectionPath(namespace), object.name), retry: 1 });
  const can = useCan([
    { verb: "update", resource: object.resource, cluster, namespace },
    { verb: "create", resource: object.resource, cluster, namespace },
  ]);
  const headingId = useId();

  let body: React.ReactNode;
  if (q.isPending) body = <LoadingState label={tc("loading")} />;
  else if (q.isError)
    body = (
      <ErrorState title={errorTitle(q.error)} message={q.error.message}>
        <Button className="mt-3" onClick={() => void q.refetch()}>
          {tc("retry")}
        </Button>
      </ErrorState>
    );
  else {
    const current = q.data ?? undefined;
    body = (
      <ObjectForm
        {...props}
        current={current}
        allowed={current ? can.allowed[0] : can.allowed[1]}
        canPending={can.pending}
        reloading={q.isFetching}
        onReload={() => void q.refetch()}
      />
    );
  }
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid={`${testId}-${cluster}`}>
      <div>
        <h3 id={headingId} className="text-base font-semibold">
          {t("heading", { name: object.name, cluster: clusterLabel ?? cluster })}
        </h3>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("intro")}</p>
      </div>
      {body}
    </section>
  );
}

function ObjectForm<T extends Editable, V extends FieldValues>({
  cluster,
  namespace,
  config,
  children,
  current,
  allowed,
  canPending,
  reloading,
  onReload,
}: EditorProps<T, V> & { current: T | undefined; allowed: boolean; canPending: boolean; reloading: boolean; onReload: () => void }) {
  const { object, messages, toValues, check, toSpec, createEmpty, invalidates, fieldsClassName } = config;
  const t = useTranslations(messages);
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const issueTexts = useIssueTexts();
  const loaded = useMemo(() => toValues(current), [toValues, current]);
  // The form follows the loaded object; after a reload what the user changed stays on top of it.
  const form = useCheckedForm<V>(loaded as DefaultValues<V>, (v) => issueTexts(check(v)), {
    values: loaded,
    resetOptions: { keepDirtyValues: true },
  });
  const values = useWatch({ control: form.control }) as V;
  const [saved, setSaved] = useSavedFlag(form);

  const save = useMutation({
    mutationFn: ({ values, current }: { values: V; current: T | undefined }) => {
      const spec = toSpec(values, current);
      if (current) {
        const { apiVersion, kind, metadata } = current;
        return kubeWrite<T>(cluster, object.path(namespace), {
          method: "PUT",
          body: { apiVersion: apiVersion ?? "v1", kind: kind ?? object.kind, metadata, spec },
        });
      }
      return kubeWrite<T>(cluster, object.collectionPath(namespace), {
        method: "POST",
        body: { apiVersion: "v1", kind: object.kind, metadata: { name: object.name, namespace }, spec },
      });
    },
    onSuccess: (obj) => {
      // Clean first, so following the saved object keeps nothing as "changed"
      // (reset takes the form's resetOptions unless told otherwise).
      form.reset(toValues(obj), { keepDirtyValues: false });
      qc.setQueryData(optionalObjectQuery<T>(cluster, object.collectionPath(namespace), object.name).queryKey, obj);
      setSaved(true);
      if (invalidates) void qc.invalidateQueries({ queryKey: invalidates });
    },
  });
  // An edit answers the last error.
  useUserChange(form, save.reset);

  const readOnly = !allowed;
  const busy = save.isPending;
  const dirty = !sameValues(values, loaded);
  const conflict = save.error instanceof ApiClientError && save.error.status === 409;
  const refused = save.error instanceof ApiClientError && save.error.status === 403;

  const onSubmit = (v: V) => {
    if (readOnly || busy) return;
    setSaved(false);
    save.mutate({ values: v, current });
  };

  const actions = allowed && (
    <SaveBar
      pending={busy}
      label={current ? t("save") : t("create")}
      disabled={!dirty && (!!current || !createEmpty)}
      saved={saved ? t("saved") : undefined}
      discard={
        dirty
          ? {
              label: t("discard"),
              onClick: () => {
                form.reset(loaded, { keepDirtyValues: false });
                save.reset();
              },
            }
          : undefined
      }
    />
  );
  return (
    <Form form={form as UseFormReturn<V>} onSubmit={onSubmit} pending={busy} failed={t("failed")} actions={actions}>
      {!canPending && readOnly && (
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
      <fieldset disabled={readOnly || canPending} className={fieldsClassName}>
        <legend className="sr-only">{t("legend")}</legend>
        {children({ current, values })}
      </fieldset>
    </Form>
  );
}

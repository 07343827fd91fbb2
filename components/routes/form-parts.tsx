"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { showErrors } from "@/components/ui/form";
import { inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import type { FormErrors } from "./form-common";
import { ChangedMeanwhileError, saveObject } from "./route-write";

// What the route forms share on screen: row inputs named by hidden labels,
// their errors, section frames, and the model's error codes as text.

export const sectionClass = "space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700";
export const legendClass = "px-1 text-sm font-semibold text-slate-800 dark:text-slate-200";
export const subtleClass = "text-xs text-slate-500 dark:text-slate-400";
const errorClass = "col-span-full basis-full text-sm text-red-700 dark:text-red-400";

/** A field left empty is not an error until the submit (its message would move the buttons under a click). */
export const notMissing = (errors: FormErrors): FormErrors => Object.fromEntries(Object.entries(errors).filter(([, e]) => "server" in e || e.code !== "required"));

/** The model's errors as text: a message of workloads.routeForm.errors, or the server's own words. */
export function useErrorTexts() {
  const t = useTranslations("workloads.routeForm");
  return useCallback(
    (errors: FormErrors) => Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, "server" in e ? e.server : t(`errors.${e.code}`, e.values ?? {})])),
    [t],
  );
}

/** An input of a row, named by a hidden label; its error (RowError) is `${id}-error`. */
export function RowInput({ id, label, error, className = "", ...input }: { id: string; label: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> }) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} autoComplete="off" spellCheck={false} {...input} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} className={`${inputClass} ${className}`} />
    </>
  );
}

/** A select of a row, named by a hidden label. */
export function RowSelect({
  id,
  label,
  error,
  options,
  placeholder,
  className = "",
  ...select
}: { id: string; label: string; error?: string; options: { value: string; label: string }[]; placeholder?: string } & React.SelectHTMLAttributes<HTMLSelectElement> & {
    ref?: React.Ref<HTMLSelectElement>;
  }) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select id={id} {...select} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} className={`${inputClass} ${className}`}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** Options being read (a namespace's Services, its Secrets): `items` undefined once the read failed (then names are typed). */
export interface Choices<T> {
  items?: T[];
  loading: boolean;
}

/** The place of a row's select while its options load: named like it, so nothing is typed into a field about to change. */
export function RowLoading({ id, label, className = "" }: { id: string; label: string; className?: string }) {
  const t = useTranslations("workloads.routeForm");
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select id={id} disabled aria-busy className={`${inputClass} ${className}`}>
        <option>{t("loadingOptions")}</option>
      </select>
    </>
  );
}

/** A row's field error with its id, for aria-describedby. */
export function RowError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} role="alert" className={errorClass}>
      {error}
    </p>
  ) : null;
}

export function RemoveButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled?: boolean }) {
  const t = useTranslations("workloads.routeForm");
  return (
    <Button variant="ghost" onClick={onClick} aria-label={label} disabled={disabled} className="shrink-0">
      {t("remove")}
    </Button>
  );
}

/** What the API server refused, on top of the form: its message and the causes no field shows. */
export function ServerRefusal({ title, message, other }: { title: string; message: string; other: string[] }) {
  return (
    <ErrorState title={title} message={message}>
      {other.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-red-700 dark:text-red-400">
          {other.map((o, i) => (
            <li key={i}>{o}</li>
          ))}
        </ul>
      )}
    </ErrorState>
  );
}

/**
 * The save of a route form: create, or replace in place (route-write), with
 * the API server's refusals put on the fields `split` names and the rest said
 * on top (`server`). A name already taken is said on the name.
 */
export function useRouteSave<F extends FieldValues, T extends KubeObject>({
  form,
  cluster,
  kind,
  ns,
  original,
  build,
  split,
  onSaved,
}: {
  form: UseFormReturn<F>;
  cluster: string;
  kind: KindInfo;
  ns: string;
  original: T | undefined;
  build: (v: F, base: T | undefined) => T;
  split: (causes: ApiClientError["causes"]) => { fields: FormErrors; other: string[] };
  onSaved: (o: T) => void;
}) {
  const t = useTranslations("workloads.routeForm");
  const texts = useErrorTexts();
  const [server, setServer] = useState<{ message: string; other: string[] }>();
  const save = useMutation({
    mutationFn: (v: F) => saveObject<T>(cluster, kind, ns, original, (base) => build(v, base)),
    onSuccess: onSaved,
    onError: (e) => {
      if (e instanceof ChangedMeanwhileError) return setServer({ message: t("changedMeanwhile"), other: [] });
      const found = e instanceof ApiClientError ? split(e.causes) : { fields: {}, other: [] };
      if (e instanceof ApiClientError && e.status === 409 && !original) found.fields.name = { server: e.message };
      setServer({ message: e.message, other: found.other });
      showErrors(form, texts(found.fields));
    },
  });
  const submit = (v: F) => {
    setServer(undefined);
    save.mutate(v);
  };
  const pending = save.isPending;
  const labels = original ? { submit: t("save"), submitting: t("saving") } : { submit: t("create"), submitting: t("creating") };
  const refusal = server && <ServerRefusal title={t("refused")} message={server.message} other={server.other} />;
  return { submit, pending, labels, refusal };
}

/** What a route form is given: where, the object when editing in place, and what follows a save. */
export interface RouteFormProps<T> {
  cluster: string;
  ns: string;
  original?: T;
  onSaved: (o: T) => void;
  onCancel: () => void;
  /** Continue in the YAML editor with what the form describes (creating only). */
  onEditYaml?: (o: T) => void;
}

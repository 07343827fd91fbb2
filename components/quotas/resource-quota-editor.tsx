"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { useController, useFormContext } from "react-hook-form";
import { inputClass } from "@/components/ui/field";
import { useFieldError } from "@/components/ui/form";
import { projectsKey } from "@/lib/access/queries";
import { PROJECT_QUOTA, type ResourceQuotaObject, quotaPath, quotasPath } from "@/lib/k8s/kinds/resourcequota";
import { parseQuantity } from "@/lib/k8s/quantity";
import { type ObjectEditorConfig, ProjectObjectEditor } from "./project-object-editor";
import { QUOTA_EDITOR_RESOURCES, QUOTA_SCOPES, cleanList, fieldResource, formValues, formatQuantity, fromFieldKeys, quantityIssuesAt, resourceField, toFieldKeys } from "./quota-model";
import { ColumnHeads, UsageBar, useResourceLabel, useUnitHint } from "./quota-ui";

/** Hard limits by resourceField, and the scopes. */
type QuotaValues = { hard: Record<string, string>; scopes: string[] };

const toValues = (q: ResourceQuotaObject | undefined): QuotaValues => ({
  hard: toFieldKeys(formValues(QUOTA_EDITOR_RESOURCES, q?.spec?.hard)),
  scopes: q?.spec?.scopes ?? [],
});

function toSpec(v: QuotaValues, current: ResourceQuotaObject | undefined): ResourceQuotaObject["spec"] {
  const spec: NonNullable<ResourceQuotaObject["spec"]> = { ...(current?.spec ?? {}), hard: cleanList(fromFieldKeys(v.hard)) };
  if (v.scopes.length) spec.scopes = v.scopes;
  else delete spec.scopes;
  return spec;
}

const CONFIG: ObjectEditorConfig<ResourceQuotaObject, QuotaValues> = {
  object: { kind: "ResourceQuota", name: PROJECT_QUOTA, resource: "core/resourcequotas", path: quotaPath, collectionPath: quotasPath },
  messages: "quotas.quota",
  testId: "quota-editor",
  toValues,
  check: (v) => quantityIssuesAt("hard", v.hard),
  toSpec,
  createEmpty: true,
  // Project pages and the tenant's budget show the quota too.
  invalidates: projectsKey,
  fieldsClassName: "space-y-4",
};

/**
 * The project's ResourceQuota "compute" on one cluster: used against hard for
 * every resource, the hard limits checked as you type.
 */
export function ResourceQuotaEditor(place: { cluster: string; namespace: string; clusterLabel?: string }) {
  return (
    <ProjectObjectEditor {...place} config={CONFIG}>
      {({ current, values }) => (
        <>
          <HardLimits current={current} values={values} />
          <Scopes locked={!!current} />
        </>
      )}
    </ProjectObjectEditor>
  );
}

function HardLimits({ current, values }: { current: ResourceQuotaObject | undefined; values: QuotaValues }) {
  const t = useTranslations("quotas.quota");
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
      <table className="w-full min-w-[36rem] text-sm">
        <ColumnHeads
          className="bg-slate-50 dark:bg-slate-800/60"
          cellClassName="px-3 py-2"
          columns={[t("columns.resource"), t("columns.usage"), { label: t("columns.hard"), className: "w-48" }]}
        />
        <tbody>
          {Object.keys(values.hard ?? {}).map((k) => (
            <HardLimitRow key={k} resource={fieldResource(k)} value={values.hard[k] ?? ""} used={current?.status?.used?.[fieldResource(k)]} hard={current?.spec?.hard?.[fieldResource(k)]} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HardLimitRow({ resource: r, value, used, hard }: { resource: string; value: string; used?: string; hard?: string }) {
  const t = useTranslations("quotas.quota");
  const label = useResourceLabel();
  const unit = useUnitHint();
  const { register } = useFormContext<QuotaValues>();
  const name = `hard.${resourceField(r)}` as const;
  const error = useFieldError(name);
  const inputId = useId();
  return (
    <tr data-testid={`quota-row-${r}`} data-used={used ?? ""} data-hard={hard ?? ""} className="border-t border-slate-100 align-top dark:border-slate-800">
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
          {...register(name)}
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
          {hard !== undefined && value.trim() !== hard ? ` · ${t("was", { value: formatQuantity(r, hard) })}` : ""}
        </p>
        {error && (
          <p id={`${inputId}-error`} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

/** Kubernetes refuses changing the scopes of an existing quota: `locked` then. */
function Scopes({ locked }: { locked: boolean }) {
  const t = useTranslations("quotas.quota");
  const id = useId();
  const { field } = useController<QuotaValues, "scopes">({ name: "scopes" });
  const scopes = field.value ?? [];
  return (
    <fieldset className="space-y-2" disabled={locked} aria-describedby={`${id}-scopes-hint`}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("scopes")}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {QUOTA_SCOPES.map((s) => (
          <label key={s} className="inline-flex items-center gap-2 text-sm" title={t(`scope.${s}`)}>
            <input
              type="checkbox"
              checked={scopes.includes(s)}
              onChange={(e) => field.onChange(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))}
              className="h-4 w-4 rounded border-slate-300 accent-sky-700 dark:border-slate-600"
            />
            <span className="font-mono">{s}</span>
          </label>
        ))}
      </div>
      <p id={`${id}-scopes-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        {locked ? t("scopesLocked") : t("scopesHint")}{" "}
        {scopes
          .filter((s) => t.has(`scope.${s}`))
          .map((s) => t(`scope.${s}`))
          .join(" ")}
      </p>
    </fieldset>
  );
}

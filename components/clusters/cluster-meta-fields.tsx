"use client";

import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/ui/field";
import { AUTH_FIELDS, type ClusterMeta, type LabelRow, type PrometheusAuthForm, type PrometheusAuthType, labelField } from "./cluster-form-model";
import { LabelsEditor } from "./labels-editor";

/** Display name, description, labels and Prometheus address (and, where given, its credentials): what the cluster forms edit. */
export function ClusterMetaFields({
  value,
  onChange,
  errorText,
  firstFieldRef,
}: {
  value: ClusterMeta;
  onChange: (patch: Partial<ClusterMeta>, changedFields: string[]) => void;
  errorText: (field: string) => string | undefined;
  /** Set when the display name is the first field of its dialog. */
  firstFieldRef?: (el: HTMLElement | null) => void;
}) {
  const t = useTranslations("clusters.form");
  return (
    <>
      <Field label={t("displayName")} hint={t("displayNameHint")} error={errorText("displayName")}>
        {(p) => (
          <input
            {...p}
            ref={firstFieldRef}
            type="text"
            value={value.displayName}
            onChange={(e) => onChange({ displayName: e.target.value }, ["displayName"])}
            maxLength={100}
            autoComplete="off"
            className={inputClass}
          />
        )}
      </Field>
      <Field label={t("description")} error={errorText("description")}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={value.description}
            onChange={(e) => onChange({ description: e.target.value }, ["description"])}
            maxLength={500}
            className={inputClass}
          />
        )}
      </Field>
      <LabelsEditor
        rows={value.labels}
        onChange={(labels) => onChange({ labels }, changedRows(value.labels, labels))}
        errorText={errorText}
      />
      <Field label={t("prometheusURL")} hint={t("prometheusURLHint")} error={errorText("prometheusURL")}>
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            value={value.prometheusURL}
            onChange={(e) => onChange({ prometheusURL: e.target.value }, ["prometheusURL"])}
            placeholder={t("prometheusURLPlaceholder")}
            autoComplete="off"
            spellCheck={false}
            className={inputClass}
          />
        )}
      </Field>
      {value.prometheusAuth && (
        <PrometheusAuthFields
          value={value.prometheusAuth}
          onChange={(patch, fields) => onChange({ prometheusAuth: { ...value.prometheusAuth!, ...patch } }, fields)}
          errorText={errorText}
        />
      )}
    </>
  );
}

const AUTH_TYPES: PrometheusAuthType[] = ["none", "bearer", "basic"];

/** None, a bearer token, or user and password. Stored credentials are never shown; blank fields keep them. */
function PrometheusAuthFields({
  value,
  onChange,
  errorText,
}: {
  value: PrometheusAuthForm;
  onChange: (patch: Partial<PrometheusAuthForm>, changedFields: string[]) => void;
  errorText: (field: string) => string | undefined;
}) {
  const t = useTranslations("clusters.form");
  const typeError = errorText(AUTH_FIELDS.type);
  const keeping = value.type === value.current && value.current !== "none";
  const all = Object.values(AUTH_FIELDS);
  return (
    <fieldset className="space-y-3" aria-describedby="prometheus-auth-hint" data-testid="prometheus-auth">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("prometheusAuth")}</legend>
      <p id="prometheus-auth-hint" className="text-xs text-slate-500 dark:text-slate-400">
        {t("prometheusAuthCurrent", { type: t(`prometheusAuthType.${value.current}`) })} {t("prometheusAuthHint")}
      </p>
      <div className="flex flex-wrap gap-4">
        {AUTH_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="prometheus-auth-type"
              value={type}
              checked={value.type === type}
              onChange={() => onChange({ type }, all)}
              aria-describedby={typeError ? "prometheus-auth-type-error" : undefined}
              className="h-4 w-4"
            />
            {t(`prometheusAuthType.${type}`)}
          </label>
        ))}
      </div>
      {typeError && (
        <p id="prometheus-auth-type-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {typeError}
        </p>
      )}
      {value.type === "none" && value.current !== "none" && <p className="text-sm text-amber-800 dark:text-amber-300">{t("prometheusAuthRemove")}</p>}
      {value.type === "bearer" && (
        <Field label={t("prometheusToken")} hint={keeping ? t("credentialsKeep") : undefined} error={errorText(AUTH_FIELDS.token)}>
          {(p) => (
            <input
              {...p}
              type="password"
              value={value.token}
              onChange={(e) => onChange({ token: e.target.value }, [AUTH_FIELDS.token])}
              placeholder={keeping ? t("credentialsKeepPlaceholder") : undefined}
              autoComplete="new-password"
              spellCheck={false}
              className={`${inputClass} font-mono`}
            />
          )}
        </Field>
      )}
      {value.type === "basic" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("prometheusUsername")} hint={keeping ? t("credentialsKeep") : undefined} error={errorText(AUTH_FIELDS.username)}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={value.username}
                onChange={(e) => onChange({ username: e.target.value }, [AUTH_FIELDS.username, AUTH_FIELDS.password])}
                placeholder={keeping ? t("credentialsKeepPlaceholder") : undefined}
                autoComplete="off"
                spellCheck={false}
                className={inputClass}
              />
            )}
          </Field>
          <Field label={t("prometheusPassword")} error={errorText(AUTH_FIELDS.password)}>
            {(p) => (
              <input
                {...p}
                type="password"
                value={value.password}
                onChange={(e) => onChange({ password: e.target.value }, [AUTH_FIELDS.username, AUTH_FIELDS.password])}
                placeholder={keeping ? t("credentialsKeepPlaceholder") : undefined}
                autoComplete="new-password"
                className={inputClass}
              />
            )}
          </Field>
        </div>
      )}
    </fieldset>
  );
}

/** Field names of the rows that were edited or removed, whose errors no longer apply. */
function changedRows(before: LabelRow[], after: LabelRow[]): string[] {
  return before
    .filter((old) => {
      const now = after.find((r) => r.id === old.id);
      return !now || now.key !== old.key || now.value !== old.value;
    })
    .map(labelField);
}

"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { KeyValueRowsField, TextField, useFieldError } from "@/components/ui/form";
import { AUTH_FIELDS, type ClusterMeta, type PrometheusAuthForm, type PrometheusAuthType, SUGGESTED_LABEL_KEYS, newLabelRow } from "./cluster-form-model";

/**
 * Display name, description, labels, Prometheus address (and, where the
 * form has them, its credentials) and gateway address: what the cluster forms
 * edit, bound to the surrounding form by these names.
 */
export function ClusterMetaFields({ autoFocus }: { autoFocus?: boolean }) {
  const t = useTranslations("clusters.form");
  const tl = useTranslations("clusters.labels");
  const auth = useWatch<ClusterMeta, "prometheusAuth">({ name: "prometheusAuth" });
  return (
    <>
      <TextField name="displayName" label={t("displayName")} hint={t("displayNameHint")} autoFocus={autoFocus} maxLength={100} />
      <TextField name="description" label={t("description")} rows={2} maxLength={500} />
      <KeyValueRowsField name="labels" newRow={newLabelRow} messages="clusters.labels" hint={<p>{tl("hint")}</p>} suggestedKeys={SUGGESTED_LABEL_KEYS} />
      <TextField
        name="prometheusURL"
        type="url"
        inputMode="url"
        label={t("prometheusURL")}
        hint={t("prometheusURLHint")}
        placeholder={t("prometheusURLPlaceholder")}
        spellCheck={false}
      />
      {auth && <PrometheusAuthFields value={auth} />}
      <TextField
        name="gatewayURL"
        type="url"
        inputMode="url"
        label={t("gatewayURL")}
        hint={t("gatewayURLHint")}
        placeholder={t("gatewayURLPlaceholder")}
        spellCheck={false}
      />
    </>
  );
}

const AUTH_TYPES: PrometheusAuthType[] = ["none", "bearer", "basic"];

/** None, a bearer token, or user and password. Stored credentials are never shown; blank fields keep them. */
function PrometheusAuthFields({ value }: { value: PrometheusAuthForm }) {
  const t = useTranslations("clusters.form");
  const { register, clearErrors } = useFormContext<ClusterMeta>();
  const typeError = useFieldError(AUTH_FIELDS.type);
  const keeping = value.type === value.current && value.current !== "none";
  const keepHint = keeping ? t("credentialsKeep") : undefined;
  const keepPlaceholder = keeping ? t("credentialsKeepPlaceholder") : undefined;
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
              value={type}
              {...register("prometheusAuth.type", { onChange: () => clearErrors("prometheusAuth") })}
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
        <TextField name={AUTH_FIELDS.token} type="password" label={t("prometheusToken")} hint={keepHint} placeholder={keepPlaceholder} autoComplete="new-password" code />
      )}
      {value.type === "basic" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name={AUTH_FIELDS.username} label={t("prometheusUsername")} hint={keepHint} placeholder={keepPlaceholder} spellCheck={false} />
          <TextField name={AUTH_FIELDS.password} type="password" label={t("prometheusPassword")} placeholder={keepPlaceholder} autoComplete="new-password" />
        </div>
      )}
    </fieldset>
  );
}

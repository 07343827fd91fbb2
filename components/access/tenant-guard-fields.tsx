"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useController, useFormContext } from "react-hook-form";
import { Field, inputClass } from "@/components/ui/field";
import { MultiSelectField } from "@/components/ui/form";
import { clustersQuery } from "@/lib/clusters/queries";
import { POD_SECURITY_LEVELS, type PodSecurityLevel } from "@/lib/validations/tenancy";

/** The Pod Security Admission level of a tenant's projects (platform admins choose it). */
export function PodSecurityField({
  value,
  onChange,
  error,
  disabled,
}: {
  value: PodSecurityLevel;
  onChange: (v: PodSecurityLevel) => void;
  error?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("access.tenants.podSecurity");
  return (
    <Field label={t("label")} hint={t("hint")} error={error}>
      {(p) => (
        <select {...p} name="podSecurity" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as PodSecurityLevel)} className={inputClass}>
          {POD_SECURITY_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`levels.${l}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Read-only: what the tenant's projects enforce, for those who may not change it. */
export function PodSecurityText({ value }: { value: PodSecurityLevel }) {
  const t = useTranslations("access.tenants.podSecurity");
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("label")}</p>
      <p className="text-sm" data-testid="pod-security-level">
        {t(`levels.${value}`)}
      </p>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t("platformOnly")}</p>
    </div>
  );
}

/**
 * Shown while the host cluster is among the chosen clusters: what giving it to
 * a tenant risks, and the acknowledgement the API asks for. `granted`: the
 * tenant has it already (acknowledged when it was given).
 */
export function HostClusterNotice({
  host,
  acknowledged,
  onChange,
  granted,
  error,
  disabled,
}: {
  host: string;
  acknowledged: boolean;
  onChange: (v: boolean) => void;
  granted?: boolean;
  error?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("access.tenants.hostCluster");
  const id = useId();
  return (
    <div role="note" aria-labelledby={`${id}-title`} className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/30">
      <p id={`${id}-title`} className="font-medium text-amber-900 dark:text-amber-200">
        {t("title", { cluster: host })}
      </p>
      <p className="text-amber-900 dark:text-amber-200">{t("body")}</p>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="acknowledgeHostCluster"
          checked={granted || acknowledged}
          disabled={disabled || granted}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-0.5 h-4 w-4"
        />
        <span>{t("acknowledge")}</span>
      </label>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** PodSecurityField bound to the surrounding form's "podSecurity". */
export function PodSecurityFormField() {
  const { field, fieldState } = useController({ name: "podSecurity" });
  return <PodSecurityField value={field.value as PodSecurityLevel} onChange={field.onChange} error={fieldState.error?.message} />;
}

/** HostClusterNotice bound to the surrounding form's "acknowledgeHostCluster"; ticking it also settles the clusters' error. */
export function HostClusterFormField({ host, granted }: { host: string; granted?: boolean }) {
  const { field, fieldState } = useController({ name: "acknowledgeHostCluster" });
  const { clearErrors } = useFormContext();
  return (
    <HostClusterNotice
      host={host}
      granted={granted}
      acknowledged={!!field.value}
      onChange={(v) => {
        field.onChange(v);
        clearErrors("clusters");
      }}
      error={fieldState.error?.message}
    />
  );
}

/** The registered clusters to choose a tenant's from, bound to the surrounding form's "clusters". */
export function TenantClustersField({ legend, hint, noClusters }: { legend: string; hint: string; noClusters: string }) {
  const clusters = useQuery(clustersQuery());
  return (
    <MultiSelectField
      name="clusters"
      legend={legend}
      hint={hint}
      options={(clusters.data?.items ?? []).map((c) => ({ value: c.name, label: c.displayName, detail: c.name }))}
      loading={clusters.isPending}
      empty={clusters.isError ? clusters.error.message : noClusters}
    />
  );
}

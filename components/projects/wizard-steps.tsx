"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { LIMIT_RESOURCES, PROJECT_RESOURCES, fromFieldKeys } from "@/components/quotas/quota-model";
import { LimitDefaultsGrid, QuantityFields, useFormLimits, useFormQuantities, useResourceLabel } from "@/components/quotas/quota-ui";
import { Button } from "@/components/ui/button";
import { KeyValueRowsField, MultiSelectField, SelectField, TextField } from "@/components/ui/form";
import { LoadingState } from "@/components/ui/states";
import { ReviewList } from "@/components/ui/steps";
import type { Tenant } from "@/lib/access/queries";
import { clustersQuery } from "@/lib/clusters/queries";
import { type ProjectChange, projectHref } from "./project-api";
import { PROJECT_NAME_MAX, SUGGESTED_SELECTOR_KEYS, WIZARD_LIMIT_FIELDS, type WizardValues, newSelectorRow, projectNameError } from "./project-model";
import { ClusterResults } from "./project-ui";
import type { ProjectWizard } from "./use-project-wizard";

// One component per step of the create-project wizard; the form and its state are useProjectWizard's.

type StepProps = { w: ProjectWizard };

export function TenantStep({ w, tenants }: StepProps & { tenants: Tenant[] }) {
  const t = useTranslations("projects.create");
  if (tenants.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">{t("noTenants")}</p>;
  const perMember = w.tenantSettings?.projectLimitPerMember;
  return (
    <>
      <SelectField
        name="tenant"
        label={t("tenant")}
        hint={t("tenantHint")}
        placeholder={t("chooseTenant")}
        options={tenants.map((x) => ({ value: x.name, label: x.displayName || x.name, detail: x.name }))}
        onChange={w.onTenantChange}
        autoFocus
      />
      {typeof perMember === "number" && <p className="text-sm text-slate-600 dark:text-slate-300">{t("limitPerMember", { count: perMember })}</p>}
    </>
  );
}

export function ClustersStep({ tenants }: { tenants: Tenant[] }) {
  const t = useTranslations("projects.create");
  const clusters = useQuery(clustersQuery());
  const tenant = useWatch<WizardValues, "tenant">({ name: "tenant" });
  const allowed = tenants.find((x) => x.name === tenant)?.clusters ?? [];
  const options = allowed.map((c) => {
    const view = clusters.data?.items.find((x) => x.name === c);
    return { value: c, label: view?.displayName || c, detail: c };
  });
  return <MultiSelectField name="clusters" legend={t("clusters")} hint={t("clustersHint")} options={options} loading={clusters.isPending} empty={t("noClusters")} />;
}

export function NameStep({ w }: StepProps) {
  const t = useTranslations("projects.create");
  const [name, chosen] = useWatch<WizardValues, ["name", "clusters"]>({ name: ["name", "clusters"] });
  return (
    <>
      <TextField name="name" label={t("name")} hint={t("nameHint", { max: PROJECT_NAME_MAX })} code required />
      {name.trim() && !projectNameError(name, false) && chosen.length > 0 && (
        <p className="text-xs text-slate-500 dark:text-slate-400">{t("namespacePreview", { name: name.trim(), clusters: chosen.map(w.clusterLabel).join(", ") })}</p>
      )}
      <TextField name="displayName" label={t("displayName")} hint={t("displayNameHint")} />
      <TextField name="description" label={t("description")} rows={3} />
    </>
  );
}

export function NodesStep() {
  const ts = useTranslations("projects.selector");
  return (
    <KeyValueRowsField
      name="nodeSelector"
      newRow={newSelectorRow}
      messages="projects.selector"
      hint={
        <>
          <p>{ts("hint")}</p>
          <p>{ts("enforced")}</p>
        </>
      }
      suggestedKeys={SUGGESTED_SELECTOR_KEYS}
    />
  );
}

export function QuotaStep({ w }: StepProps) {
  const t = useTranslations("projects.create");
  const tc = useTranslations("common");
  const quota = useFormQuantities("quota");
  const limits = useFormLimits("limits", WIZARD_LIMIT_FIELDS);
  return (
    <>
      {w.settings.isPending ? (
        <LoadingState label={tc("loading")} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {Object.keys(w.tenantSettings?.defaults?.quota ?? {}).length ? t("quotaIntro") : t("quotaIntroNoDefaults")}
          {w.required.size > 0 && ` ${t("quotaBudgetRequired")}`}
        </p>
      )}
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("quotaLegend")}</legend>
        <QuantityFields resources={PROJECT_RESOURCES} bind={quota.bind} required={w.required} hintFor={w.budgetHint} errorText={quota.errorText} />
      </fieldset>
      <LimitDefaultsGrid caption={t("limitsLegend")} hint={t("limitsHint")} fields={WIZARD_LIMIT_FIELDS} bind={limits.bind} errorText={limits.errorText} />
    </>
  );
}

export function ReviewStep({ w, tenants }: StepProps & { tenants: Tenant[] }) {
  const t = useTranslations("projects.create");
  const resourceLabel = useResourceLabel();
  // Nothing changes on this step: the values as they are.
  const { tenant, clusters, name, displayName, description, nodeSelector, quota, limits } = useFormContext<WizardValues>().getValues();
  const rows: [string, string][] = [
    [t("tenant"), tenants.find((x) => x.name === tenant)?.displayName || tenant],
    [t("clusters"), clusters.map(w.clusterLabel).join(", ")],
    [t("name"), name.trim()],
    [t("displayName"), displayName.trim() || "—"],
    [t("description"), description.trim() || "—"],
    [
      t("steps.nodes"),
      nodeSelector
        .filter((r) => r.key.trim())
        .map((r) => `${r.key.trim()}=${r.value.trim()}`)
        .join(", ") || t("none"),
    ],
    [
      t("quotaLegend"),
      Object.entries(fromFieldKeys(quota))
        .filter(([, v]) => v.trim())
        .map(([r, v]) => `${resourceLabel(r)}: ${v.trim()}`)
        .join(" · ") || t("noQuota"),
    ],
    [
      t("limitsLegend"),
      WIZARD_LIMIT_FIELDS.flatMap((f) =>
        LIMIT_RESOURCES.filter((r) => limits[f]?.[r]?.trim()).map((r) => `${t(`limitField.${f}`)} ${resourceLabel(r)}: ${limits[f]![r].trim()}`),
      ).join(" · ") || t("none"),
    ],
  ];
  return <ReviewList rows={rows} />;
}

/** After the request: where the project was created, and a way in. */
export function CreatedView({ created, onDone }: { created: ProjectChange; onDone: () => void }) {
  const t = useTranslations("projects.create");
  const tc = useTranslations("common");
  const ok = created.results.some((r) => r.ok);
  return (
    <div className="space-y-4">
      <p role="status" className="text-sm">
        {ok ? t("done", { name: created.project.displayName || created.project.name }) : t("doneNowhere")}
      </p>
      <ClusterResults results={created.results} heading={t("resultsHeading")} />
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button data-step-focus onClick={onDone}>
          {tc("close")}
        </Button>
        {ok && (
          <Link
            href={projectHref(created.project.tenant, created.project.name)}
            onClick={onDone}
            className="inline-flex items-center rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:bg-sky-600 dark:hover:bg-sky-500"
          >
            {t("openProject")}
          </Link>
        )}
      </div>
    </div>
  );
}

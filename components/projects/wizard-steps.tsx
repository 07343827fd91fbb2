"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { LIMIT_RESOURCES, PROJECT_RESOURCES, listIssues } from "@/components/quotas/quota-model";
import { LimitDefaultsGrid, QuantityFields, controlled, useIssueText, useResourceLabel } from "@/components/quotas/quota-ui";
import { Button } from "@/components/ui/button";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Field, inputClass } from "@/components/ui/field";
import { KeyValueRows } from "@/components/ui/key-value-rows";
import { MultiSelect } from "@/components/ui/multi-select";
import { Select } from "@/components/ui/select";
import { LoadingState } from "@/components/ui/states";
import type { Tenant } from "@/lib/access/queries";
import { clustersQuery } from "@/lib/clusters/queries";
import { projectHref } from "./project-api";
import { PROJECT_NAME_MAX, SUGGESTED_SELECTOR_KEYS, WIZARD_LIMIT_FIELDS, newSelectorRow } from "./project-model";
import { ClusterResults } from "./project-ui";
import type { Created, ProjectWizard } from "./use-project-wizard";

// One component per step of the create-project wizard; the state is useProjectWizard's.

type StepProps = { w: ProjectWizard };

export function TenantStep({ w, tenants }: StepProps & { tenants: Tenant[] }) {
  const t = useTranslations("projects.create");
  if (tenants.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">{t("noTenants")}</p>;
  const settings = w.settings.data;
  return (
    <>
      <Field label={t("tenant")} hint={t("tenantHint")} error={w.errorOf("tenant", "tenant")}>
        {(p) => (
          <Select
            {...p}
            ref={dialogAutoFocus}
            value={w.values.tenant}
            onChange={(e) => w.set.tenant(e.target.value)}
            placeholder={t("chooseTenant")}
            options={tenants.map((x) => ({ value: x.name, label: x.displayName || x.name, detail: x.name }))}
          />
        )}
      </Field>
      {settings?.name === w.values.tenant && typeof settings.projectLimitPerMember === "number" && (
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("limitPerMember", { count: settings.projectLimitPerMember })}</p>
      )}
    </>
  );
}

export function ClustersStep({ w, tenants }: StepProps & { tenants: Tenant[] }) {
  const t = useTranslations("projects.create");
  const clusters = useQuery(clustersQuery());
  const allowed = tenants.find((x) => x.name === w.values.tenant)?.clusters ?? [];
  const options = allowed.map((c) => {
    const view = clusters.data?.items.find((x) => x.name === c);
    return { value: c, label: view?.displayName || c, detail: c };
  });
  return (
    <MultiSelect
      legend={t("clusters")}
      hint={t("clustersHint")}
      options={options}
      selected={w.values.chosen}
      onChange={w.set.clusters}
      loading={clusters.isPending}
      empty={t("noClusters")}
      error={w.errorOf("clusters", "clusters")}
    />
  );
}

export function NameStep({ w }: StepProps) {
  const t = useTranslations("projects.create");
  const tv = useTranslations("projects");
  const { name, displayName, description, chosen } = w.values;
  return (
    <>
      <Field
        label={t("name")}
        hint={t("nameHint", { max: PROJECT_NAME_MAX })}
        error={w.errorOf("name", "name", w.nameIssue ? tv(w.nameIssue, { max: PROJECT_NAME_MAX }) : undefined)}
      >
        {(p) => (
          <input
            {...p}
            type="text"
            value={name}
            onChange={(e) => w.set.name(e.target.value)}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            className={`${inputClass} font-mono`}
          />
        )}
      </Field>
      {name.trim() && !w.nameIssue && chosen.length > 0 && (
        <p className="text-xs text-slate-500 dark:text-slate-400">{t("namespacePreview", { name: name.trim(), clusters: chosen.map(w.clusterLabel).join(", ") })}</p>
      )}
      <Field label={t("displayName")} hint={t("displayNameHint")} error={w.errorOf("name", "displayName")}>
        {(p) => <input {...p} type="text" value={displayName} onChange={(e) => w.set.displayName(e.target.value)} autoComplete="off" className={inputClass} />}
      </Field>
      <Field label={t("description")} error={w.errorOf("name", "description")}>
        {(p) => <textarea {...p} rows={3} value={description} onChange={(e) => w.set.description(e.target.value)} className={inputClass} />}
      </Field>
    </>
  );
}

export function NodesStep({ w }: StepProps) {
  const tv = useTranslations("projects");
  const ts = useTranslations("projects.selector");
  return (
    <>
      <KeyValueRows
        rows={w.values.selector}
        onChange={w.set.selector}
        newRow={newSelectorRow}
        errorText={(r) => {
          const live = w.selectorIssues[r.id];
          return live ? tv(live) : undefined;
        }}
        messages="projects.selector"
        hint={
          <>
            <p>{ts("hint")}</p>
            <p>{ts("enforced")}</p>
          </>
        }
        suggestedKeys={SUGGESTED_SELECTOR_KEYS}
      />
      {Object.entries(w.serverErrors)
        .filter(([k]) => k.startsWith("nodeSelector"))
        .map(([k, m]) => (
          <p key={k} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {m}
          </p>
        ))}
    </>
  );
}

export function QuotaStep({ w }: StepProps) {
  const t = useTranslations("projects.create");
  const tc = useTranslations("common");
  const issueText = useIssueText();
  const { quota, limits } = w.values;
  return (
    <>
      {w.settings.isPending ? (
        <LoadingState label={tc("loading")} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {Object.keys(w.settings.data?.defaults?.quota ?? {}).length ? t("quotaIntro") : t("quotaIntroNoDefaults")}
          {w.required.size > 0 && ` ${t("quotaBudgetRequired")}`}
        </p>
      )}
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("quotaLegend")}</legend>
        <QuantityFields
          resources={PROJECT_RESOURCES}
          bind={(r) => controlled(quota[r] ?? "", (v) => w.set.quota(r, v))}
          required={w.required}
          hintFor={w.budgetHint}
          errorText={(r) => w.errorOf("quota", `quota.${r}`, issueText(listIssues({ [r]: quota[r] ?? "" })[r]))}
        />
      </fieldset>
      <LimitDefaultsGrid
        caption={t("limitsLegend")}
        hint={t("limitsHint")}
        fields={WIZARD_LIMIT_FIELDS}
        bind={(f, r) => controlled(limits[f]?.[r] ?? "", (v) => w.set.limit(f, r, v))}
        errorText={(k) => w.serverErrors[`limits.${k}`] ?? issueText(w.wizardLimitIssues[k])}
      />
    </>
  );
}

export function ReviewStep({ w, tenants }: StepProps & { tenants: Tenant[] }) {
  const t = useTranslations("projects.create");
  const resourceLabel = useResourceLabel();
  const { tenant, chosen, name, displayName, description, selector, quota, limits } = w.values;
  const rows: [string, string][] = [
    [t("tenant"), tenants.find((x) => x.name === tenant)?.displayName || tenant],
    [t("clusters"), chosen.map(w.clusterLabel).join(", ")],
    [t("name"), name.trim()],
    [t("displayName"), displayName.trim() || "—"],
    [t("description"), description.trim() || "—"],
    [
      t("steps.nodes"),
      selector
        .filter((r) => r.key.trim())
        .map((r) => `${r.key.trim()}=${r.value.trim()}`)
        .join(", ") || t("none"),
    ],
    [
      t("quotaLegend"),
      Object.entries(quota)
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
  return (
    <dl className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-700">
      {rows.map(([k, v]) => (
        <div key={k} className="grid gap-1 px-3 py-2 sm:grid-cols-[12rem_1fr]">
          <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="break-words font-medium">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** After the request: where the project was created, and a way in. */
export function CreatedView({ created, onDone, focusRef }: { created: Created; onDone: () => void; focusRef: React.Ref<HTMLDivElement> }) {
  const t = useTranslations("projects.create");
  const tc = useTranslations("common");
  const ok = created.results.some((r) => r.ok);
  return (
    <div ref={focusRef} className="space-y-4">
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

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { QueryView } from "@/components/ui/query-view";
import type { FormErrors } from "@/components/ui/form-errors";
import { Form, SaveBar, TextField, showServerErrors, useCheckedForm, useSavedFlag } from "@/components/ui/form";
import {
  LIMIT_RESOURCES,
  PROJECT_RESOURCES,
  cleanList,
  formValues,
  formatAmount,
  formatQuantity,
  fromFieldKeys,
  resourceKind,
  limitIssuesAt,
  quantityIssuesAt,
  resourceField,
  toFieldKeys,
} from "@/components/quotas/quota-model";
import { ColumnHeads, LimitDefaultsGrid, QuantityFields, UsageBar, useFormLimits, useFormQuantities, useIssueTexts, useResourceLabel } from "@/components/quotas/quota-ui";
import { GuardedButton } from "@/components/ui/guarded-button";
import { EmptyState } from "@/components/ui/states";
import { type Tenant, tenantsKey } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { parseQuantity } from "@/lib/k8s/quantity";
import {
  type ResourceList,
  type TenantQuotaCluster,
  type UpdateTenantSettingsBody,
  projectHref,
  tenantQuotaKey,
  tenantQuotaQuery,
  tenantSettingsQuery,
  updateTenantSettings,
} from "./project-api";
import { type LimitForm, TENANT_LIMIT_FIELDS, limitDefaultsFrom, limitFormFrom } from "./project-model";
import { useClusterLabel } from "./project-ui";

const linkClass = "text-sky-800 hover:underline dark:text-sky-300";

/** The unit written after a CPU amount ("2 / 8 CPU"); bytes carry theirs and counts have none. */
function useAmountUnit() {
  const t = useTranslations("projects.tenantQuota");
  return (resource: string) => (resourceKind(resource) === "cpu" ? t("cpuUnit") : undefined);
}
/** Resources first in this order, then the rest by name. */
const ordered = (keys: Iterable<string>) => {
  const set = new Set(keys);
  const known = (PROJECT_RESOURCES as readonly string[]).filter((r) => set.has(r));
  return [...known, ...[...set].filter((r) => !known.includes(r)).sort()];
};

/** A tenant's budget per cluster against what its projects allocate and use; its budget and project settings (the tenant page's Quota tab). */
export function TenantQuota({ name }: { name: string }) {
  const t = useTranslations("projects.tenantQuota");
  const tenant = useQuery(tenantSettingsQuery(name));
  const quota = useQuery(tenantQuotaQuery(name));
  const can = useCan([
    // Budgets are the platform's decision; project settings the tenant managers'.
    { verb: "update", resource: "console/tenants" },
    { verb: "update", resource: "console/tenant", tenant: name },
  ]);
  const [mayBudget, maySettings] = can.allowed;
  return (
    <div className="space-y-8">
      <p className="max-w-3xl text-sm text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
      <section aria-labelledby="usage-heading" className="space-y-4">
        <h2 id="usage-heading" className="text-lg font-semibold">
          {t("usageHeading")}
        </h2>
        <QueryView query={quota}>
          {(data) =>
            data.clusters.length === 0 ? (
              <EmptyState title={t("noClusters")} />
            ) : (
              <div className="space-y-6">
                {data.clusters.map((c) => (
                  <ClusterQuota key={c.cluster} tenant={name} data={c} mayBudget={mayBudget} pending={can.pending} />
                ))}
              </div>
            )
          }
        </QueryView>
      </section>
      <QueryView query={tenant}>
        {(tn) => (
          <>
            <BudgetEditor key={`budget-${tn.name}`} tenant={tn} allowed={mayBudget} pending={can.pending} allocated={quota.data?.clusters} />
            <ProjectSettingsForm key={`settings-${tn.name}`} tenant={tn} allowed={maySettings} pending={can.pending} />
          </>
        )}
      </QueryView>
    </div>
  );
}

/** Brings the budget editor's field of `resource` on `cluster` (its first field without one) into view and focus. */
function focusBudgetField(cluster: string, resource?: string) {
  const field = document.querySelector<HTMLInputElement>(
    resource ? `[name="${CSS.escape(`budget.${cluster}.${resourceField(resource)}`)}"]` : `[data-testid="${CSS.escape(`budget-${cluster}`)}"] input`,
  );
  field?.scrollIntoView({ block: "center" });
  field?.focus();
}

function ClusterQuota({ tenant, data, mayBudget, pending }: { tenant: string; data: TenantQuotaCluster; mayBudget: boolean; pending: boolean }) {
  const t = useTranslations("projects.tenantQuota");
  const unit = useAmountUnit();
  const label = useResourceLabel();
  const clusterLabel = useClusterLabel();
  // The budget is the platform's decision: others see why they cannot set it.
  const setBudget = (r?: string) => (
    <GuardedButton
      allowed={mayBudget}
      pending={pending}
      reason={t("budgetAdminsOnly")}
      onClick={() => focusBudgetField(data.cluster, r)}
      aria-label={r ? t("setBudgetFor", { resource: label(r), cluster: clusterLabel(data.cluster) }) : t("setBudgetOn", { cluster: clusterLabel(data.cluster) })}
      className="px-2 py-0.5 text-xs"
    >
      {t("setBudget")}
    </GuardedButton>
  );
  const resources = ordered([...Object.keys(data.budget), ...Object.keys(data.allocated), ...Object.keys(data.used)]);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700" data-testid={`tenant-quota-${data.cluster}`}>
      <h3 id={headingId} className="font-semibold">
        {clusterLabel(data.cluster)}
      </h3>
      {resources.length === 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("nothing")}</p>
          {setBudget()}
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-sm">
            <caption className="sr-only">{t("clusterCaption", { cluster: clusterLabel(data.cluster) })}</caption>
            <ColumnHeads columns={[t("columns.resource"), t("columns.budget"), t("columns.allocated"), t("columns.used")]} />
            <tbody>
              {resources.map((r) => {
                const budget = parseQuantity(data.budget[r]);
                const allocated = parseQuantity(data.allocated[r]);
                const used = parseQuantity(data.used[r]);
                return (
                  <tr
                    key={r}
                    data-testid={`tenant-quota-row-${data.cluster}-${r}`}
                    data-budget={data.budget[r] ?? ""}
                    data-allocated={data.allocated[r] ?? ""}
                    data-used={data.used[r] ?? ""}
                    className="border-t border-slate-100 dark:border-slate-800"
                  >
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <span className="block font-medium">{label(r)}</span>
                      <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{r}</span>
                    </th>
                    <td className="py-2 pr-3 tabular-nums">
                      {data.budget[r] ? (
                        formatQuantity(r, data.budget[r])
                      ) : (
                        <span className="flex flex-wrap items-center gap-2">
                          <span className="text-slate-500 dark:text-slate-400">{t("noBudget")}</span>
                          {setBudget(r)}
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-3" data-testid={`tenant-quota-allocated-${data.cluster}-${r}`}>
                      {budget === undefined ? (
                        <span className="text-xs tabular-nums text-slate-600 dark:text-slate-300">
                          {t("allocatedNoBudget", { amount: `${formatAmount(r, allocated ?? 0)}${unit(r) ? ` ${unit(r)}` : ""}` })}
                        </span>
                      ) : (
                        <UsageBar resource={r} used={allocated ?? 0} hard={budget} unit={unit(r)} label={t("allocatedOf", { resource: label(r) })} />
                      )}
                    </td>
                    <td className="py-2 pr-3">
                      <UsageBar resource={r} used={used ?? 0} hard={budget ?? allocated} label={t("usedOf", { resource: label(r) })} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ProjectBreakdown tenant={tenant} data={data} resources={resources} />
    </section>
  );
}

function ProjectBreakdown({ tenant, data, resources }: { tenant: string; data: TenantQuotaCluster; resources: string[] }) {
  const t = useTranslations("projects.tenantQuota");
  const label = useResourceLabel();
  const clusterLabel = useClusterLabel();
  const others = data.otherProjects;
  if (!data.projects.length && !others) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("noProjects")}</p>;
  const projects = [...data.projects].sort((a, b) => a.namespace.localeCompare(b.namespace));
  const usage = (hard: ResourceList, used: ResourceList, r: string, what: string) =>
    hard[r] === undefined && used[r] === undefined ? (
      <span className="text-slate-400">—</span>
    ) : (
      <UsageBar compact resource={r} used={parseQuantity(used[r]) ?? 0} hard={parseQuantity(hard[r])} label={t("projectUsageOf", { resource: label(r), project: what })} />
    );
  return (
    <details className="group" open={projects.length <= 10}>
      <summary className="cursor-pointer text-sm font-medium text-slate-700 dark:text-slate-200">
        {others ? t("breakdownWithOthers", { count: projects.length }) : t("breakdown", { count: projects.length })}
      </summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-sm" style={{ minWidth: `${12 + resources.length * 10}rem` }}>
          <caption className="sr-only">{t("breakdownCaption", { cluster: clusterLabel(data.cluster) })}</caption>
          <thead>
            <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
              <th scope="col" className="py-1 pr-3">
                {t("columns.project")}
              </th>
              {resources.map((r) => (
                <th key={r} scope="col" className="py-1 pr-3" title={r}>
                  {label(r)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.namespace} data-testid={`tenant-project-${data.cluster}-${p.namespace}`} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  <Link href={projectHref(tenant, p.namespace)} className={`font-medium ${linkClass}`}>
                    {p.namespace}
                  </Link>
                </th>
                {resources.map((r) => (
                  <td key={r} className="py-2 pr-3">
                    {usage(p.hard, p.used, r, p.namespace)}
                  </td>
                ))}
              </tr>
            ))}
            {others && (
              <tr data-testid={`tenant-project-${data.cluster}-others`} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  <span className="block font-medium">{t("otherProjects")}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{t("otherProjectsHint")}</span>
                </th>
                {resources.map((r) => (
                  <td key={r} className="py-2 pr-3">
                    {usage(others.hard, others.used, r, t("otherProjects"))}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * A server field "<prefix>.<resource>" → the form's field of that resource
 * (resourceField keeps its dots); one the form has no input for goes on top.
 */
function resourceTarget(prefix: string, field: string) {
  const r = field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : "";
  return (PROJECT_RESOURCES as readonly string[]).includes(r) ? `${prefix}.${resourceField(r)}` : undefined;
}

const LIMIT_INPUTS = new Set(TENANT_LIMIT_FIELDS.flatMap((f) => LIMIT_RESOURCES.map((r) => `defaults.limits.${f}.${r}`)));

function useSaveTenant(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTenantSettingsBody) => updateTenantSettings(name, body),
    onSuccess: (tenant) => {
      qc.setQueryData(tenantSettingsQuery(name).queryKey, tenant);
      return Promise.all([qc.invalidateQueries({ queryKey: tenantsKey }), qc.invalidateQueries({ queryKey: tenantQuotaKey(name) })]);
    },
  });
}

/** A page section: heading, intro and what follows. */
function Section({ heading, intro, note, children }: { heading: string; intro: string; note?: React.ReactNode; children: React.ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          {heading}
        </h2>
        <p className="max-w-3xl text-sm text-slate-500 dark:text-slate-400">{intro}</p>
        {note}
      </div>
      {children}
    </section>
  );
}

/** Budget per cluster, by resourceField. */
type BudgetValues = { budget: Record<string, Record<string, string>> };

function BudgetEditor({ tenant, allowed, pending, allocated }: { tenant: Tenant; allowed: boolean; pending: boolean; allocated?: TenantQuotaCluster[] }) {
  const t = useTranslations("projects.tenantQuota");
  const issueTexts = useIssueTexts();
  const clusterLabel = useClusterLabel();
  const save = useSaveTenant(tenant.name);
  // A snapshot when the page opened: a refetch must not overwrite what is being typed.
  const form = useCheckedForm<BudgetValues>(
    { budget: Object.fromEntries(tenant.clusters.map((c) => [c, toFieldKeys(formValues(PROJECT_RESOURCES, tenant.budget?.[c]))])) },
    (v) => issueTexts(Object.assign({}, ...tenant.clusters.map((c) => quantityIssuesAt(`budget.${c}`, v.budget[c] ?? {})))),
  );
  const [saved, setSaved] = useSavedFlag(form);
  const target = (field: string) => tenant.clusters.map((c) => resourceTarget(`budget.${c}`, field)).find(Boolean);

  // Only platform admins may change it; everyone else sees it in the table above.
  if (pending || !allowed) return null;

  const onSubmit = (v: BudgetValues) => {
    setSaved(false);
    const budget: Record<string, ResourceList> = {};
    for (const c of tenant.clusters) {
      const l = cleanList(fromFieldKeys(v.budget[c] ?? {}));
      if (Object.keys(l).length) budget[c] = l;
    }
    save.mutate({ budget }, { onSuccess: () => setSaved(true), onError: (err) => showServerErrors(form, err, target) });
  };

  const busy = save.isPending;
  return (
    <Section heading={t("budget.heading")} intro={t("budget.intro")}>
      {tenant.clusters.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("noClusters")}</p>
      ) : (
        <Form
          form={form}
          onSubmit={onSubmit}
          pending={busy}
          failed={t("budget.failed")}
          actions={<SaveBar pending={busy} label={t("budget.save")} saved={saved ? t("saved") : undefined} />}
        >
          {tenant.clusters.map((c) => (
            <fieldset key={c} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700" data-testid={`budget-${c}`}>
              <legend className="px-1 text-sm font-semibold">{t("budget.on", { cluster: clusterLabel(c) })}</legend>
              <ClusterBudget cluster={c} allocated={allocated?.find((x) => x.cluster === c)?.allocated} />
            </fieldset>
          ))}
        </Form>
      )}
    </Section>
  );
}

function ClusterBudget({ cluster, allocated }: { cluster: string; allocated?: ResourceList }) {
  const t = useTranslations("projects.tenantQuota");
  const { bind, errorText } = useFormQuantities(`budget.${cluster}`);
  return (
    <QuantityFields
      resources={PROJECT_RESOURCES}
      bind={bind}
      hintFor={(r) => (allocated?.[r] ? t("budget.allocatedNow", { amount: formatQuantity(r, allocated[r]) }) : undefined)}
      errorText={errorText}
    />
  );
}

/** Field names are the API's (docs/api.md), quotas by resourceField. */
type SettingsValues = { projectLimitPerMember: string; defaults: { quota: Record<string, string>; limits: LimitForm } };

function ProjectSettingsForm({ tenant, allowed, pending }: { tenant: Tenant; allowed: boolean; pending: boolean }) {
  const t = useTranslations("projects.tenantQuota");
  const issueTexts = useIssueTexts();
  const save = useSaveTenant(tenant.name);
  const perMember = tenant.projectLimitPerMember;
  const form = useCheckedForm<SettingsValues>(
    {
      projectLimitPerMember: perMember === null || perMember === undefined ? "" : String(perMember),
      defaults: { quota: toFieldKeys(formValues(PROJECT_RESOURCES, tenant.defaults?.quota)), limits: limitFormFrom(tenant.defaults?.limits, TENANT_LIMIT_FIELDS, LIMIT_RESOURCES) },
    },
    (v) => {
      const out: FormErrors = issueTexts({ ...quantityIssuesAt("defaults.quota", v.defaults.quota), ...limitIssuesAt("defaults.limits", v.defaults.limits, TENANT_LIMIT_FIELDS) });
      const limit = v.projectLimitPerMember.trim();
      if (limit && !/^\d+$/.test(limit)) out.projectLimitPerMember = t("settings.limitWhole");
      else if (limit && Number(limit) > 10_000) out.projectLimitPerMember = t("settings.limitMax", { max: 10_000 });
      return out;
    },
  );
  const [saved, setSaved] = useSavedFlag(form);
  const target = (field: string) => (field === "projectLimitPerMember" || LIMIT_INPUTS.has(field) ? field : resourceTarget("defaults.quota", field));
  const readOnly = !allowed;

  const onSubmit = (v: SettingsValues) => {
    if (readOnly) return;
    setSaved(false);
    const limit = v.projectLimitPerMember.trim();
    save.mutate(
      {
        projectLimitPerMember: limit ? Number(limit) : null,
        defaults: { quota: cleanList(fromFieldKeys(v.defaults.quota)), limits: limitDefaultsFrom(v.defaults.limits, TENANT_LIMIT_FIELDS) },
      },
      { onSuccess: () => setSaved(true), onError: (err) => showServerErrors(form, err, target) },
    );
  };

  const busy = save.isPending;
  return (
    <Section
      heading={t("settings.heading")}
      intro={t("settings.intro")}
      note={!pending && readOnly && <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t("settings.readOnly")}</p>}
    >
      <Form
        form={form}
        onSubmit={onSubmit}
        pending={busy}
        failed={t("settings.failed")}
        actions={allowed && <SaveBar pending={busy} label={t("settings.save")} saved={saved ? t("saved") : undefined} />}
      >
        <fieldset disabled={readOnly || pending} className="space-y-6">
          <div className="max-w-xs">
            <TextField
              name="projectLimitPerMember"
              label={t("settings.limitPerMember")}
              hint={t("settings.limitPerMemberHint")}
              inputMode="numeric"
              placeholder={t("settings.unlimited")}
            />
          </div>
          <DefaultQuotaAndLimits />
        </fieldset>
      </Form>
    </Section>
  );
}

function DefaultQuotaAndLimits() {
  const t = useTranslations("projects.tenantQuota");
  const quota = useFormQuantities("defaults.quota");
  const limits = useFormLimits("defaults.limits", TENANT_LIMIT_FIELDS);
  return (
    <>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("settings.defaultQuota")}</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">{t("settings.defaultQuotaHint")}</p>
        <QuantityFields resources={PROJECT_RESOURCES} bind={quota.bind} errorText={quota.errorText} />
      </fieldset>
      <LimitDefaultsGrid
        caption={t("settings.defaultLimits")}
        hint={t("settings.defaultLimitsHint")}
        fields={TENANT_LIMIT_FIELDS}
        bind={limits.bind}
        errorText={limits.errorText}
      />
    </>
  );
}

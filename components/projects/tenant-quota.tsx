"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { QueryView } from "@/components/ui/query-view";
import { type FormErrors, without } from "@/components/ui/form-errors";
import { LIMIT_RESOURCES, PROJECT_RESOURCES, cleanList, formValues, formatQuantity, limitIssues, listIssues } from "@/components/quotas/quota-model";
import { LimitDefaultsGrid, QuantityFields, UsageBar, useIssueText, useResourceLabel } from "@/components/quotas/quota-ui";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { type Tenant, tenantsKey } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { ApiClientError } from "@/lib/client/api";
import { parseQuantity } from "@/lib/k8s/quantity";
import {
  type ResourceList,
  type TenantQuotaCluster,
  type UpdateTenantSettingsBody,
  projectHref,
  tenantHref,
  tenantQuotaKey,
  tenantQuotaQuery,
  tenantSettingsQuery,
  updateTenantSettings,
} from "./project-api";
import { type LimitForm, TENANT_LIMIT_FIELDS, limitDefaultsFrom, limitFormFrom } from "./project-model";
import { useClusterLabel } from "./project-ui";

const linkClass = "text-sky-800 hover:underline dark:text-sky-300";
/** Resources first in this order, then the rest by name. */
const ordered = (keys: Iterable<string>) => {
  const set = new Set(keys);
  const known = (PROJECT_RESOURCES as readonly string[]).filter((r) => set.has(r));
  return [...known, ...[...set].filter((r) => !known.includes(r)).sort()];
};

/** A tenant's budget per cluster against what its projects allocate and use; its budget and project settings. */
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
      <div className="space-y-1">
        <Link href={tenantHref(name)} className={`text-sm ${linkClass}`}>
          {t("back", { tenant: tenant.data?.displayName || name })}
        </Link>
        <h1 className="text-2xl font-semibold">{t("title", { tenant: tenant.data?.displayName || name })}</h1>
        <p className="max-w-3xl text-sm text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
      </div>
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
                  <ClusterQuota key={c.cluster} tenant={name} data={c} />
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

function ClusterQuota({ tenant, data }: { tenant: string; data: TenantQuotaCluster }) {
  const t = useTranslations("projects.tenantQuota");
  const label = useResourceLabel();
  const clusterLabel = useClusterLabel();
  const resources = ordered([...Object.keys(data.budget), ...Object.keys(data.allocated), ...Object.keys(data.used)]);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700" data-testid={`tenant-quota-${data.cluster}`}>
      <h3 id={headingId} className="font-semibold">
        {clusterLabel(data.cluster)}
      </h3>
      {resources.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("nothing")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-sm">
            <caption className="sr-only">{t("clusterCaption", { cluster: clusterLabel(data.cluster) })}</caption>
            <thead>
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                <th scope="col" className="py-1 pr-3">
                  {t("columns.resource")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("columns.budget")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("columns.allocated")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("columns.used")}
                </th>
              </tr>
            </thead>
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
                    <td className="py-2 pr-3 tabular-nums">{data.budget[r] ? formatQuantity(r, data.budget[r]) : <span className="text-slate-400">{t("noBudget")}</span>}</td>
                    <td className="py-2 pr-3">
                      <UsageBar resource={r} used={allocated ?? 0} hard={budget} label={t("allocatedOf", { resource: label(r) })} />
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

/** Server field → form field: "budget.<cluster>.<resource>", "defaults.quota.<r>", "defaults.limits.<f>.<r>". */
function routeSettingsErrors(err: unknown, known: (field: string) => boolean): FormErrors {
  if (!(err instanceof ApiClientError)) return { _: err instanceof Error ? err.message : String(err) };
  const out: FormErrors = {};
  const rest: string[] = [];
  for (const [field, message] of Object.entries(err.fields)) {
    if (known(field)) out[field] = out[field] ? `${out[field]} ${message}` : message;
    else rest.push(message);
  }
  if (rest.length) out._ = rest.join(" ");
  else if (!Object.keys(out).length) out._ = err.message;
  return out;
}

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

function BudgetEditor({ tenant, allowed, pending, allocated }: { tenant: Tenant; allowed: boolean; pending: boolean; allocated?: TenantQuotaCluster[] }) {
  const t = useTranslations("projects.tenantQuota");
  const tc = useTranslations("common");
  const issueText = useIssueText();
  const clusterLabel = useClusterLabel();
  const save = useSaveTenant(tenant.name);
  const [values, setValues] = useState<Record<string, Record<string, string>>>(() =>
    Object.fromEntries(tenant.clusters.map((c) => [c, formValues(PROJECT_RESOURCES, tenant.budget?.[c])])),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState(false);
  const issues = Object.fromEntries(tenant.clusters.map((c) => [c, listIssues(values[c] ?? {})]));
  const headingId = useId();

  // Only platform admins may change it; everyone else sees it in the table above.
  if (pending || !allowed) return null;

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (tenant.clusters.some((c) => Object.keys(issues[c]).length)) {
      form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    setSaved(false);
    setErrors({});
    const budget: Record<string, ResourceList> = {};
    for (const c of tenant.clusters) {
      const l = cleanList(values[c] ?? {});
      if (Object.keys(l).length) budget[c] = l;
    }
    save.mutate(
      { budget },
      {
        onSuccess: () => setSaved(true),
        onError: (err) => {
          setErrors(routeSettingsErrors(err, (f) => f.startsWith("budget.")));
          setTimeout(() => form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus(), 0);
        },
      },
    );
  };

  const busy = save.isPending;
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          {t("budget.heading")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-500 dark:text-slate-400">{t("budget.intro")}</p>
      </div>
      {errors._ && <ErrorState title={t("budget.failed")} message={errors._} />}
      {tenant.clusters.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("noClusters")}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={busy}>
          {tenant.clusters.map((c) => {
            const alloc = allocated?.find((x) => x.cluster === c)?.allocated;
            return (
              <fieldset key={c} disabled={busy} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700" data-testid={`budget-${c}`}>
                <legend className="px-1 text-sm font-semibold">{t("budget.on", { cluster: clusterLabel(c) })}</legend>
                <QuantityFields
                  resources={PROJECT_RESOURCES}
                  values={values[c] ?? {}}
                  onChange={(r, v) => {
                    setSaved(false);
                    setErrors((x) => without(x, `budget.${c}.${r}`, "_"));
                    setValues((x) => ({ ...x, [c]: { ...(x[c] ?? {}), [r]: v } }));
                  }}
                  hintFor={(r) => (alloc?.[r] ? t("budget.allocatedNow", { amount: formatQuantity(r, alloc[r]) }) : undefined)}
                  errorText={(r) => errors[`budget.${c}.${r}`] ?? issueText(issues[c]?.[r])}
                />
              </fieldset>
            );
          })}
          <div className="flex items-center gap-3">
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? tc("saving") : t("budget.save")}
            </Button>
            <span role="status" aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
              {saved ? t("saved") : ""}
            </span>
          </div>
        </form>
      )}
    </section>
  );
}

function ProjectSettingsForm({ tenant, allowed, pending }: { tenant: Tenant; allowed: boolean; pending: boolean }) {
  const t = useTranslations("projects.tenantQuota");
  const tc = useTranslations("common");
  const issueText = useIssueText();
  const save = useSaveTenant(tenant.name);
  const [limit, setLimit] = useState(tenant.projectLimitPerMember === null || tenant.projectLimitPerMember === undefined ? "" : String(tenant.projectLimitPerMember));
  const [quota, setQuota] = useState(() => formValues(PROJECT_RESOURCES, tenant.defaults?.quota));
  const [limits, setLimits] = useState<LimitForm>(() => limitFormFrom(tenant.defaults?.limits, TENANT_LIMIT_FIELDS, LIMIT_RESOURCES));
  const [errors, setErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState(false);
  const headingId = useId();

  const limitText = limit.trim();
  const limitError = limitText && !/^\d+$/.test(limitText) ? t("settings.limitWhole") : limitText && Number(limitText) > 10_000 ? t("settings.limitMax", { max: 10_000 }) : undefined;
  const quotaIssues = listIssues(quota);
  const defaultLimitIssues = limitIssues(limits, TENANT_LIMIT_FIELDS);
  const invalid = !!limitError || Object.keys(quotaIssues).length > 0 || Object.keys(defaultLimitIssues).length > 0;
  const readOnly = !allowed;

  const clear = (field: string) => {
    setSaved(false);
    setErrors((x) => without(x, field, "_"));
  };

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (readOnly) return;
    const form = e.currentTarget;
    if (invalid) {
      form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    setSaved(false);
    setErrors({});
    save.mutate(
      {
        projectLimitPerMember: limitText ? Number(limitText) : null,
        defaults: { quota: cleanList(quota), limits: limitDefaultsFrom(limits, TENANT_LIMIT_FIELDS) },
      },
      {
        onSuccess: () => setSaved(true),
        onError: (err) => {
          setErrors(routeSettingsErrors(err, (f) => f === "projectLimitPerMember" || f.startsWith("defaults.")));
          setTimeout(() => form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus(), 0);
        },
      },
    );
  };

  const busy = save.isPending;
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          {t("settings.heading")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-500 dark:text-slate-400">{t("settings.intro")}</p>
        {!pending && readOnly && <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t("settings.readOnly")}</p>}
      </div>
      {errors._ && <ErrorState title={t("settings.failed")} message={errors._} />}
      <form onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={busy}>
        <fieldset disabled={busy || readOnly || pending} className="space-y-6">
          <div className="max-w-xs">
            <Field label={t("settings.limitPerMember")} hint={t("settings.limitPerMemberHint")} error={errors.projectLimitPerMember ?? limitError}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  inputMode="numeric"
                  value={limit}
                  onChange={(e) => {
                    setLimit(e.target.value);
                    clear("projectLimitPerMember");
                  }}
                  placeholder={t("settings.unlimited")}
                  autoComplete="off"
                  className={inputClass}
                />
              )}
            </Field>
          </div>
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold">{t("settings.defaultQuota")}</legend>
            <p className="text-xs text-slate-500 dark:text-slate-400">{t("settings.defaultQuotaHint")}</p>
            <QuantityFields
              resources={PROJECT_RESOURCES}
              values={quota}
              onChange={(r, v) => {
                setQuota((x) => ({ ...x, [r]: v }));
                clear(`defaults.quota.${r}`);
              }}
              errorText={(r) => errors[`defaults.quota.${r}`] ?? issueText(quotaIssues[r])}
            />
          </fieldset>
          <LimitDefaultsGrid
            caption={t("settings.defaultLimits")}
            hint={t("settings.defaultLimitsHint")}
            fields={TENANT_LIMIT_FIELDS}
            values={limits}
            onChange={(f, r, v) => {
              setLimits((x) => ({ ...x, [f]: { ...(x[f] ?? {}), [r]: v } }));
              clear(`defaults.limits.${f}.${r}`);
            }}
            errorText={(k) => errors[`defaults.limits.${k}`] ?? issueText(defaultLimitIssues[k])}
          />
        </fieldset>
        {allowed && (
          <div className="flex items-center gap-3">
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? tc("saving") : t("settings.save")}
            </Button>
            <span role="status" aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
              {saved ? t("saved") : ""}
            </span>
          </div>
        )}
      </form>
    </section>
  );
}


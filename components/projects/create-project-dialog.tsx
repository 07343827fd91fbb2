"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { without } from "@/components/clusters/cluster-form-model";
import { MultiSelect } from "@/components/ui/multi-select";
import { LIMIT_RESOURCES, PROJECT_RESOURCES, formValues, formatAmount, limitIssues, listIssues } from "@/components/quotas/quota-model";
import { LimitGrid, QuantityFields, useIssueText, useResourceLabel } from "@/components/quotas/quota-ui";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { type Tenant, projectsKey } from "@/lib/access/queries";
import { ApiClientError } from "@/lib/client/api";
import { clustersQuery } from "@/lib/clusters/queries";
import { type ClusterResult, type Project, createProject, projectHref, tenantQuotaQuery, tenantSettingsQuery } from "./project-api";
import {
  DESCRIPTION_MAX,
  DISPLAY_NAME_MAX,
  type LimitForm,
  PROJECT_NAME_MAX,
  type SelectorRow,
  TENANT_LIMIT_FIELDS,
  WIZARD_LIMIT_FIELDS,
  WIZARD_STEPS,
  type WizardStep,
  createBody,
  limitFormFrom,
  newSelectorRow,
  projectNameError,
  remaining,
  selectorErrors,
  stepOfField,
} from "./project-model";
import { ClusterResults, useClusterLabel } from "./project-ui";
import { SelectorEditor } from "./selector-editor";

/** The create-project wizard: tenant → clusters → name → node selector → quota and limits → review. */
export function CreateProjectDialog({ open, onClose, tenants }: { open: boolean; onClose: () => void; tenants: Tenant[] }) {
  const t = useTranslations("projects.create");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} wide>
      {open && <Wizard tenants={tenants} onDone={onClose} />}
    </Dialog>
  );
}

type Created = { project: Project; results: ClusterResult[] };

function Wizard({ tenants, onDone }: { tenants: Tenant[]; onDone: () => void }) {
  const t = useTranslations("projects.create");
  const tv = useTranslations("projects");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const issueText = useIssueText();
  const resourceLabel = useResourceLabel();
  const clusterLabel = useClusterLabel();
  const clusters = useQuery(clustersQuery());
  const headingId = useId();

  const [step, setStep] = useState<WizardStep>("tenant");
  const [reached, setReached] = useState(0);
  const [tenant, setTenant] = useState(tenants.length === 1 ? tenants[0].name : "");
  const [chosen, setChosen] = useState<string[]>([]);
  const [name, setName] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [description, setDescription] = useState("");
  const [selector, setSelector] = useState<SelectorRow[]>(() => [newSelectorRow()]);
  const [quota, setQuota] = useState<Record<string, string>>(() => formValues(PROJECT_RESOURCES, undefined));
  const [limits, setLimits] = useState<LimitForm>(() => limitFormFrom(undefined, WIZARD_LIMIT_FIELDS, LIMIT_RESOURCES));
  const [filledFor, setFilledFor] = useState("");
  /** Errors from the server, by its field name ("quota.requests.cpu"), and "_" for the request as a whole. */
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  /** Checks run on Next: before that a step shows only as-you-type errors. */
  const [checked, setChecked] = useState<Set<WizardStep>>(new Set());
  const [created, setCreated] = useState<Created>();

  const settings = useQuery({ ...tenantSettingsQuery(tenant), enabled: !!tenant });
  // The tenant's budget: what is left per cluster. Not every member may read it; then the server checks alone.
  const budget = useQuery({ ...tenantQuotaQuery(tenant), enabled: !!tenant, retry: false });
  const tenantObj = tenants.find((x) => x.name === tenant);

  // Prefill quota and limits from the tenant's defaults, once per chosen tenant.
  if (settings.data && settings.data.name === tenant && filledFor !== tenant) {
    setFilledFor(tenant);
    setQuota(formValues(PROJECT_RESOURCES, settings.data.defaults?.quota));
    setLimits(limitFormFrom(settings.data.defaults?.limits, WIZARD_LIMIT_FIELDS, LIMIT_RESOURCES));
  }
  const baseLimits = settings.data?.name === tenant ? settings.data.defaults?.limits : undefined;

  // ---- what each step needs ----

  const budgetFor = (cluster: string) => budget.data?.clusters.find((c) => c.cluster === cluster)?.budget ?? settings.data?.budget?.[cluster];
  // A budget for a resource means every project quota on that cluster must set it.
  const required = new Set(chosen.flatMap((c) => Object.keys(budgetFor(c) ?? {})));
  const budgetHint = (r: string) => {
    const parts: string[] = [];
    for (const c of chosen) {
      const entry = budget.data?.clusters.find((x) => x.cluster === c);
      const left = remaining(entry?.budget ?? budgetFor(c), entry?.allocated, r);
      if (left !== undefined) parts.push(t("budgetLeftOn", { amount: formatAmount(r, left), cluster: clusterLabel(c) }));
    }
    return parts.length ? t("budgetLeft", { list: parts.join(", ") }) : undefined;
  };

  const nameIssue = projectNameError(name, false);
  const selectorIssues = selectorErrors(selector);
  const quotaIssues = listIssues(quota, required);
  const limitValues: LimitForm = { ...limitFormFrom(baseLimits, TENANT_LIMIT_FIELDS, LIMIT_RESOURCES), ...limits };
  const allLimitIssues = limitIssues(limitValues, TENANT_LIMIT_FIELDS);
  const wizardLimitIssues = Object.fromEntries(Object.entries(allLimitIssues).filter(([k]) => WIZARD_LIMIT_FIELDS.some((f) => k.startsWith(`${f}.`))));

  const stepErrors = (s: WizardStep): Record<string, string> => {
    const out: Record<string, string> = {};
    if (s === "tenant" && !tenant) out.tenant = t("validation.tenantRequired");
    if (s === "clusters" && chosen.length === 0) out.clusters = t("validation.clustersRequired");
    if (s === "name") {
      const n = projectNameError(name, true);
      if (n) out.name = tv(n, { max: PROJECT_NAME_MAX });
      if (displayName.trim().length > DISPLAY_NAME_MAX) out.displayName = t("validation.tooLong", { max: DISPLAY_NAME_MAX });
      if (description.trim().length > DESCRIPTION_MAX) out.description = t("validation.tooLong", { max: DESCRIPTION_MAX });
    }
    if (s === "nodes") for (const [id, key] of Object.entries(selectorIssues)) out[`selector:${id}`] = tv(key);
    if (s === "quota") {
      for (const [r, issue] of Object.entries(quotaIssues)) out[`quota.${r}`] = issueText(issue)!;
      for (const [k, issue] of Object.entries(wizardLimitIssues)) out[`limits.${k}`] = issueText(issue)!;
    }
    return out;
  };

  /** The message under a field: the server's, else the step's check once it ran, else the as-you-type check. */
  const errorOf = (s: WizardStep, field: string, live?: string) => serverErrors[field] ?? (checked.has(s) ? stepErrors(s)[field] : undefined) ?? live;
  const clearServer = (...fields: string[]) => setServerErrors((e) => without(e, ...fields, "_"));

  // ---- moving between steps ----

  const index = WIZARD_STEPS.indexOf(step);
  const body = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // The dialog focuses the first step's field itself when it opens.
    if (first.current) {
      first.current = false;
      return;
    }
    const el =
      body.current?.querySelector<HTMLElement>("[aria-invalid=true]") ??
      body.current?.querySelector<HTMLElement>("input:not([disabled]), select, textarea") ??
      (formRef.current ?? body.current)?.querySelector<HTMLElement>("button[data-step-focus]");
    el?.focus();
  }, [step, created]);

  const go = (s: WizardStep) => {
    setStep(s);
    setReached((r) => Math.max(r, WIZARD_STEPS.indexOf(s)));
  };
  const next = () => {
    setChecked((c) => new Set(c).add(step));
    if (Object.keys(stepErrors(step)).length) {
      // Focus lands on the first invalid control after the errors render.
      setTimeout(() => body.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus(), 0);
      return;
    }
    go(WIZARD_STEPS[index + 1]);
  };

  const create = useMutation({
    mutationFn: () => createProject(createBody({ tenant, clusters: chosen, name, displayName, description, selector, quota, limits, baseLimits })),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectsKey }),
  });

  const submit = () => {
    // Every step once more: the review may follow a jump back.
    for (const s of WIZARD_STEPS) {
      if (Object.keys(stepErrors(s)).length) {
        setChecked(new Set(WIZARD_STEPS));
        go(s);
        return;
      }
    }
    setServerErrors({});
    create.mutate(undefined, {
      onSuccess: (res) => setCreated(res),
      onError: (err) => {
        const out: Record<string, string> = {};
        let target: WizardStep | undefined;
        if (err instanceof ApiClientError) {
          for (const [field, message] of Object.entries(err.fields)) {
            const s = stepOfField(field);
            const key = field.startsWith("clusters") ? "clusters" : field;
            if (s) {
              out[key] = out[key] ? `${out[key]} ${message}` : message;
              if (target === undefined || WIZARD_STEPS.indexOf(s) < WIZARD_STEPS.indexOf(target)) target = s;
            } else out._ = out._ ? `${out._} ${message}` : message;
          }
          if (err.status === 409 && !err.fields.name) {
            out.name = err.message;
            target ??= "name";
          }
        }
        // What no field shows; for a refused quota the server's summary too ("does not fit the budget").
        if (!target) out._ = out._ ? `${err.message} ${out._}` : err.message;
        else if (err instanceof ApiClientError && err.status === 422) out._ ??= err.message;
        setServerErrors(out);
        if (target) go(target);
      },
    });
  };

  // ---- the result ----

  if (created) {
    const ok = created.results.some((r) => r.ok);
    return (
      <div ref={body} className="space-y-4">
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

  const pending = create.isPending;
  const tenantOptions = tenants.map((x) => ({ value: x.name, label: x.displayName || x.name }));
  const allowedClusters = tenantObj?.clusters ?? [];
  const clusterOptions = allowedClusters.map((c) => {
    const view = clusters.data?.items.find((x) => x.name === c);
    return { value: c, label: view?.displayName || c, detail: c };
  });

  return (
    <div className="space-y-4">
      <nav aria-label={t("stepsLabel")}>
        <ol className="flex flex-wrap gap-1 text-xs">
          {WIZARD_STEPS.map((s, i) => {
            const current = s === step;
            const hasServerError = Object.keys(serverErrors).some((f) => f !== "_" && stepOfField(f) === s);
            const cls = `inline-flex items-center gap-1 rounded-full px-2.5 py-1 ${
              current
                ? "bg-sky-700 font-medium text-white dark:bg-sky-600"
                : hasServerError
                  ? "bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-300"
                  : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
            }`;
            const text = t("stepN", { n: i + 1, step: t(`steps.${s}`) });
            return (
              <li key={s}>
                {i <= reached && !current && !pending ? (
                  <button type="button" onClick={() => go(s)} className={`${cls} hover:underline focus-visible:outline-2 focus-visible:outline-sky-600`}>
                    {text}
                  </button>
                ) : (
                  <span aria-current={current ? "step" : undefined} className={cls}>
                    {text}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <form
        ref={formRef}
        noValidate
        aria-labelledby={headingId}
        aria-busy={pending}
        onSubmit={(e) => {
          e.preventDefault();
          if (step === "review") submit();
          else next();
        }}
        className="space-y-4"
      >
        <h3 id={headingId} className="text-base font-semibold">
          {t(`steps.${step}`)}
        </h3>
        {serverErrors._ && <ErrorState title={create.error instanceof ApiClientError && create.error.status === 403 ? t("forbidden") : t("failed")} message={serverErrors._} />}
        <div ref={body}>
          <fieldset disabled={pending} className="space-y-4">
            {step === "tenant" &&
              (tenants.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-300">{t("noTenants")}</p>
              ) : (
                <>
                  <Field label={t("tenant")} hint={t("tenantHint")} error={errorOf("tenant", "tenant")}>
                    {(p) => (
                      <select
                        {...p}
                        ref={dialogAutoFocus}
                        value={tenant}
                        onChange={(e) => {
                          setTenant(e.target.value);
                          setChosen([]);
                          clearServer("tenant", "clusters");
                        }}
                        className={inputClass}
                      >
                        <option value="">{t("chooseTenant")}</option>
                        {tenantOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label === o.value ? o.label : `${o.label} (${o.value})`}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {settings.data?.name === tenant && typeof settings.data.projectLimitPerMember === "number" && (
                    <p className="text-sm text-slate-600 dark:text-slate-300">{t("limitPerMember", { count: settings.data.projectLimitPerMember })}</p>
                  )}
                </>
              ))}
            {step === "clusters" && (
              <MultiSelect
                legend={t("clusters")}
                hint={t("clustersHint")}
                options={clusterOptions}
                selected={chosen}
                onChange={(v) => {
                  setChosen(v);
                  clearServer("clusters");
                }}
                loading={clusters.isPending}
                empty={t("noClusters")}
                error={errorOf("clusters", "clusters")}
              />
            )}
            {step === "name" && (
              <>
                <Field label={t("name")} hint={t("nameHint", { max: PROJECT_NAME_MAX })} error={errorOf("name", "name", nameIssue ? tv(nameIssue, { max: PROJECT_NAME_MAX }) : undefined)}>
                  {(p) => (
                    <input
                      {...p}
                      type="text"
                      value={name}
                      onChange={(e) => {
                        setName(e.target.value);
                        clearServer("name");
                      }}
                      required
                      autoComplete="off"
                      autoCapitalize="none"
                      spellCheck={false}
                      className={`${inputClass} font-mono`}
                    />
                  )}
                </Field>
                {name.trim() && !nameIssue && chosen.length > 0 && (
                  <p className="text-xs text-slate-500 dark:text-slate-400">{t("namespacePreview", { name: name.trim(), clusters: chosen.map(clusterLabel).join(", ") })}</p>
                )}
                <Field label={t("displayName")} hint={t("displayNameHint")} error={errorOf("name", "displayName")}>
                  {(p) => (
                    <input
                      {...p}
                      type="text"
                      value={displayName}
                      onChange={(e) => {
                        setDisplayName(e.target.value);
                        clearServer("displayName");
                      }}
                      autoComplete="off"
                      className={inputClass}
                    />
                  )}
                </Field>
                <Field label={t("description")} error={errorOf("name", "description")}>
                  {(p) => (
                    <textarea
                      {...p}
                      rows={3}
                      value={description}
                      onChange={(e) => {
                        setDescription(e.target.value);
                        clearServer("description");
                      }}
                      className={inputClass}
                    />
                  )}
                </Field>
              </>
            )}
            {step === "nodes" && (
              <>
                <SelectorEditor
                  rows={selector}
                  onChange={(rows) => {
                    setSelector(rows);
                    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("nodeSelector"))));
                  }}
                  errorText={(id) => {
                    const live = selectorIssues[id];
                    return live ? tv(live) : undefined;
                  }}
                />
                {Object.entries(serverErrors)
                  .filter(([k]) => k.startsWith("nodeSelector"))
                  .map(([k, m]) => (
                    <p key={k} role="alert" className="text-sm text-red-700 dark:text-red-400">
                      {m}
                    </p>
                  ))}
              </>
            )}
            {step === "quota" && (
              <>
                {settings.isPending ? (
                  <LoadingState label={tc("loading")} />
                ) : (
                  <p className="text-sm text-slate-600 dark:text-slate-300">
                    {Object.keys(settings.data?.defaults?.quota ?? {}).length ? t("quotaIntro") : t("quotaIntroNoDefaults")}
                    {required.size > 0 && ` ${t("quotaBudgetRequired")}`}
                  </p>
                )}
                <fieldset className="space-y-3">
                  <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("quotaLegend")}</legend>
                  <QuantityFields
                    resources={PROJECT_RESOURCES}
                    values={quota}
                    onChange={(r, v) => {
                      setQuota((x) => ({ ...x, [r]: v }));
                      clearServer(`quota.${r}`);
                    }}
                    required={required}
                    hintFor={budgetHint}
                    errorText={(r) => errorOf("quota", `quota.${r}`, issueText(listIssues({ [r]: quota[r] ?? "" })[r]))}
                  />
                </fieldset>
                <div className="space-y-1">
                  <LimitGrid
                    caption={t("limitsLegend")}
                    fields={WIZARD_LIMIT_FIELDS}
                    resources={LIMIT_RESOURCES}
                    value={(f, r) => limits[f]?.[r] ?? ""}
                    onChange={(f, r, v) => {
                      setLimits((x) => ({ ...x, [f]: { ...(x[f] ?? {}), [r]: v } }));
                      clearServer(`limits.${f}.${r}`);
                    }}
                    errorText={(k) => serverErrors[`limits.${k}`] ?? issueText(wizardLimitIssues[k])}
                  />
                  <p className="text-xs text-slate-500 dark:text-slate-400">{t("limitsHint")}</p>
                </div>
              </>
            )}
            {step === "review" && (
              <Review
                rows={[
                  [t("tenant"), tenantObj?.displayName || tenant],
                  [t("clusters"), chosen.map(clusterLabel).join(", ")],
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
                ]}
              />
            )}
          </fieldset>
        </div>
        <div className="flex justify-between gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
          <Button onClick={onDone} disabled={pending}>
            {tc("cancel")}
          </Button>
          <div className="flex gap-2">
            {index > 0 && (
              <Button onClick={() => go(WIZARD_STEPS[index - 1])} disabled={pending}>
                {t("back")}
              </Button>
            )}
            {step === "review" ? (
              <Button type="submit" variant="primary" disabled={pending} data-step-focus>
                {pending ? t("submitting") : t("submit")}
              </Button>
            ) : (
              <Button type="submit" variant="primary" disabled={tenants.length === 0}>
                {t("next")}
              </Button>
            )}
          </div>
        </div>
      </form>
    </div>
  );
}

function Review({ rows }: { rows: [string, string][] }) {
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

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LIMIT_RESOURCES, PROJECT_RESOURCES, formValues, formatAmount, limitIssues, listIssues } from "@/components/quotas/quota-model";
import { useIssueText } from "@/components/quotas/quota-ui";
import { FORM_ERROR, type FormErrors, firstWith, without } from "@/components/ui/form-errors";
import { useSteps } from "@/components/ui/steps";
import { type Tenant, projectsKey } from "@/lib/access/queries";
import { ApiClientError } from "@/lib/client/api";
import { type ClusterResult, type Project, createProject, tenantQuotaQuery, tenantSettingsQuery } from "./project-api";
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
import { useClusterLabel } from "./project-ui";

export type Created = { project: Project; results: ClusterResult[] };

/** The create-project wizard's values, checks, server errors and submit; its steps only draw. */
export function useProjectWizard(tenants: Tenant[]) {
  const t = useTranslations("projects.create");
  const tv = useTranslations("projects");
  const qc = useQueryClient();
  const issueText = useIssueText();
  const clusterLabel = useClusterLabel();
  const steps = useSteps(WIZARD_STEPS);

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
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  /** Checks run on Next: before that a step shows only as-you-type errors. */
  const [checked, setChecked] = useState<Set<WizardStep>>(new Set());
  const [created, setCreated] = useState<Created>();

  const settings = useQuery({ ...tenantSettingsQuery(tenant), enabled: !!tenant });
  // The tenant's budget: what is left per cluster. Not every member may read it; then the server checks alone.
  const budget = useQuery({ ...tenantQuotaQuery(tenant), enabled: !!tenant, retry: false });

  // Prefill quota and limits from the tenant's defaults, once per chosen tenant.
  if (settings.data && settings.data.name === tenant && filledFor !== tenant) {
    setFilledFor(tenant);
    setQuota(formValues(PROJECT_RESOURCES, settings.data.defaults?.quota));
    setLimits(limitFormFrom(settings.data.defaults?.limits, WIZARD_LIMIT_FIELDS, LIMIT_RESOURCES));
  }
  const baseLimits = settings.data?.name === tenant ? settings.data.defaults?.limits : undefined;

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

  const stepErrors = (s: WizardStep): FormErrors => {
    const out: FormErrors = {};
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
  const clearServer = (...fields: string[]) => setServerErrors((e) => without(e, ...fields, FORM_ERROR));
  const clearServerUnder = (prefix: string) => setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(prefix))));

  /** Next: the step's checks first; false keeps the user on the step. */
  const next = () => {
    setChecked((c) => new Set(c).add(steps.step));
    if (Object.keys(stepErrors(steps.step)).length) return false;
    steps.next();
    return true;
  };

  const create = useMutation({
    mutationFn: () => createProject(createBody({ tenant, clusters: chosen, name, displayName, description, selector, quota, limits, baseLimits })),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectsKey }),
  });

  const submit = () => {
    // Every step once more: the review may follow a jump back.
    const bad = WIZARD_STEPS.find((s) => Object.keys(stepErrors(s)).length);
    if (bad) {
      setChecked(new Set(WIZARD_STEPS));
      steps.go(bad);
      return;
    }
    setServerErrors({});
    create.mutate(undefined, {
      onSuccess: (res) => setCreated(res),
      onError: (err) => {
        const out = serverErrorsOf(err);
        setServerErrors(out);
        const target = firstWith(out, WIZARD_STEPS, stepOfField);
        if (target) steps.go(target);
      },
    });
  };

  return {
    steps,
    values: { tenant, chosen, name, displayName, description, selector, quota, limits },
    set: {
      tenant: (v: string) => {
        setTenant(v);
        setChosen([]);
        clearServer("tenant", "clusters");
      },
      clusters: (v: string[]) => {
        setChosen(v);
        clearServer("clusters");
      },
      name: (v: string) => {
        setName(v);
        clearServer("name");
      },
      displayName: (v: string) => {
        setDisplayName(v);
        clearServer("displayName");
      },
      description: (v: string) => {
        setDescription(v);
        clearServer("description");
      },
      selector: (rows: SelectorRow[]) => {
        setSelector(rows);
        clearServerUnder("nodeSelector");
      },
      quota: (r: string, v: string) => {
        setQuota((x) => ({ ...x, [r]: v }));
        clearServer(`quota.${r}`);
      },
      limit: (f: keyof LimitForm, r: string, v: string) => {
        setLimits((x) => ({ ...x, [f]: { ...(x[f] ?? {}), [r]: v } }));
        clearServer(`limits.${f}.${r}`);
      },
    },
    settings,
    clusterLabel,
    required,
    budgetHint,
    nameIssue,
    selectorIssues,
    wizardLimitIssues,
    serverErrors,
    errorOf,
    next,
    submit,
    pending: create.isPending,
    forbidden: create.error instanceof ApiClientError && create.error.status === 403,
    created,
  };

  /** Server field errors by the wizard's field names; what no step shows goes to "_". */
  function serverErrorsOf(err: unknown): FormErrors {
    const out: FormErrors = {};
    let onStep = false;
    const add = (k: string, m: string) => (out[k] = out[k] ? `${out[k]} ${m}` : m);
    if (err instanceof ApiClientError) {
      for (const [field, message] of Object.entries(err.fields)) {
        if (stepOfField(field)) {
          add(field.startsWith("clusters") ? "clusters" : field, message);
          onStep = true;
        } else add(FORM_ERROR, message);
      }
      if (err.status === 409 && !err.fields.name) {
        out.name = (err as Error).message;
        onStep = true;
      }
    }
    const message = err instanceof Error ? err.message : String(err);
    // What no field shows; for a refused quota the server's summary too ("does not fit the budget").
    if (!onStep) out[FORM_ERROR] = out[FORM_ERROR] ? `${message} ${out[FORM_ERROR]}` : message;
    else if (err instanceof ApiClientError && err.status === 422) out[FORM_ERROR] ??= message;
    return out;
  }
}

export type ProjectWizard = ReturnType<typeof useProjectWizard>;

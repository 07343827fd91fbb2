"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useWatch } from "react-hook-form";
import { formatAmount } from "@/components/quotas/quota-model";
import { showServerErrors, useCheckedForm, useUserChange } from "@/components/ui/form";
import { type FormErrors, conflictOn, firstWith, schemaErrors } from "@/components/ui/form-errors";
import { useSteps } from "@/components/ui/steps";
import { type Tenant, projectsKey } from "@/lib/access/queries";
import { ApiClientError } from "@/lib/client/api";
import { createProjectBodySchema } from "@/lib/validations/tenancy";
import { type CreateProjectBody, createProject, tenantQuotaQuery, tenantSettingsQuery } from "./project-api";
import {
  STEP_FIELDS,
  WIZARD_STEPS,
  type WizardValues,
  budgetOn,
  budgetedResources,
  createBody,
  newSelectorRow,
  remaining,
  stepOfField,
  wizardIssues,
  wizardQuotaAndLimits,
  wizardTarget,
} from "./project-model";
import { useClusterLabel } from "./project-ui";

/** The create-project wizard: one form over its steps, the tenant's defaults and budget, and the request. */
export function useProjectWizard(tenants: Tenant[]) {
  const t = useTranslations("projects.create");
  const text = useTranslations();
  const qc = useQueryClient();
  const clusterLabel = useClusterLabel();
  const steps = useSteps(WIZARD_STEPS);

  const form = useCheckedForm<WizardValues>(
    {
      tenant: tenants.length === 1 ? tenants[0].name : "",
      clusters: [],
      name: "",
      displayName: "",
      description: "",
      nodeSelector: [newSelectorRow()],
      ...wizardQuotaAndLimits(undefined),
    },
    (v, submit): FormErrors => {
      // The tenant's defaults and budget as the queries below loaded them.
      const settings = qc.getQueryData(tenantSettingsQuery(v.tenant).queryKey);
      const report = qc.getQueryData(tenantQuotaQuery(v.tenant).queryKey);
      const base = settings?.defaults?.limits;
      const issues = wizardIssues(v, submit, budgetedResources(v.clusters, settings?.budget, report), base);
      const own = Object.fromEntries(Object.entries(issues).map(([field, i]) => [field, text(i.key, i.values)]));
      return Object.keys(own).length || !submit ? own : schemaErrors(createProjectBodySchema, createBody(v, base), wizardTarget(v));
    },
  );
  const [tenant, chosen] = useWatch({ control: form.control, name: ["tenant", "clusters"] });
  // An edit answers the error on top.
  useUserChange(form, () => form.clearErrors("root"));

  const settings = useQuery({ ...tenantSettingsQuery(tenant), enabled: !!tenant });
  // The tenant's budget: what is left per cluster. Not every member may read it; then the server checks alone.
  const report = useQuery({ ...tenantQuotaQuery(tenant), enabled: !!tenant, retry: false });
  const tenantSettings = settings.data?.name === tenant ? settings.data : undefined;
  const baseLimits = tenantSettings?.defaults?.limits;

  // The tenant's defaults fill quota and limits, once per chosen tenant.
  const filledFor = useRef("");
  useEffect(() => {
    if (!tenantSettings || filledFor.current === tenantSettings.name) return;
    filledFor.current = tenantSettings.name;
    const { quota, limits } = wizardQuotaAndLimits(tenantSettings.defaults);
    form.setValue("quota", quota);
    form.setValue("limits", limits);
  }, [tenantSettings, form]);

  const budgetHint = (r: string) => {
    const parts: string[] = [];
    for (const c of chosen) {
      const allocated = report.data?.clusters.find((x) => x.cluster === c)?.allocated;
      const left = remaining(budgetOn(c, tenantSettings?.budget, report.data), allocated, r);
      if (left !== undefined) parts.push(t("budgetLeftOn", { amount: formatAmount(r, left), cluster: clusterLabel(c) }));
    }
    return parts.length ? t("budgetLeft", { list: parts.join(", ") }) : undefined;
  };

  const create = useMutation({
    mutationFn: (body: CreateProjectBody) => createProject(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectsKey }),
  });
  /** Back to the first step with an error. */
  const showStepOf = (errors: object) => {
    const step = firstWith(errors, WIZARD_STEPS, stepOfField);
    if (step) steps.go(step);
  };

  return {
    form,
    steps,
    settings,
    tenantSettings,
    clusterLabel,
    required: budgetedResources(chosen, tenantSettings?.budget, report.data),
    budgetHint,
    /** Choosing another tenant drops the clusters chosen for the one before. */
    onTenantChange: () => form.resetField("clusters"),
    /** Next: the step's checks first; false keeps the user on the step. */
    next: async () => {
      const ok = await form.checkFields(STEP_FIELDS[steps.step]);
      if (ok) steps.next();
      return ok;
    },
    submit: (v: WizardValues) =>
      create.mutate(createBody(v, baseLimits), {
        onError: (err) =>
          // The server's message stays on top: the fields it names may be on other steps.
          showStepOf(showServerErrors(form, err, wizardTarget(v), conflictOn(err, "name", () => err.message), { summary: true })),
      }),
    // Create checks every step once more: the review may follow a jump back.
    invalid: showStepOf,
    pending: create.isPending,
    forbidden: create.error instanceof ApiClientError && create.error.status === 403,
    created: create.data,
  };
}

export type ProjectWizard = ReturnType<typeof useProjectWizard>;

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useWatch } from "react-hook-form";
import { formatAmount } from "@/components/quotas/quota-model";
import { useCheckedForm, useUserChange } from "@/components/ui/form";
import { type FormErrors, conflictOn, schemaErrors, withSchemaErrors } from "@/components/ui/form-errors";
import { useFormSteps } from "@/components/ui/steps";
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
  remaining,
  wizardDefaults,
  wizardIssues,
  wizardQuotaAndLimits,
  wizardTarget,
} from "./project-model";
import { useClusterLabel } from "./project-ui";

/** The create-project wizard (`root`: its outer element): one form over its steps, the tenant's defaults and budget, and the request. */
export function useProjectWizard(tenants: Tenant[], root: React.RefObject<HTMLElement | null>) {
  const t = useTranslations("projects.create");
  const text = useTranslations();
  const qc = useQueryClient();
  const clusterLabel = useClusterLabel();

  const form = useCheckedForm<WizardValues>(
    wizardDefaults(tenants.length === 1 ? tenants[0].name : ""),
    (v, submit): FormErrors => {
      // The tenant's defaults and budget as the queries below loaded them.
      const settings = qc.getQueryData(tenantSettingsQuery(v.tenant).queryKey);
      const report = qc.getQueryData(tenantQuotaQuery(v.tenant).queryKey);
      const base = settings?.defaults?.limits;
      const issues = wizardIssues(v, submit, budgetedResources(v.clusters, settings?.budget, report), base);
      const own = Object.fromEntries(Object.entries(issues).map(([field, i]) => [field, text(i.key, i.values)]));
      return withSchemaErrors(own, submit, () => schemaErrors(createProjectBodySchema, createBody(v, base), wizardTarget(v)));
    },
  );
  const create = useMutation({
    mutationFn: (body: CreateProjectBody) => createProject(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectsKey }),
  });
  const wizard = useFormSteps(form, WIZARD_STEPS, STEP_FIELDS, root, { done: !!create.data });
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

  return {
    form,
    ...wizard,
    settings,
    tenantSettings,
    clusterLabel,
    required: budgetedResources(chosen, tenantSettings?.budget, report.data),
    budgetHint,
    /** Choosing another tenant drops the clusters chosen for the one before. */
    onTenantChange: () => form.resetField("clusters"),
    submit: (v: WizardValues) =>
      create.mutate(createBody(v, baseLimits), {
        onError: (err) =>
          // The server's message stays on top: the fields it names may be on other steps.
          wizard.showServerErrors(err, wizardTarget(v), conflictOn(err, "name", () => err.message), { summary: true }),
      }),
    pending: create.isPending,
    forbidden: create.error instanceof ApiClientError && create.error.status === 403,
    created: create.data,
  };
}

export type ProjectWizard = ReturnType<typeof useProjectWizard>;

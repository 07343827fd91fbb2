"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { Form, SaveBar, TextField, showServerErrors, useCheckedForm, useSavedFlag } from "@/components/ui/form";
import { sameName, schemaErrors } from "@/components/ui/form-errors";
import { Badge } from "@/components/ui/status-badge";
import { type Tenant, type UpdateTenantBody, accessKey, projectsKey, updateTenant } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { clustersQuery } from "@/lib/clusters/queries";
import { type PodSecurityLevel, updateTenantBodySchema } from "@/lib/validations/tenancy";
import { HostClusterFormField, PodSecurityFormField, PodSecurityText, TenantClustersField } from "./tenant-guard-fields";

const target = sameName(["displayName", "description", "clusters", "podSecurity", "acknowledgeHostCluster"]);

type Values = { displayName: string; description: string; clusters: string[]; podSecurity: PodSecurityLevel; acknowledgeHostCluster: boolean };

/** Display name and description (tenant admins); the clusters the tenant may use and its Pod Security level (platform admins). */
export function TenantSettings({ tenant }: { tenant: Tenant }) {
  const t = useTranslations("access.settings");
  const tt = useTranslations("access.tenants");
  const qc = useQueryClient();
  const can = useCan([
    { verb: "update", resource: "console/tenant", tenant: tenant.name },
    // Which clusters a tenant may use is the platform's decision.
    { verb: "update", resource: "console/tenants" },
  ]);
  const [mayEdit, mayEditClusters] = can.allowed;
  const clusters = useQuery({ ...clustersQuery(), enabled: mayEditClusters });
  const host = clusters.data?.items.find((c) => c.isHost)?.name;
  // Acknowledged when it was given; only a newly given host needs it again.
  const hostGranted = !!host && tenant.clusters.includes(host);
  const toBody = (v: Values): UpdateTenantBody => {
    const hostChosen = !!host && v.clusters.includes(host);
    return {
      displayName: v.displayName.trim(),
      description: v.description.trim(),
      ...(mayEditClusters
        ? { clusters: v.clusters, podSecurity: v.podSecurity, ...(hostChosen && !hostGranted ? { acknowledgeHostCluster: v.acknowledgeHostCluster } : {}) }
        : {}),
    };
  };
  // A snapshot when the tab opened: a refetch must not overwrite what is being typed.
  const form = useCheckedForm<Values>(
    { displayName: tenant.displayName, description: tenant.description, clusters: tenant.clusters, podSecurity: tenant.podSecurity, acknowledgeHostCluster: false },
    (v, submit) => {
      if (!submit) return {};
      if (mayEditClusters && !!host && v.clusters.includes(host) && !hostGranted && !v.acknowledgeHostCluster)
        return { acknowledgeHostCluster: tt("hostCluster.required") };
      return schemaErrors(updateTenantBodySchema, toBody(v), target);
    },
  );
  const chosen = useWatch({ control: form.control, name: "clusters" });
  const hostChosen = !!host && chosen.includes(host);
  const [saved, setSaved] = useSavedFlag(form);

  const update = useMutation({
    mutationFn: (body: UpdateTenantBody) => updateTenant(tenant.name, body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: accessKey }), qc.invalidateQueries({ queryKey: projectsKey })]),
  });

  const onSubmit = (v: Values) => {
    if (!mayEdit) return;
    setSaved(false);
    update.mutate(toBody(v), {
      onSuccess: () => setSaved(true),
      onError: (err) => showServerErrors(form, err, target),
    });
  };

  const pending = update.isPending;
  const readOnly = !mayEdit;
  return (
    <section aria-labelledby="tenant-settings-heading" className="max-w-2xl space-y-4">
      <div>
        <h2 id="tenant-settings-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        {!can.pending && readOnly && <p className="text-sm text-slate-500 dark:text-slate-400">{t("readOnly")}</p>}
      </div>
      <Form
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        failed={t("failed")}
        actions={mayEdit && <SaveBar pending={pending} saved={saved ? t("saved") : undefined} />}
      >
        <fieldset disabled={readOnly || can.pending} className="space-y-4">
          <TextField name="displayName" label={t("displayName")} />
          <TextField name="description" label={t("description")} rows={3} />
        </fieldset>
        {mayEditClusters ? (
          <TenantClustersField legend={t("clusters")} hint={t("clustersHint")} noClusters={t("noClusters")} />
        ) : (
          <div className="space-y-1">
            <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("clusters")}</p>
            <p className="flex flex-wrap gap-1">
              {tenant.clusters.length ? tenant.clusters.map((c) => <Badge key={c}>{c}</Badge>) : <span className="text-sm text-slate-400">{t("noClusters")}</span>}
            </p>
            {!can.pending && <p className="text-xs text-slate-500 dark:text-slate-400">{t("clustersPlatformOnly")}</p>}
          </div>
        )}
        {mayEditClusters && hostChosen && <HostClusterFormField host={host} granted={hostGranted} />}
        {mayEditClusters ? <PodSecurityFormField /> : !can.pending && <PodSecurityText value={tenant.podSecurity} />}
      </Form>
    </section>
  );
}

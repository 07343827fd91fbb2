"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { type FormErrors, focusFirstInvalid, routeErrors, without } from "@/components/ui/form-errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Badge } from "@/components/ui/status-badge";
import { ErrorState } from "@/components/ui/states";
import { type Tenant, type UpdateTenantBody, accessKey, projectsKey, updateTenant } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { clustersQuery } from "@/lib/clusters/queries";
import { MultiSelect } from "@/components/ui/multi-select";
import { HostClusterNotice, PodSecurityField, PodSecurityText } from "./tenant-guard-fields";

const target = (field: string) => {
  const top = field.split(".")[0];
  return ["displayName", "description", "clusters", "podSecurity", "acknowledgeHostCluster"].includes(top) ? top : undefined;
};

/** Display name and description (tenant admins); the clusters the tenant may use and its Pod Security level (platform admins). */
export function TenantSettings({ tenant }: { tenant: Tenant }) {
  const t = useTranslations("access.settings");
  const tt = useTranslations("access.tenants");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const can = useCan([
    { verb: "update", resource: "console/tenant", tenant: tenant.name },
    // Which clusters a tenant may use is the platform's decision.
    { verb: "update", resource: "console/tenants" },
  ]);
  const [mayEdit, mayEditClusters] = can.allowed;
  const clusters = useQuery({ ...clustersQuery(), enabled: mayEditClusters });
  // A snapshot when the tab opened: a refetch must not overwrite what is being typed.
  const [displayName, setDisplayName] = useState(tenant.displayName);
  const [description, setDescription] = useState(tenant.description);
  const [chosen, setChosen] = useState(tenant.clusters);
  const [podSecurity, setPodSecurity] = useState(tenant.podSecurity);
  const [hostAcknowledged, setHostAcknowledged] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState(false);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick) focusFirstInvalid(formRef.current);
  }, [focusTick]);

  const update = useMutation({
    mutationFn: (body: UpdateTenantBody) => updateTenant(tenant.name, body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: accessKey }), qc.invalidateQueries({ queryKey: projectsKey })]),
  });

  const clear = (field: string) => {
    setSaved(false);
    setErrors((e) => without(e, field));
  };

  const host = clusters.data?.items.find((c) => c.isHost)?.name;
  const hostChosen = !!host && chosen.includes(host);
  // Acknowledged when it was given; only a newly given host needs it again.
  const hostGranted = !!host && tenant.clusters.includes(host);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!mayEdit) return;
    setSaved(false);
    if (mayEditClusters && hostChosen && !hostGranted && !hostAcknowledged) {
      setErrors({ acknowledgeHostCluster: tt("hostCluster.required") });
      setFocusTick((n) => n + 1);
      return;
    }
    setErrors({});
    update.mutate(
      {
        displayName: displayName.trim(),
        description: description.trim(),
        ...(mayEditClusters ? { clusters: chosen, podSecurity, ...(hostChosen && !hostGranted ? { acknowledgeHostCluster: hostAcknowledged } : {}) } : {}),
      },
      {
        onSuccess: () => setSaved(true),
        onError: (err) => {
          setErrors(routeErrors(err, target));
          setFocusTick((n) => n + 1);
        },
      },
    );
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
      {errors._ && <ErrorState title={t("failed")} message={errors._} />}
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
        <fieldset disabled={pending || readOnly || can.pending} className="space-y-4">
          <Field label={t("displayName")} error={errors.displayName}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={displayName}
                onChange={(e) => {
                  setDisplayName(e.target.value);
                  clear("displayName");
                }}
                autoComplete="off"
                className={inputClass}
              />
            )}
          </Field>
          <Field label={t("description")} error={errors.description}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={description}
                onChange={(e) => {
                  setDescription(e.target.value);
                  clear("description");
                }}
                className={inputClass}
              />
            )}
          </Field>
        </fieldset>
        {mayEditClusters ? (
          <MultiSelect
            legend={t("clusters")}
            hint={t("clustersHint")}
            options={(clusters.data?.items ?? []).map((c) => ({ value: c.name, label: c.displayName, detail: c.name }))}
            selected={chosen}
            onChange={(v) => {
              setChosen(v);
              clear("clusters");
            }}
            loading={clusters.isPending}
            empty={clusters.isError ? clusters.error.message : t("noClusters")}
            error={errors.clusters}
            disabled={pending}
          />
        ) : (
          <div className="space-y-1">
            <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("clusters")}</p>
            <p className="flex flex-wrap gap-1">
              {tenant.clusters.length ? tenant.clusters.map((c) => <Badge key={c}>{c}</Badge>) : <span className="text-sm text-slate-400">{t("noClusters")}</span>}
            </p>
            {!can.pending && <p className="text-xs text-slate-500 dark:text-slate-400">{t("clustersPlatformOnly")}</p>}
          </div>
        )}
        {mayEditClusters && hostChosen && (
          <HostClusterNotice
            host={host}
            acknowledged={hostAcknowledged}
            granted={hostGranted}
            onChange={(v) => {
              setHostAcknowledged(v);
              clear("acknowledgeHostCluster");
              clear("clusters");
            }}
            error={errors.acknowledgeHostCluster}
            disabled={pending}
          />
        )}
        {mayEditClusters ? (
          <PodSecurityField
            value={podSecurity}
            onChange={(v) => {
              setPodSecurity(v);
              clear("podSecurity");
            }}
            error={errors.podSecurity}
            disabled={pending}
          />
        ) : (
          !can.pending && <PodSecurityText value={tenant.podSecurity} />
        )}
        {mayEdit && (
          <div className="flex items-center gap-3">
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? tc("saving") : tc("save")}
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

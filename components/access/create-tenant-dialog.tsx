"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { type FormErrors, focusFirstInvalid, routeErrors, without } from "@/components/ui/form-errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { type CreateTenantBody, accessKey, createTenant, usersQuery } from "@/lib/access/queries";
import { ApiClientError } from "@/lib/client/api";
import { clustersQuery } from "@/lib/clusters/queries";
import type { PodSecurityLevel } from "@/lib/validations/tenancy";
import { TENANT_NAME_MAX, dnsLabelError } from "./access-form-model";
import { MultiSelect } from "@/components/ui/multi-select";
import { HostClusterNotice, PodSecurityField } from "./tenant-guard-fields";

export function CreateTenantDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("access.tenants.create");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} wide>
      {open && <CreateTenantForm onDone={onClose} />}
    </Dialog>
  );
}

/** Server field → the input that shows it ("clusters.0" → "clusters"). */
const target = (field: string) => {
  const top = field.split(".")[0];
  return ["name", "displayName", "description", "clusters", "managers", "podSecurity", "acknowledgeHostCluster"].includes(top) ? top : undefined;
};

function CreateTenantForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("access.tenants");
  const tf = useTranslations("access.form");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const clusters = useQuery(clustersQuery());
  const users = useQuery(usersQuery());
  const [name, setName] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [description, setDescription] = useState("");
  const [chosenClusters, setChosenClusters] = useState<string[]>([]);
  const [managers, setManagers] = useState<string[]>([]);
  const [podSecurity, setPodSecurity] = useState<PodSecurityLevel>("baseline");
  const [hostAcknowledged, setHostAcknowledged] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({});
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick) focusFirstInvalid(formRef.current);
  }, [focusTick]);

  const create = useMutation({
    mutationFn: (body: CreateTenantBody) => createTenant(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKey }),
  });

  const liveName = dnsLabelError(name, false, TENANT_NAME_MAX);
  const errorText = (field: string) => (field === "name" && liveName ? tf(liveName, { max: TENANT_NAME_MAX }) : errors[field]);
  const clear = (field: string) => setErrors((e) => without(e, field));

  const host = clusters.data?.items.find((c) => c.isHost)?.name;
  const hostChosen = !!host && chosenClusters.includes(host);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const required = dnsLabelError(name, true, TENANT_NAME_MAX);
    const invalid: FormErrors = {};
    if (required) invalid.name = tf(required, { max: TENANT_NAME_MAX });
    if (hostChosen && !hostAcknowledged) invalid.acknowledgeHostCluster = t("hostCluster.required");
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      setFocusTick((n) => n + 1);
      return;
    }
    setErrors({});
    create.mutate(
      {
        name: name.trim(),
        displayName: displayName.trim() || undefined,
        description: description.trim() || undefined,
        clusters: chosenClusters,
        managers: managers.length ? managers : undefined,
        podSecurity,
        ...(hostChosen ? { acknowledgeHostCluster: hostAcknowledged } : {}),
      },
      {
        onSuccess: () => onDone(),
        onError: (err) => {
          const out = routeErrors(err, target);
          if (err instanceof ApiClientError && err.status === 409 && !err.fields.name) out.name = t("create.nameTaken", { name: name.trim() });
          setErrors(out);
          setFocusTick((n) => n + 1);
        },
      },
    );
  };

  const pending = create.isPending;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {errors._ && <ErrorState title={t("create.failed")} message={errors._} />}
      <fieldset disabled={pending} className="grid gap-6 md:grid-cols-2">
        <div className="space-y-4">
          <Field label={t("form.name")} hint={t("form.nameHint", { max: TENANT_NAME_MAX })} error={errorText("name")}>
            {(p) => (
              <input
                {...p}
                ref={dialogAutoFocus}
                type="text"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  clear("name");
                }}
                required
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                className={`${inputClass} font-mono`}
              />
            )}
          </Field>
          <Field label={t("form.displayName")} hint={t("form.displayNameHint")} error={errorText("displayName")}>
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
          <Field label={t("form.description")} error={errorText("description")}>
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
        </div>
        <div className="space-y-4">
          <MultiSelect
            legend={t("form.clusters")}
            hint={t("form.clustersHint")}
            options={(clusters.data?.items ?? []).map((c) => ({ value: c.name, label: c.displayName, detail: c.name }))}
            selected={chosenClusters}
            onChange={(v) => {
              setChosenClusters(v);
              clear("clusters");
            }}
            loading={clusters.isPending}
            empty={clusters.isError ? clusters.error.message : t("form.noClusters")}
            error={errorText("clusters")}
          />
          {hostChosen && (
            <HostClusterNotice
              host={host}
              acknowledged={hostAcknowledged}
              onChange={(v) => {
                setHostAcknowledged(v);
                clear("acknowledgeHostCluster");
                clear("clusters");
              }}
              error={errorText("acknowledgeHostCluster")}
            />
          )}
          <PodSecurityField
            value={podSecurity}
            onChange={(v) => {
              setPodSecurity(v);
              clear("podSecurity");
            }}
            error={errorText("podSecurity")}
          />
          <MultiSelect
            legend={t("form.managers")}
            hint={t("form.managersHint")}
            options={(users.data?.items ?? []).map((u) => ({ value: u.name, label: u.displayName || u.username, detail: u.username }))}
            selected={managers}
            onChange={(v) => {
              setManagers(v);
              clear("managers");
            }}
            loading={users.isPending}
            empty={users.isError ? users.error.message : t("form.noUsers")}
            error={errorText("managers")}
          />
        </div>
      </fieldset>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onDone}>{tc("cancel")}</Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? t("create.submitting") : t("create.submit")}
        </Button>
      </div>
    </form>
  );
}

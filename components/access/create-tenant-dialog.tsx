"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm, MultiSelectField, TextField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { type FormErrors, conflictOn, sameName, schemaErrors } from "@/components/ui/form-errors";
import { type CreateTenantBody, accessKey, createTenant, usersQuery } from "@/lib/access/queries";
import { clustersQuery } from "@/lib/clusters/queries";
import { createTenantBodySchema } from "@/lib/validations/tenancy";
import { TENANT_NAME_MAX, dnsLabelError } from "./access-form-model";
import { HostClusterFormField, PodSecurityFormField, TenantClustersField } from "./tenant-guard-fields";

export function CreateTenantDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("access.tenants.create");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} wide>
      {open && <CreateTenantForm onDone={onClose} />}
    </Dialog>
  );
}

/** Server field → the input that shows it ("clusters.0" → "clusters"). */
const target = sameName(["name", "displayName", "description", "clusters", "managers", "podSecurity", "acknowledgeHostCluster"]);

// The form holds every field the API takes.
type Values = Required<CreateTenantBody>;

function toBody(v: Values, hostChosen: boolean): CreateTenantBody {
  return {
    name: v.name.trim(),
    displayName: v.displayName.trim() || undefined,
    description: v.description.trim() || undefined,
    clusters: v.clusters,
    managers: v.managers.length ? v.managers : undefined,
    podSecurity: v.podSecurity,
    ...(hostChosen ? { acknowledgeHostCluster: v.acknowledgeHostCluster } : {}),
  };
}

function CreateTenantForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("access.tenants");
  const tf = useTranslations("access.form");
  const qc = useQueryClient();
  const clusters = useQuery(clustersQuery());
  const users = useQuery(usersQuery());
  const host = clusters.data?.items.find((c) => c.isHost)?.name;
  const form = useCheckedForm<Values>(
    { name: "", displayName: "", description: "", clusters: [], managers: [], podSecurity: "baseline", acknowledgeHostCluster: false },
    (v, submit) => {
      const out: FormErrors = {};
      const name = dnsLabelError(v.name, submit, TENANT_NAME_MAX);
      if (name) out.name = tf(name, { max: TENANT_NAME_MAX });
      const hostChosen = !!host && v.clusters.includes(host);
      if (submit && hostChosen && !v.acknowledgeHostCluster) out.acknowledgeHostCluster = t("hostCluster.required");
      return Object.keys(out).length || !submit ? out : schemaErrors(createTenantBodySchema, toBody(v, hostChosen), target);
    },
  );
  const chosen = useWatch({ control: form.control, name: "clusters" });
  const hostChosen = !!host && chosen.includes(host);

  const create = useMutation({
    mutationFn: (body: CreateTenantBody) => createTenant(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKey }),
  });

  const onSubmit = (v: Values) =>
    create.mutate(toBody(v, hostChosen), {
      onSuccess: () => onDone(),
      onError: (err) => showServerErrors(form, err, target, conflictOn(err, "name", () => t("create.nameTaken", { name: v.name.trim() }))),
    });

  const pending = create.isPending;
  const text = { failed: t("create.failed"), submit: t("create.submit"), submitting: t("create.submitting") };
  return (
    <DialogForm form={form} onSubmit={onSubmit} pending={pending} onCancel={onDone} text={text} className="grid gap-6 md:grid-cols-2">
      <div className="space-y-4">
        <TextField name="name" label={t("form.name")} hint={t("form.nameHint", { max: TENANT_NAME_MAX })} code required autoFocus />
        <TextField name="displayName" label={t("form.displayName")} hint={t("form.displayNameHint")} />
        <TextField name="description" label={t("form.description")} rows={3} />
      </div>
      <div className="space-y-4">
        <TenantClustersField legend={t("form.clusters")} hint={t("form.clustersHint")} noClusters={t("form.noClusters")} />
        {hostChosen && <HostClusterFormField host={host} />}
        <PodSecurityFormField />
        <MultiSelectField
          name="managers"
          legend={t("form.managers")}
          hint={t("form.managersHint")}
          options={(users.data?.items ?? []).map((u) => ({ value: u.name, label: u.displayName || u.username, detail: u.username }))}
          loading={users.isPending}
          empty={users.isError ? users.error.message : t("form.noUsers")}
        />
      </div>
    </DialogForm>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { type ErrorTarget, type FormErrors, keyRowTarget, schemaErrors } from "@/components/ui/form-errors";
import { apiFetch } from "@/lib/client/api";
import { clustersKey } from "@/lib/clusters/queries";
import { type ClusterView, type UpdateClusterBody, updateClusterBodySchema } from "@/lib/validations/cluster";
import {
  type ClusterMeta,
  labelsFromRows,
  metaErrors,
  prometheusAuthBody,
  prometheusAuthErrors,
  prometheusAuthForm,
  prometheusAuthTarget,
  rowsFromLabels,
} from "./cluster-form-model";
import { ClusterMetaFields } from "./cluster-meta-fields";

export function EditClusterDialog({ cluster, onClose }: { cluster: ClusterView | undefined; onClose: () => void }) {
  const t = useTranslations("clusters.edit");
  return (
    <Dialog open={!!cluster} onClose={onClose} title={t("title", { name: cluster?.displayName ?? "" })}>
      {cluster && <EditClusterForm key={cluster.name} cluster={cluster} onDone={onClose} />}
    </Dialog>
  );
}

function updateBody(meta: ClusterMeta): UpdateClusterBody {
  return {
    displayName: meta.displayName.trim(),
    description: meta.description.trim(),
    // The whole set: labels left out are removed.
    labels: labelsFromRows(meta.labels),
    // "" clears the address.
    prometheusURL: meta.prometheusURL.trim(),
    gatewayURL: meta.gatewayURL.trim(),
    // Left out unless changed: blank credentials keep the stored ones.
    prometheusAuth: prometheusAuthBody(meta.prometheusAuth),
  };
}

const META_FIELDS = new Set(["displayName", "description", "prometheusURL", "gatewayURL"]);

const metaTarget =
  (meta: ClusterMeta): ErrorTarget =>
  (field) =>
    META_FIELDS.has(field) ? field : (prometheusAuthTarget(field) ?? keyRowTarget("labels", field, meta.labels));

function EditClusterForm({ cluster, onDone }: { cluster: ClusterView; onDone: () => void }) {
  const t = useTranslations("clusters");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const translate = (errors: FormErrors) => Object.fromEntries(Object.entries(errors).map(([f, key]) => [f, t(key)]));
  // A snapshot of the cluster when the dialog opened: live updates must not overwrite what is being typed.
  const form = useCheckedForm<ClusterMeta>(
    {
      displayName: cluster.displayName,
      description: cluster.description ?? "",
      labels: rowsFromLabels(cluster.labels),
      prometheusURL: cluster.prometheusURL ?? "",
      gatewayURL: cluster.gatewayURL ?? "",
      // Servers that predate Prometheus credentials do not send the field: treat as none.
      prometheusAuth: prometheusAuthForm(cluster.prometheusAuth ?? "none"),
    },
    (meta, submit) => {
      const out = translate({ ...metaErrors(meta, true), ...(submit ? prometheusAuthErrors(meta.prometheusAuth) : {}) });
      return Object.keys(out).length || !submit ? out : schemaErrors(updateClusterBodySchema, updateBody(meta), metaTarget(meta));
    },
  );

  const update = useMutation({
    mutationFn: (body: UpdateClusterBody) => apiFetch<ClusterView>(`/api/clusters/${encodeURIComponent(cluster.name)}`, { method: "PATCH", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: clustersKey }),
  });

  const onSubmit = (meta: ClusterMeta) =>
    update.mutate(updateBody(meta), {
      onSuccess: () => onDone(),
      onError: (err) => showServerErrors(form, err, metaTarget(meta)),
    });

  const pending = update.isPending;
  const text = { failed: t("edit.failed"), submit: tc("save"), submitting: tc("saving") };
  return (
    <DialogForm form={form} onSubmit={onSubmit} pending={pending} onCancel={onDone} text={text}>
      <p className="text-sm text-slate-500 dark:text-slate-400">{t("edit.intro", { name: cluster.name })}</p>
      <ClusterMetaFields autoFocus />
    </DialogForm>
  );
}

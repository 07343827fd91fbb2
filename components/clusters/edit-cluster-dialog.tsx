"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api";
import { clustersKey } from "@/lib/clusters/queries";
import type { ClusterView } from "@/lib/validations/cluster";
import type { UpdateClusterBody } from "@/lib/validations/cluster";
import {
  type ClusterMeta,
  type FormErrors,
  focusFirstInvalid,
  labelTarget,
  labelsFromRows,
  metaErrors,
  prometheusAuthBody,
  prometheusAuthErrors,
  prometheusAuthForm,
  prometheusAuthTarget,
  routeErrors,
  rowsFromLabels,
  without,
} from "./cluster-form-model";
import { ClusterMetaFields } from "./cluster-meta-fields";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";

export function EditClusterDialog({ cluster, onClose }: { cluster: ClusterView | undefined; onClose: () => void }) {
  const t = useTranslations("clusters.edit");
  return (
    <Dialog open={!!cluster} onClose={onClose} title={t("title", { name: cluster?.displayName ?? "" })}>
      {cluster && <EditClusterForm key={cluster.name} cluster={cluster} onDone={onClose} />}
    </Dialog>
  );
}

function EditClusterForm({ cluster, onDone }: { cluster: ClusterView; onDone: () => void }) {
  const t = useTranslations("clusters");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  // A snapshot of the cluster when the dialog opened: live updates must not overwrite what is being typed.
  const [meta, setMeta] = useState<ClusterMeta>(() => ({
    displayName: cluster.displayName,
    description: cluster.description ?? "",
    labels: rowsFromLabels(cluster.labels),
    prometheusURL: cluster.prometheusURL ?? "",
    // Servers that predate Prometheus credentials do not send the field: treat as none.
    prometheusAuth: prometheusAuthForm(cluster.prometheusAuth ?? "none"),
  }));
  const [errors, setErrors] = useState<FormErrors>({});
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick) focusFirstInvalid(formRef.current);
  }, [focusTick]);

  const update = useMutation({
    mutationFn: (body: UpdateClusterBody) =>
      apiFetch<ClusterView>(`/api/clusters/${encodeURIComponent(cluster.name)}`, { method: "PATCH", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: clustersKey }),
  });

  const live = metaErrors(meta, true);
  const errorText = (field: string) => (live[field] ? t(live[field]) : errors[field]);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const auth = prometheusAuthErrors(meta.prometheusAuth);
    if (Object.keys(live).length || Object.keys(auth).length) {
      setErrors(Object.fromEntries(Object.entries(auth).map(([field, key]) => [field, t(key)])));
      setFocusTick((n) => n + 1);
      return;
    }
    setErrors({});
    update.mutate(
      {
        displayName: meta.displayName.trim(),
        description: meta.description.trim(),
        // The whole set: labels left out are removed.
        labels: labelsFromRows(meta.labels),
        // "" clears the address.
        prometheusURL: meta.prometheusURL.trim(),
        // Left out unless changed: blank credentials keep the stored ones.
        prometheusAuth: prometheusAuthBody(meta.prometheusAuth),
      },
      {
        onSuccess: () => onDone(),
        onError: (err) => {
          setErrors(
            routeErrors(err, (field) =>
              field === "displayName" || field === "description" || field === "prometheusURL"
                ? field
                : (prometheusAuthTarget(field) ?? labelTarget(field, meta.labels)),
            ),
          );
          setFocusTick((n) => n + 1);
        },
      },
    );
  };

  const pending = update.isPending;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {errors._ && <ErrorState title={t("edit.failed")} message={errors._} />}
      <p className="text-sm text-slate-500 dark:text-slate-400">
        {t("edit.intro", { name: cluster.name })}
      </p>
      <fieldset disabled={pending} className="space-y-4">
        <ClusterMetaFields
          value={meta}
          onChange={(patch, fields) => {
            setMeta((m) => ({ ...m, ...patch }));
            setErrors((prev) => without(prev, ...fields));
          }}
          errorText={errorText}
          firstFieldRef={dialogAutoFocus}
        />
      </fieldset>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onDone}>{tc("cancel")}</Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? tc("saving") : tc("save")}
        </Button>
      </div>
    </form>
  );
}

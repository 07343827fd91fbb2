"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useForm, useWatch } from "react-hook-form";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { DialogForm, Form, FormActions, TextField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import type { FormErrors } from "@/components/ui/form-errors";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { kubeWrite } from "@/lib/client/kube";
import { useAge } from "@/lib/client/use-now";
import { restartPatch, scalePatch, selectorString, templateImages, withQuery } from "@/lib/k8s/kinds/common";
import { type DeploymentObject, deploymentPath, deploymentReplicaSets, rollbackPatch, sameTemplate } from "@/lib/k8s/kinds/deployment";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import { type ReplicaSetObject, replicaSetRevision, replicaSetsPath } from "@/lib/k8s/kinds/replicaset";
import { listQuery } from "@/lib/client/list-query";
import type { KubeObject } from "@/lib/k8s/types";

// The forms behind the row and page actions (scale, restart, roll back,
// delete). Loaded when one is first opened: a list page needs only the buttons.

type Obj = KubeObject & { spec?: { replicas?: number } };

function useKindName(info: KindInfo) {
  const tk = useTranslations("workloads.kind");
  return tk(info.kind);
}

type Done = { onDone: () => void };

/** A failed action's message on top of its form: the Kubernetes API names no field of these forms. */
const noField = () => undefined;

export function ScaleForm({ cluster, info, obj, onDone }: { cluster: string; info: KindInfo; obj: Obj } & Done) {
  const t = useTranslations("workloads.actions");
  const current = obj.spec?.replicas ?? 1;
  // Checked on submit: a half-typed number is no error yet.
  const form = useCheckedForm<{ replicas: string }>({ replicas: String(current) }, (v, submit): FormErrors => {
    const n = Number(v.replicas);
    return submit && (v.replicas.trim() === "" || !Number.isInteger(n) || n < 0) ? { replicas: t("replicasInvalid") } : {};
  });
  const run = useMutation({
    mutationFn: (replicas: number) =>
      kubeWrite(cluster, `${info.objectPath(obj.metadata.namespace ?? "", obj.metadata.name ?? "")}/scale`, { method: "PATCH", body: scalePatch(replicas), patch: "merge" }),
    onSuccess: onDone,
    onError: (err) => showServerErrors(form, err, noField),
  });
  return (
    <DialogForm
      form={form}
      onSubmit={(v) => run.mutate(Number(v.replicas))}
      pending={run.isPending}
      onCancel={onDone}
      text={{ failed: t("scaleFailed"), submit: t("scale"), submitting: t("scaling") }}
    >
      <TextField name="replicas" label={t("replicas")} hint={t("replicasNow", { count: current })} autoFocus type="number" min={0} step={1} inputMode="numeric" className="max-w-[10rem]" />
    </DialogForm>
  );
}

export function RestartForm({ cluster, info, obj, onDone }: { cluster: string; info: KindInfo; obj: Obj } & Done) {
  const t = useTranslations("workloads.actions");
  const form = useForm();
  const run = useMutation({
    mutationFn: () => kubeWrite(cluster, info.objectPath(obj.metadata.namespace ?? "", obj.metadata.name ?? ""), { method: "PATCH", body: restartPatch(), patch: "merge" }),
    onSuccess: onDone,
    onError: (err) => showServerErrors(form, err, noField),
  });
  return (
    <Form
      form={form}
      onSubmit={() => run.mutate()}
      pending={run.isPending}
      failed={t("restartFailed")}
      // A confirmation without fields: Cancel has the focus.
      actions={<FormActions onCancel={onDone} submit={t("restart")} submitting={t("restarting")} pending={run.isPending} focusCancel />}
    >
      <p className="text-sm">{t("restartBody", { name: obj.metadata.name ?? "" })}</p>
    </Form>
  );
}

export function RollbackForm({ cluster, deployment, onDone }: { cluster: string; deployment: DeploymentObject } & Done) {
  const t = useTranslations("workloads.actions");
  const tc = useTranslations("common");
  const age = useAge();
  const id = useId();
  const ns = deployment.metadata.namespace ?? "";
  const path = withQuery(replicaSetsPath(ns), { labelSelector: selectorString(deployment.spec?.selector) });
  const q = useQuery({ ...listQuery<ReplicaSetObject>(cluster, path), staleTime: 0 });
  const form = useForm<{ revision: string }>({ defaultValues: { revision: "" } });
  const picked = useWatch({ control: form.control, name: "revision" });
  const run = useMutation({
    mutationFn: (rs: ReplicaSetObject) => {
      const p = rollbackPatch(deployment, rs);
      return kubeWrite(cluster, deploymentPath(ns, deployment.metadata.name ?? ""), {
        method: "PATCH",
        body: p.body,
        patch: "json",
      });
    },
    onSuccess: onDone,
    onError: (err) => showServerErrors(form, err, noField),
  });
  if (q.isPending) return <LoadingState label={tc("loading")} />;
  if (q.isError) return <ErrorState title={t("revisionsFailed")} message={q.error.message} />;
  const revisions = deploymentReplicaSets(deployment, q.data.items);
  const candidates = revisions.filter((rs) => !sameTemplate(rs.spec?.template, deployment.spec?.template));
  const chosen = revisions.find((rs) => rs.metadata.name === picked);
  const paused = deployment.spec?.paused === true;
  const radio = form.register("revision");
  return (
    <DialogForm
      form={form}
      onSubmit={() => {
        if (chosen && !paused) run.mutate(chosen);
      }}
      pending={run.isPending}
      onCancel={onDone}
      text={{ failed: t("rollbackFailed"), submit: t("rollback"), submitting: t("rollingBack") }}
      submitOff={!chosen || paused}
    >
      {paused && (
        <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
          {t("rollbackPaused")}
        </p>
      )}
      {candidates.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("noRevisions")}</p>
      ) : (
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm font-medium">{t("pickRevision")}</legend>
          {revisions.map((rs) => {
            const current = sameTemplate(rs.spec?.template, deployment.spec?.template);
            const rid = `${id}-${rs.metadata.name}`;
            return (
              <div key={rs.metadata.uid ?? rs.metadata.name} className="flex items-start gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <input
                  id={rid}
                  type="radio"
                  value={rs.metadata.name}
                  disabled={current}
                  {...radio}
                  ref={(el) => {
                    radio.ref(el);
                    if (!current && candidates[0] === rs) dialogAutoFocus(el);
                  }}
                  className="mt-1"
                />
                <label htmlFor={rid} className="min-w-0 flex-1 text-sm">
                  <span className="font-medium">{t("revision", { revision: replicaSetRevision(rs) })}</span>
                  {current && <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-400">{t("currentRevision")}</span>}
                  <span className="ml-2 text-xs text-slate-500">{t("createdAgo", { age: age(rs.metadata.creationTimestamp) })}</span>
                  <span className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400">{templateImages(rs.spec?.template).join(", ")}</span>
                  <span className="block font-mono text-xs text-slate-400">{rs.metadata.name}</span>
                </label>
              </div>
            );
          })}
        </fieldset>
      )}
    </DialogForm>
  );
}

export function DeleteForm({ cluster, info, obj, onCancel, onDone }: { cluster: string; info: KindInfo; obj: KubeObject; onCancel: () => void } & Done) {
  const t = useTranslations("workloads.actions");
  const kind = useKindName(info);
  const name = obj.metadata.name ?? "";
  const form = useForm<{ typed: string }>({ defaultValues: { typed: "" } });
  const typed = useWatch({ control: form.control, name: "typed" });
  const run = useMutation({
    // Background propagation: the Job API would otherwise orphan a job's pods.
    mutationFn: () => kubeWrite(cluster, withQuery(info.objectPath(obj.metadata.namespace ?? "", name), { propagationPolicy: "Background" }), { method: "DELETE" }),
    onSuccess: onDone,
    onError: (e) => {
      // Gone already: what the user wanted.
      if (e instanceof ApiClientError && e.status === 404) onDone();
      else showServerErrors(form, e, noField);
    },
  });
  const confirmed = typed.trim() === name;
  return (
    <DialogForm
      form={form}
      onSubmit={() => {
        if (confirmed) run.mutate();
      }}
      pending={run.isPending}
      onCancel={onCancel}
      text={{ failed: t("deleteFailed"), submit: t("delete"), submitting: t("deleting") }}
      danger
      submitOff={!confirmed}
    >
      <p className="text-sm">{info.slug === "jobs" ? t("deleteJobBody", { name }) : t("deleteBody", { kind, name })}</p>
      <TextField name="typed" label={t("typeName", { name })} code autoFocus />
    </DialogForm>
  );
}

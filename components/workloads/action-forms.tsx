"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmNameInput } from "@/components/ui/confirm-name-input";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { kubeWrite } from "@/lib/client/kube";
import { formatAge } from "@/lib/format";
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

function DialogButtons({ pending, submit, submitting, onCancel, danger, disabled }: { pending: boolean; submit: string; submitting: string; onCancel: () => void; danger?: boolean; disabled?: boolean }) {
  const tc = useTranslations("common");
  return (
    <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
      <Button onClick={onCancel}>{tc("cancel")}</Button>
      <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending || disabled}>
        {pending ? submitting : submit}
      </Button>
    </div>
  );
}

export function ScaleForm({ cluster, info, obj, onDone }: { cluster: string; info: KindInfo; obj: Obj; onDone: () => void }) {
  const t = useTranslations("workloads.actions");
  const current = obj.spec?.replicas ?? 1;
  const [value, setValue] = useState(String(current));
  const [invalid, setInvalid] = useState<string>();
  const run = useMutation({
    mutationFn: (replicas: number) =>
      kubeWrite(cluster, `${info.objectPath(obj.metadata.namespace ?? "", obj.metadata.name ?? "")}/scale`, { method: "PATCH", body: scalePatch(replicas), patch: "merge" }),
    onSuccess: onDone,
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(value);
    if (value.trim() === "" || !Number.isInteger(n) || n < 0) {
      setInvalid(t("replicasInvalid"));
      return;
    }
    setInvalid(undefined);
    run.mutate(n);
  };
  return (
    <form onSubmit={submit} className="space-y-4" aria-busy={run.isPending} noValidate>
      {run.isError && <ErrorState title={t("scaleFailed")} message={run.error.message} />}
      <Field label={t("replicas")} hint={t("replicasNow", { count: current })} error={invalid}>
        {(p) => (
          <input {...p} ref={dialogAutoFocus} type="number" min={0} step={1} inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} className={`${inputClass} max-w-[10rem]`} />
        )}
      </Field>
      <DialogButtons pending={run.isPending} submit={t("scale")} submitting={t("scaling")} onCancel={onDone} />
    </form>
  );
}

export function RestartForm({ cluster, info, obj, onDone }: { cluster: string; info: KindInfo; obj: Obj; onDone: () => void }) {
  const t = useTranslations("workloads.actions");
  const tc = useTranslations("common");
  const run = useMutation({
    mutationFn: () => kubeWrite(cluster, info.objectPath(obj.metadata.namespace ?? "", obj.metadata.name ?? ""), { method: "PATCH", body: restartPatch(), patch: "merge" }),
    onSuccess: onDone,
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate();
      }}
      className="space-y-4"
      aria-busy={run.isPending}
    >
      {run.isError && <ErrorState title={t("restartFailed")} message={run.error.message} />}
      <p className="text-sm">{t("restartBody", { name: obj.metadata.name ?? "" })}</p>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button ref={dialogAutoFocus} onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" variant="primary" disabled={run.isPending}>
          {run.isPending ? t("restarting") : t("restart")}
        </Button>
      </div>
    </form>
  );
}

export function RollbackForm({ cluster, deployment, onDone }: { cluster: string; deployment: DeploymentObject; onDone: () => void }) {
  const t = useTranslations("workloads.actions");
  const tc = useTranslations("common");
  const id = useId();
  const ns = deployment.metadata.namespace ?? "";
  const path = withQuery(replicaSetsPath(ns), { labelSelector: selectorString(deployment.spec?.selector) });
  const q = useQuery({ ...listQuery<ReplicaSetObject>(cluster, path), staleTime: 0 });
  const [picked, setPicked] = useState<string>();
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
  });
  if (q.isPending) return <LoadingState label={tc("loading")} />;
  if (q.isError) return <ErrorState title={t("revisionsFailed")} message={q.error.message} />;
  const revisions = deploymentReplicaSets(deployment, q.data.items);
  const candidates = revisions.filter((rs) => !sameTemplate(rs.spec?.template, deployment.spec?.template));
  const chosen = revisions.find((rs) => rs.metadata.name === picked);
  const paused = deployment.spec?.paused === true;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen && !paused) run.mutate(chosen);
      }}
      className="space-y-4"
      aria-busy={run.isPending}
    >
      {run.isError && <ErrorState title={t("rollbackFailed")} message={run.error.message} />}
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
                  ref={!current && candidates[0] === rs ? dialogAutoFocus : undefined}
                  type="radio"
                  name={`${id}-revision`}
                  value={rs.metadata.name}
                  disabled={current}
                  checked={picked === rs.metadata.name}
                  onChange={() => setPicked(rs.metadata.name)}
                  className="mt-1"
                />
                <label htmlFor={rid} className="min-w-0 flex-1 text-sm">
                  <span className="font-medium">{t("revision", { revision: replicaSetRevision(rs) })}</span>
                  {current && <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-400">{t("currentRevision")}</span>}
                  <span className="ml-2 text-xs text-slate-500">{t("createdAgo", { age: formatAge(rs.metadata.creationTimestamp) })}</span>
                  <span className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400">{templateImages(rs.spec?.template).join(", ")}</span>
                  <span className="block font-mono text-xs text-slate-400">{rs.metadata.name}</span>
                </label>
              </div>
            );
          })}
        </fieldset>
      )}
      <DialogButtons pending={run.isPending} submit={t("rollback")} submitting={t("rollingBack")} onCancel={onDone} disabled={!chosen || paused} />
    </form>
  );
}

export function DeleteForm({ cluster, info, obj, onCancel, onDone }: { cluster: string; info: KindInfo; obj: KubeObject; onCancel: () => void; onDone: () => void }) {
  const t = useTranslations("workloads.actions");
  const kind = useKindName(info);
  const name = obj.metadata.name ?? "";
  const [typed, setTyped] = useState("");
  const run = useMutation({
    // Background propagation: the Job API would otherwise orphan a job's pods.
    mutationFn: () => kubeWrite(cluster, withQuery(info.objectPath(obj.metadata.namespace ?? "", name), { propagationPolicy: "Background" }), { method: "DELETE" }),
    onSuccess: onDone,
    onError: (e) => {
      // Gone already: what the user wanted.
      if (e instanceof ApiClientError && e.status === 404) onDone();
    },
  });
  const confirmed = typed.trim() === name;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (confirmed) run.mutate();
      }}
      className="space-y-4"
      aria-busy={run.isPending}
    >
      {run.isError && <ErrorState title={t("deleteFailed")} message={run.error.message} />}
      <p className="text-sm">{info.slug === "jobs" ? t("deleteJobBody", { name }) : t("deleteBody", { kind, name })}</p>
      <ConfirmNameInput label={t("typeName", { name })} value={typed} onChange={setTyped} />
      <DialogButtons pending={run.isPending} submit={t("delete")} submitting={t("deleting")} onCancel={onCancel} danger disabled={!confirmed} />
    </form>
  );
}

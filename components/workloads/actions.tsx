"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { GuardedButton } from "@/components/access/guarded-button";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { formatAge } from "@/lib/format";
import { MERGE_PATCH, restartPatch, scalePatch, selectorString, templateImages, withQuery } from "@/lib/k8s/kinds/common";
import { type CronJobObject, cronJobPath, cronJobSuspended, jobFromCronJob, suspendPatch } from "@/lib/k8s/kinds/cronjob";
import { type DeploymentObject, deploymentPath, deploymentReplicaSets, rollbackPatch, sameTemplate } from "@/lib/k8s/kinds/deployment";
import { jobsPath } from "@/lib/k8s/kinds/job";
import type { KindInfo } from "@/lib/k8s/kinds/registry";
import { type ReplicaSetObject, replicaSetRevision, replicaSetsPath } from "@/lib/k8s/kinds/replicaset";
import { listQuery } from "@/lib/k8s/list-query";
import type { KubeObject } from "@/lib/k8s/types";
import { useK8sWrite } from "./k8s-write";
import type { KindCan } from "./use-kind-can";

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

// ---- scale ----

export function ScaleDialog({ cluster, info, obj, open, onClose }: { cluster: string; info: KindInfo; obj: Obj; open: boolean; onClose: () => void }) {
  const t = useTranslations("workloads.actions");
  const kind = useKindName(info);
  return (
    <Dialog open={open} onClose={onClose} title={t("scaleTitle", { kind, name: obj.metadata.name ?? "" })}>
      {open && <ScaleForm cluster={cluster} info={info} obj={obj} onDone={onClose} />}
    </Dialog>
  );
}

function ScaleForm({ cluster, info, obj, onDone }: { cluster: string; info: KindInfo; obj: Obj; onDone: () => void }) {
  const t = useTranslations("workloads.actions");
  const write = useK8sWrite();
  const current = obj.spec?.replicas ?? 1;
  const [value, setValue] = useState(String(current));
  const [invalid, setInvalid] = useState<string>();
  const run = useMutation({
    mutationFn: (replicas: number) =>
      write(cluster, `${info.objectPath(obj.metadata.namespace ?? "", obj.metadata.name ?? "")}/scale`, { method: "PATCH", body: scalePatch(replicas), contentType: MERGE_PATCH }),
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

// ---- restart ----

export function RestartDialog({ cluster, info, obj, open, onClose }: { cluster: string; info: KindInfo; obj: Obj; open: boolean; onClose: () => void }) {
  const t = useTranslations("workloads.actions");
  const kind = useKindName(info);
  return (
    <Dialog open={open} onClose={onClose} title={t("restartTitle", { kind, name: obj.metadata.name ?? "" })}>
      {open && <RestartForm cluster={cluster} info={info} obj={obj} onDone={onClose} />}
    </Dialog>
  );
}

function RestartForm({ cluster, info, obj, onDone }: { cluster: string; info: KindInfo; obj: Obj; onDone: () => void }) {
  const t = useTranslations("workloads.actions");
  const tc = useTranslations("common");
  const write = useK8sWrite();
  const run = useMutation({
    mutationFn: () => write(cluster, info.objectPath(obj.metadata.namespace ?? "", obj.metadata.name ?? ""), { method: "PATCH", body: restartPatch(), contentType: MERGE_PATCH }),
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

// ---- roll back ----

export function RollbackDialog({ cluster, deployment, open, onClose }: { cluster: string; deployment: DeploymentObject; open: boolean; onClose: () => void }) {
  const t = useTranslations("workloads.actions");
  return (
    <Dialog open={open} onClose={onClose} title={t("rollbackTitle", { name: deployment.metadata.name ?? "" })} wide>
      {open && <RollbackForm cluster={cluster} deployment={deployment} onDone={onClose} />}
    </Dialog>
  );
}

function RollbackForm({ cluster, deployment, onDone }: { cluster: string; deployment: DeploymentObject; onDone: () => void }) {
  const t = useTranslations("workloads.actions");
  const tc = useTranslations("common");
  const id = useId();
  const write = useK8sWrite();
  const ns = deployment.metadata.namespace ?? "";
  const path = withQuery(replicaSetsPath(ns), { labelSelector: selectorString(deployment.spec?.selector) });
  const q = useQuery({ ...listQuery<ReplicaSetObject>(cluster, path), staleTime: 0 });
  const [picked, setPicked] = useState<string>();
  const run = useMutation({
    mutationFn: (rs: ReplicaSetObject) => {
      const p = rollbackPatch(deployment, rs);
      return write(cluster, deploymentPath(ns, deployment.metadata.name ?? ""), {
        method: "PATCH",
        body: p.body,
        contentType: p.contentType,
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

// ---- delete ----

export function DeleteDialog({
  cluster,
  info,
  obj,
  open,
  onClose,
  onDeleted,
}: {
  cluster: string;
  info: KindInfo;
  obj: KubeObject;
  open: boolean;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const t = useTranslations("workloads.actions");
  const kind = useKindName(info);
  return (
    <Dialog open={open} onClose={onClose} title={t("deleteTitle", { kind, name: obj.metadata.name ?? "" })}>
      {open && (
        <DeleteForm
          cluster={cluster}
          info={info}
          obj={obj}
          onCancel={onClose}
          onDone={() => {
            onClose();
            onDeleted?.();
          }}
        />
      )}
    </Dialog>
  );
}

function DeleteForm({ cluster, info, obj, onCancel, onDone }: { cluster: string; info: KindInfo; obj: KubeObject; onCancel: () => void; onDone: () => void }) {
  const t = useTranslations("workloads.actions");
  const kind = useKindName(info);
  const write = useK8sWrite();
  const name = obj.metadata.name ?? "";
  const [typed, setTyped] = useState("");
  const run = useMutation({
    // Background propagation: the Job API would otherwise orphan a job's pods.
    mutationFn: () => write(cluster, withQuery(info.objectPath(obj.metadata.namespace ?? "", name), { propagationPolicy: "Background" }), { method: "DELETE" }),
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
      <Field label={t("typeName", { name })}>
        {(p) => (
          <input
            {...p}
            ref={dialogAutoFocus}
            type="text"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            className={`${inputClass} font-mono`}
          />
        )}
      </Field>
      <DialogButtons pending={run.isPending} submit={t("delete")} submitting={t("deleting")} onCancel={onCancel} danger disabled={!confirmed} />
    </form>
  );
}

// ---- cronjobs ----

function CronJobButtons({ cluster, cronJob, can }: { cluster: string; cronJob: CronJobObject; can: KindCan }) {
  const t = useTranslations("workloads.actions");
  const write = useK8sWrite();
  const ns = cronJob.metadata.namespace ?? "";
  const name = cronJob.metadata.name ?? "";
  const suspended = cronJobSuspended(cronJob);
  const toggle = useMutation({
    mutationFn: () =>
      write(cluster, cronJobPath(ns, name), { method: "PATCH", body: suspendPatch(!suspended), contentType: MERGE_PATCH }),
  });
  const runNow = useMutation({ mutationFn: () => write<KubeObject>(cluster, jobsPath(ns), { method: "POST", body: jobFromCronJob(cronJob) }) });
  const denied = t("denied");
  return (
    <>
      <GuardedButton allowed={can.patch} pending={can.pending} reason={denied} onClick={() => toggle.mutate()} disabled={toggle.isPending} aria-label={`${suspended ? t("resume") : t("suspend")}: ${name}`}>
        {suspended ? t("resume") : t("suspend")}
      </GuardedButton>
      <RunNow can={can} pending={runNow.isPending} onRun={() => runNow.mutate()} name={name} />
      {toggle.isError && (
        <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">
          {t("suspendFailed")}: {toggle.error.message}
        </p>
      )}
      {runNow.isError && (
        <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">
          {t("runFailed")}: {runNow.error.message}
        </p>
      )}
      {runNow.isSuccess && (
        <p role="status" className="basis-full text-sm text-emerald-700 dark:text-emerald-400">
          {t("runStarted", { name: runNow.data.metadata.name ?? "" })}
        </p>
      )}
    </>
  );
}

function RunNow({ can, pending, onRun, name }: { can: KindCan; pending: boolean; onRun: () => void; name: string }) {
  const t = useTranslations("workloads.actions");
  // Creating the job needs create on jobs, not on cronjobs: ask for that.
  return (
    <GuardedButton allowed={can.create} pending={can.pending} reason={t("denied")} onClick={onRun} disabled={pending} aria-label={`${t("runNow")}: ${name}`}>
      {pending ? t("running") : t("runNow")}
    </GuardedButton>
  );
}

// ---- the bar ----

type Open = "scale" | "restart" | "rollback" | "delete" | undefined;

/**
 * The actions on one object, each hidden when the kind has no such action and
 * disabled with the reason when the caller may not. `compact` is for table rows.
 */
export function ObjectActions({
  cluster,
  info,
  obj,
  can,
  jobCan,
  compact,
  onDeleted,
}: {
  cluster: string;
  info: KindInfo;
  obj: KubeObject;
  can: KindCan;
  /** For cronjobs: may the caller create jobs (Run now)? */
  jobCan?: KindCan;
  compact?: boolean;
  onDeleted?: () => void;
}) {
  const t = useTranslations("workloads.actions");
  const [open, setOpen] = useState<Open>();
  const name = obj.metadata.name ?? "";
  const denied = t("denied");
  const cls = compact ? "px-2 py-1 text-xs" : "";
  const variant = compact ? "ghost" : "secondary";
  const close = () => setOpen(undefined);
  return (
    <div className={`flex flex-wrap items-center ${compact ? "gap-0.5" : "gap-2"}`}>
      {info.scalable && (
        <GuardedButton variant={variant} className={cls} allowed={can.scale} pending={can.pending} reason={denied} onClick={() => setOpen("scale")} aria-label={`${t("scale")}: ${name}`}>
          {t("scale")}
        </GuardedButton>
      )}
      {info.restartable && !compact && (
        <GuardedButton variant={variant} className={cls} allowed={can.patch} pending={can.pending} reason={denied} onClick={() => setOpen("restart")} aria-label={`${t("restart")}: ${name}`}>
          {t("restart")}
        </GuardedButton>
      )}
      {info.slug === "deployments" && !compact && (
        <GuardedButton variant={variant} className={cls} allowed={can.patch} pending={can.pending} reason={denied} onClick={() => setOpen("rollback")} aria-label={`${t("rollback")}: ${name}`}>
          {t("rollback")}
        </GuardedButton>
      )}
      {info.slug === "cronjobs" && !compact && <CronJobButtons cluster={cluster} cronJob={obj as CronJobObject} can={{ ...can, create: jobCan?.create ?? false, pending: can.pending || !!jobCan?.pending }} />}
      <GuardedButton
        variant={compact ? "ghost" : "danger"}
        className={`${cls} ${compact ? "text-red-700 dark:text-red-400" : ""}`}
        allowed={can.delete}
        pending={can.pending}
        reason={denied}
        onClick={() => setOpen("delete")}
        aria-label={`${t("delete")}: ${name}`}
      >
        {t("delete")}
      </GuardedButton>
      {info.scalable && <ScaleDialog cluster={cluster} info={info} obj={obj} open={open === "scale"} onClose={close} />}
      {info.restartable && !compact && <RestartDialog cluster={cluster} info={info} obj={obj} open={open === "restart"} onClose={close} />}
      {info.slug === "deployments" && !compact && <RollbackDialog cluster={cluster} deployment={obj as DeploymentObject} open={open === "rollback"} onClose={close} />}
      <DeleteDialog cluster={cluster} info={info} obj={obj} open={open === "delete"} onClose={close} onDeleted={onDeleted} />
    </div>
  );
}

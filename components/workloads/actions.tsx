"use client";

import { useMutation } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Dialog } from "@/components/ui/dialog";
import { Loading } from "@/components/ui/loading";
import { kubeWrite } from "@/lib/client/kube";
import { type CronJobObject, cronJobSuspended, jobFromCronJob, suspendPatch } from "@/lib/k8s/kinds/cronjob";
import type { DeploymentObject } from "@/lib/k8s/kinds/deployment";
import { type KindModule, definedKind } from "@/components/kinds/kind";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import { type KindCan, useKindCan } from "./use-kind-can";

const forms = () => import("./action-forms");
const ScaleForm = dynamic(() => forms().then((m) => m.ScaleForm), { loading: Loading });
const RestartForm = dynamic(() => forms().then((m) => m.RestartForm), { loading: Loading });
const RollbackForm = dynamic(() => forms().then((m) => m.RollbackForm), { loading: Loading });
const DeleteForm = dynamic(() => forms().then((m) => m.DeleteForm), { loading: Loading });

type Obj = KubeObject & { spec?: { replicas?: number } };

function useKindName(info: KindInfo) {
  const tk = useTranslations("workloads.kind");
  return tk(info.kind);
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

// ---- roll back ----

/** A deployment's "Roll back" (to one of its ReplicaSets' revisions), for its page. */
export function RollbackAction({ cluster, obj, can }: { cluster: string; obj: DeploymentObject; can: KindCan }) {
  const t = useTranslations("workloads.actions");
  const [open, setOpen] = useState(false);
  const name = obj.metadata.name ?? "";
  return (
    <>
      <GuardedButton variant="secondary" allowed={can.patch} pending={can.pending} reason={t("denied")} onClick={() => setOpen(true)} aria-label={`${t("rollback")}: ${name}`}>
        {t("rollback")}
      </GuardedButton>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("rollbackTitle", { name })} wide>
        {open && <RollbackForm cluster={cluster} deployment={obj} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
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

// ---- cronjobs ----

/** Suspend or resume a cronjob, and run it now (which needs create on jobs, not on cronjobs: asked for here). */
export function CronJobActions({ cluster, obj: cronJob, kind, can: cronJobCan }: { cluster: string; obj: CronJobObject; kind: KindInfo; can: KindCan }) {
  const t = useTranslations("workloads.actions");
  const jobs = definedKind("jobs");
  const jobCan = useKindCan(cluster, cronJob.metadata.namespace ?? "", jobs);
  const can = { ...cronJobCan, create: jobCan.create, pending: cronJobCan.pending || jobCan.pending };
  const ns = cronJob.metadata.namespace ?? "";
  const name = cronJob.metadata.name ?? "";
  const suspended = cronJobSuspended(cronJob);
  const toggle = useMutation({
    mutationFn: () => kubeWrite(cluster, kind.objectPath(ns, name), { method: "PATCH", body: suspendPatch(!suspended), patch: "merge" }),
  });
  const runNow = useMutation({ mutationFn: () => kubeWrite<KubeObject>(cluster, jobs.listPath(ns), { method: "POST", body: jobFromCronJob(cronJob) }) });
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
  return (
    <GuardedButton allowed={can.create} pending={can.pending} reason={t("denied")} onClick={onRun} disabled={pending} aria-label={`${t("runNow")}: ${name}`}>
      {pending ? t("running") : t("runNow")}
    </GuardedButton>
  );
}

// ---- the bar ----

type Open = "scale" | "restart" | "delete" | undefined;

/**
 * The actions on one object, each hidden when the kind has no such action and
 * disabled with the reason when the caller may not; the kind's own actions
 * (roll back, suspend…) on its page. `compact` is for table rows.
 */
export function ObjectActions({
  cluster,
  info,
  obj,
  can,
  compact,
  onDeleted,
}: {
  cluster: string;
  info: KindInfo & Pick<KindModule, "actions">;
  obj: KubeObject;
  can: KindCan;
  compact?: boolean;
  onDeleted?: () => void;
}) {
  const Extra = compact ? undefined : info.actions;
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
      {Extra && <Extra cluster={cluster} obj={obj} kind={info} can={can} />}
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
      <DeleteDialog cluster={cluster} info={info} obj={obj} open={open === "delete"} onClose={close} onDeleted={onDeleted} />
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { definedKind } from "@/components/kinds/kind";
import { Dialog } from "@/components/ui/dialog";
import { ChoiceField, DialogForm, showServerErrors } from "@/components/ui/form";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Loading } from "@/components/ui/loading";
import { useKindCan, type KindCan } from "@/components/workloads/use-kind-can";
import { kubeWrite } from "@/lib/client/kube";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import type { PipelineObject, PipelineRunObject } from "@/lib/k8s/kinds/pipeline";
import { RUN_STOPS, type RunStop, canStop, stopPatch } from "@/lib/k8s/kinds/pipeline-run";

// The actions of a pipeline's page (start a run) and of a run's page (start it
// again with the same or other params; cancel or stop it while it runs).
// Starting needs create on pipelineruns, asked for here: the page's own
// rights are the pipeline's.

const StartRunForm = dynamic(() => import("./start-run-form").then((m) => m.StartRunForm), { loading: Loading });

type Props<T> = { cluster: string; obj: T; kind: KindInfo; can: KindCan };

function useRunCan(cluster: string, ns: string) {
  return useKindCan(cluster, ns, definedKind("pipelineruns"));
}

export function PipelineActions({ cluster, obj }: Props<PipelineObject>) {
  const t = useTranslations("workloads.pipelines");
  const ta = useTranslations("workloads.actions");
  const ns = obj.metadata.namespace ?? "";
  const name = obj.metadata.name ?? "";
  const can = useRunCan(cluster, ns);
  const [open, setOpen] = useState(false);
  return (
    <>
      <GuardedButton variant="primary" allowed={can.create} pending={can.pending} reason={ta("denied")} onClick={() => setOpen(true)} aria-label={`${t("start")}: ${name}`}>
        {t("start")}
      </GuardedButton>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("startTitle", { name })} wide>
        {open && <StartRunForm cluster={cluster} ns={ns} from={{ pipeline: obj }} onCancel={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

export function PipelineRunActions({ cluster, obj, kind, can }: Props<PipelineRunObject>) {
  const t = useTranslations("workloads.pipelines");
  const ta = useTranslations("workloads.actions");
  const ns = obj.metadata.namespace ?? "";
  const name = obj.metadata.name ?? "";
  const runCan = useRunCan(cluster, ns);
  const [open, setOpen] = useState<"rerun" | "stop">();
  const close = () => setOpen(undefined);
  return (
    <>
      <GuardedButton allowed={runCan.create} pending={runCan.pending} reason={ta("denied")} onClick={() => setOpen("rerun")} aria-label={`${t("rerun")}: ${name}`}>
        {t("rerun")}
      </GuardedButton>
      {canStop(obj) && (
        <GuardedButton variant="danger" allowed={can.patch} pending={can.pending} reason={ta("denied")} onClick={() => setOpen("stop")} aria-label={`${t("stop")}: ${name}`}>
          {t("stop")}
        </GuardedButton>
      )}
      <Dialog open={open === "rerun"} onClose={close} title={t("rerunTitle", { name })} wide>
        {open === "rerun" && <StartRunForm cluster={cluster} ns={ns} from={{ run: obj }} onCancel={close} />}
      </Dialog>
      <Dialog open={open === "stop"} onClose={close} title={t("stopTitle", { name })}>
        {open === "stop" && <StopRunForm cluster={cluster} kind={kind} run={obj} onDone={close} />}
      </Dialog>
    </>
  );
}

function StopRunForm({ cluster, kind, run, onDone }: { cluster: string; kind: KindInfo; run: PipelineRunObject; onDone: () => void }) {
  const t = useTranslations("workloads.pipelines");
  const hasFinally = (run.status?.pipelineSpec?.finally ?? run.spec?.pipelineSpec?.finally ?? []).length > 0;
  const form = useForm<{ how: RunStop }>({ defaultValues: { how: "Cancelled" } });
  const how = useWatch({ control: form.control, name: "how" });
  const stop = useMutation({
    mutationFn: (how: RunStop) => kubeWrite(cluster, kind.objectPath(run.metadata.namespace ?? "", run.metadata.name ?? ""), { method: "PATCH", body: stopPatch(how), patch: "merge" }),
    onSuccess: onDone,
    onError: (err) => showServerErrors(form, err, () => undefined),
  });
  return (
    <DialogForm
      form={form}
      onSubmit={(v) => stop.mutate(v.how)}
      pending={stop.isPending}
      onCancel={onDone}
      danger
      text={{ failed: t("stopFailed"), submit: t("stop"), submitting: t("stopping") }}
    >
      <ChoiceField
        name="how"
        legend={t("stopHow")}
        autoFocus
        options={RUN_STOPS.map((how) => ({ value: how, label: t(`stopOptions.${how}`), off: how !== "Cancelled" && !hasFinally ? t("noFinally") : undefined }))}
      />
      <p className="text-sm text-slate-600 dark:text-slate-300">{t(`stopHints.${how}`)}</p>
    </DialogForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { DialogForm, TextField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import type { FormErrors } from "@/components/ui/form-errors";
import { EmptyState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api";
import { detailHref } from "@/lib/k8s/kinds/kind";
import { type ParamSpec, type PipelineObject, type PipelineRunObject, valueText } from "@/lib/k8s/kinds/pipeline";
import { paramValues, runParamSpecs } from "@/lib/k8s/kinds/pipeline-run";
import type { StartRunAnswer, StartRunBody } from "@/lib/validations/pipeline";
import { type StartFormValues, paramField, startFormParams, startFormValues } from "./start-form-model";

// Start a pipeline, or start a run again: a field per param the pipeline
// declares (its type and description as the hint, its default or the run's
// value filled in). The server checks the params against the pipeline again
// and starts the run as the caller; the new run's page opens.

type From = { pipeline: PipelineObject } | { run: PipelineRunObject };

export function StartRunForm({ cluster, ns, from, onCancel }: { cluster: string; ns: string; from: From; onCancel: () => void }) {
  const t = useTranslations("workloads.pipelines");
  const router = useRouter();
  const specs: ParamSpec[] = "pipeline" in from ? (from.pipeline.spec?.params ?? []) : (runParamSpecs(from.run) ?? []);
  const given = "run" in from ? paramValues(from.run.spec?.params) : {};
  const form = useCheckedForm<StartFormValues>(startFormValues(specs, given), (v, submit): FormErrors => {
    if (!submit) return {};
    const out: FormErrors = {};
    for (const e of startFormParams(specs, v).errors) out[`p.${e.index}`] = e.key === "objectLine" ? t("objectLine", { line: e.line ?? "" }) : t("paramRequired");
    return out;
  });
  const start = useMutation({
    mutationFn: (v: StartFormValues) => {
      const body: StartRunBody = { cluster, namespace: ns, params: startFormParams(specs, v).params };
      if ("pipeline" in from) body.pipeline = from.pipeline.metadata.name;
      else body.rerunOf = from.run.metadata.name;
      return apiFetch<StartRunAnswer>("/api/pipelineruns", { method: "POST", body });
    },
    onSuccess: (r) => router.push(detailHref(r.cluster, r.namespace, "pipelineruns", r.name)),
    onError: (err) => showServerErrors(form, err, (field) => paramField(specs, field)),
  });
  const hint = (s: ParamSpec) => {
    const type = s.type ?? "string";
    const parts = [s.description, t(`paramType.${type}`), s.default !== undefined ? t("paramDefault", { value: valueText(s.default) }) : undefined];
    return parts.filter(Boolean).join(" · ");
  };
  return (
    <DialogForm
      form={form}
      onSubmit={(v) => start.mutate(v)}
      pending={start.isPending}
      onCancel={onCancel}
      text={{ failed: t("startFailed"), submit: t("startSubmit"), submitting: t("starting") }}
    >
      {specs.length === 0 && <EmptyState title={t("noParams")} />}
      {specs.map((s, i) => (
        <TextField key={s.name} name={`p.${i}`} label={s.name} hint={hint(s)} code autoFocus={i === 0} rows={(s.type ?? "string") === "string" ? undefined : 3} data-testid={`param-${s.name}`} />
      ))}
    </DialogForm>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { CheckField, ChoiceField, Form, TextField, useCheckedForm, useFieldError } from "@/components/ui/form";
import { type FormErrors, schemaErrors, withSchemaErrors } from "@/components/ui/form-errors";
import { Select } from "@/components/ui/select";
import { ReviewList, StepActions, StepNav, useFormSteps } from "@/components/ui/steps";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import { clustersKey } from "@/lib/clusters/queries";
import type { ClusterView } from "@/lib/validations/cluster";
import { type CreateClusterBody, createClusterBodySchema } from "@/lib/validations/cluster";
import {
  ADD_CLUSTER_STEPS,
  ADD_CLUSTER_STEP_FIELDS,
  type AddClusterValues,
  NAME_MAX,
  addClusterDefaults,
  addClusterErrors,
  clusterSummary,
  createClusterBody,
  createClusterTarget,
} from "./cluster-form-model";
import { ClusterMetaFields } from "./cluster-meta-fields";
import { useKubeconfigContexts } from "./use-kubeconfig-contexts";

type Contexts = ReturnType<typeof useKubeconfigContexts>;

// The server refuses larger kubeconfigs; say so before uploading.
const MAX_KUBECONFIG_BYTES = 256 * 1024;

export function AddClusterDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("clusters.add");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} wide>
      <AddClusterForm onDone={onClose} />
    </Dialog>
  );
}

/** Basic information → connection → review, one react-hook-form across the steps (Back keeps the values). */
function AddClusterForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("clusters");
  const qc = useQueryClient();
  const kc = useKubeconfigContexts();
  // A kubeconfig whose contexts could not be read fails (the server would refuse it).
  const unread = (v: Pick<AddClusterValues, "source">) => (kc.error && v.source === "kubeconfig" ? kc.error : undefined);

  const form = useCheckedForm<AddClusterValues>(addClusterDefaults(), (v, submit): FormErrors => {
    const own = Object.fromEntries(Object.entries(addClusterErrors(v, submit)).map(([f, key]) => [f, t(key, { max: NAME_MAX })]));
    const kubeconfig = submit ? unread(v) : undefined;
    if (kubeconfig) own.kubeconfig ??= kubeconfig;
    return withSchemaErrors(own, submit, () => schemaErrors(createClusterBodySchema, createClusterBody(v, kc.context), createClusterTarget(v)));
  });

  const create = useMutation({
    mutationFn: (body: CreateClusterBody) => apiFetch<ClusterView>("/api/clusters", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: clustersKey }),
  });
  const root = useRef<HTMLDivElement>(null);
  const wizard = useFormSteps(form, ADD_CLUSTER_STEPS, ADD_CLUSTER_STEP_FIELDS, root);
  const { steps } = wizard;

  const onSubmit = (v: AddClusterValues) =>
    create.mutate(createClusterBody(v, kc.context), {
      onSuccess: () => onDone(),
      onError: (err) => {
        const to = createClusterTarget(v);
        const extra: FormErrors = {};
        if (err instanceof ApiClientError && err.status === 409) {
          if (err.fields.name) extra.name = t("errors.nameTaken", { name: v.name.trim() });
          if (err.fields.kubeconfig) {
            // The server names the registration it matched: "…same cluster as "<name>"…".
            const existing = /"([^"]+)"/.exec(err.fields.kubeconfig)?.[1];
            extra[to("kubeconfig", "")!] = existing ? t("errors.alreadyRegistered", { name: existing }) : err.fields.kubeconfig;
          }
        }
        wizard.showServerErrors(err, to, extra);
      },
    });

  const pending = create.isPending;
  return (
    <div ref={root} className="space-y-4">
      <StepNav
        state={steps}
        name={(s) => t(`add.steps.${s}`)}
        failed={wizard.failed(unread(form.getValues()) ? ["kubeconfig"] : [])}
        disabled={pending}
      />
      <Form
        form={form}
        onSubmit={onSubmit}
        onInvalid={wizard.onInvalid}
        onNext={steps.last ? undefined : () => void wizard.next()}
        failed={t("add.failed")}
        pending={pending}
        actions={<StepActions state={steps} onCancel={onDone} pending={pending} submit={t("add.submit")} submitting={t("add.validating")} />}
      >
        <h3 className="text-base font-semibold">{t(`add.steps.${steps.step}`)}</h3>
        {steps.step === "basic" && <BasicStep />}
        {steps.step === "connection" && <ConnectionStep kc={kc} />}
        {steps.step === "review" && <ReviewStep kc={kc} pending={pending} />}
      </Form>
    </div>
  );
}

/** Name, display name, description, labels, Prometheus, gateway. */
function BasicStep() {
  const t = useTranslations("clusters");
  return (
    <>
      <TextField name="name" label={t("form.name")} hint={t("form.nameHint", { max: NAME_MAX })} code required autoFocus />
      <ClusterMetaFields />
    </>
  );
}

/** How the console reaches the cluster: a kubeconfig, or an address and a token. */
function ConnectionStep({ kc }: { kc: Contexts }) {
  const t = useTranslations("clusters");
  const source = useWatch<AddClusterValues, "source">({ name: "source" });
  return (
    <>
      <ChoiceField name="source" legend={t("add.source")} options={(["kubeconfig", "token"] as const).map((s) => ({ value: s, label: t(`add.source_${s}`) }))} />
      {source === "kubeconfig" ? <KubeconfigSource kc={kc} /> : <TokenSource />}
      <CheckField name="allowInsecure" label={t("add.allowInsecure")} warning={t("add.allowInsecureWarning")} />
    </>
  );
}

/** What will be registered, read-only: never the token or the kubeconfig itself. */
function ReviewStep({ kc, pending }: { kc: Contexts; pending: boolean }) {
  const t = useTranslations("clusters");
  const { getValues } = useFormContext<AddClusterValues>();
  const s = clusterSummary(createClusterBody(getValues(), kc.context), kc.contexts);
  const none = t("add.review.none");
  const rows: [string, string][] = [
    [t("form.name"), s.name],
    [t("form.displayName"), s.displayName ?? "—"],
    [t("form.description"), s.description ?? "—"],
    [t("labels.legend"), s.labels.join(", ") || none],
    [t("add.review.prometheusURL"), s.prometheusURL ?? none],
    [t("add.review.gatewayURL"), s.gatewayURL ?? none],
    [t("add.source"), t(`add.source_${s.source}`)],
  ];
  if (s.source === "kubeconfig") {
    rows.push([t("add.context"), s.context ?? (kc.loading ? t("add.readingContexts") : t("add.review.currentContext"))], [t("add.server"), s.server ?? "—"]);
  } else {
    rows.push(
      [t("add.server"), s.server ?? "—"],
      [t("add.caData"), s.caGiven ? t("add.review.caGiven") : t("add.review.caNone")],
      [t("add.token"), s.tokenGiven ? t("add.review.tokenGiven") : "—"],
    );
  }
  rows.push([t("add.review.tls"), t(`add.review.tls_${s.tls}`)], [t("add.allowInsecure"), s.allowInsecure ? t("add.review.insecureAllowed") : t("add.review.insecureNotAllowed")]);
  return (
    <>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("add.review.intro")}</p>
      <ReviewList rows={rows} />
      {pending && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          {t("add.validatingHint")}
        </p>
      )}
    </>
  );
}

function KubeconfigSource({ kc }: { kc: Contexts }) {
  const t = useTranslations("clusters");
  const { register, setValue, setError, clearErrors } = useFormContext<AddClusterValues>();
  const kubeconfigError = useFieldError("kubeconfig") ?? kc.error;
  const fileError = useFieldError("kubeconfigFile");
  const contextError = useFieldError("context");
  const { ref, ...kubeconfig } = register("kubeconfig", {
    onChange: (e: React.ChangeEvent<HTMLTextAreaElement>) => {
      clearErrors(["kubeconfigFile", "context"] as never);
      kc.check(e.target.value);
    },
  });

  const onFile = (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const fail = (key: string) => setError("kubeconfigFile" as never, { type: "file", message: t(key) });
    if (file.size > MAX_KUBECONFIG_BYTES) return fail("validation.fileTooLarge");
    file
      .text()
      .then((text) => {
        setValue("kubeconfig", text, { shouldValidate: true });
        clearErrors(["kubeconfigFile", "context"] as never);
        kc.check(text);
      })
      .catch(() => fail("validation.fileUnreadable"));
  };

  return (
    <>
      <Field label={t("add.kubeconfig")} hint={t("add.kubeconfigHint")} error={kubeconfigError}>
        {(p) => (
          <textarea
            {...p}
            {...kubeconfig}
            ref={ref}
            rows={10}
            placeholder={t("add.kubeconfigPlaceholder")}
            spellCheck={false}
            autoComplete="off"
            className={`${inputClass} font-mono text-xs`}
          />
        )}
      </Field>
      <Field label={t("add.kubeconfigFile")} error={fileError}>
        {(p) => (
          <input
            {...p}
            type="file"
            onChange={onFile}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50 dark:text-slate-300 dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
          />
        )}
      </Field>
      {kc.loading && (
        <p role="status" className="text-xs text-slate-500 dark:text-slate-400">
          {t("add.readingContexts")}
        </p>
      )}
      {kc.contexts.length > 0 && (
        <Field label={t("add.context")} hint={t("add.contextHint")} error={contextError}>
          {(p) => (
            <Select
              {...p}
              value={kc.context}
              onChange={(e) => {
                kc.setContext(e.target.value);
                // Reachability and credential errors were about the previous context.
                clearErrors(["context", "kubeconfig"] as never);
              }}
              options={kc.contexts.map((c) => ({ value: c.name, label: c.server ? t("add.contextOption", { name: c.name, server: c.server }) : c.name }))}
            />
          )}
        </Field>
      )}
    </>
  );
}

function TokenSource() {
  const t = useTranslations("clusters");
  return (
    <>
      <TextField name="server" type="url" inputMode="url" label={t("add.server")} hint={t("add.serverHint")} placeholder={t("add.serverPlaceholder")} code required />
      <TextField name="caData" label={t("add.caData")} hint={t("add.caDataHint")} placeholder={t("add.caDataPlaceholder")} rows={5} code className="text-xs" />
      <TextField name="token" type="password" label={t("add.token")} hint={t("add.tokenHint")} code required />
      <CheckField name="skipTLS" label={t("add.skipTLS")} hint={t("add.skipTLSHint")} deps={["allowInsecure"]} />
    </>
  );
}

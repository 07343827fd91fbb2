"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { CheckField, ChoiceField, DialogForm, TextField, showServerErrors, useCheckedForm, useFieldError } from "@/components/ui/form";
import { type ErrorTarget, type FormErrors, schemaErrors } from "@/components/ui/form-errors";
import { Select } from "@/components/ui/select";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import { clustersKey } from "@/lib/clusters/queries";
import type { ClusterView } from "@/lib/validations/cluster";
import { type CreateClusterBody, createClusterBodySchema } from "@/lib/validations/cluster";
import { type ClusterMeta, NAME_MAX, caError, labelTarget, labelsFromRows, metaErrors, nameError, newLabelRow, serverURLError } from "./cluster-form-model";
import { ClusterMetaFields } from "./cluster-meta-fields";
import { useKubeconfigContexts } from "./use-kubeconfig-contexts";

type Source = "kubeconfig" | "token";

interface AddClusterValues extends ClusterMeta {
  name: string;
  source: Source;
  kubeconfig: string;
  server: string;
  caData: string;
  token: string;
  skipTLS: boolean;
  allowInsecure: boolean;
}

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

/** Client checks, as message keys: format while typing, presence on submit. */
function checks(v: AddClusterValues, submit: boolean): FormErrors {
  const out: FormErrors = { ...metaErrors(v, false) };
  const put = (field: string, key: string | undefined) => {
    if (key) out[field] = key;
  };
  put("name", nameError(v.name, submit));
  if (v.source === "kubeconfig") {
    put("kubeconfig", submit && !v.kubeconfig.trim() ? "validation.kubeconfigRequired" : undefined);
  } else {
    put("server", serverURLError(v.server, submit));
    put("caData", caError(v.caData));
    put("token", submit && !v.token.trim() ? "validation.tokenRequired" : undefined);
    // The server would refuse it: say so at once.
    put("allowInsecure", v.skipTLS && !v.allowInsecure ? "validation.allowInsecureNeeded" : undefined);
  }
  return out;
}

function createBody(v: AddClusterValues, context: string): CreateClusterBody {
  const common = {
    name: v.name.trim(),
    displayName: v.displayName.trim() || undefined,
    description: v.description.trim() || undefined,
    labels: labelsFromRows(v.labels),
    prometheusURL: v.prometheusURL.trim() || undefined,
    allowInsecure: v.allowInsecure,
  };
  return v.source === "kubeconfig"
    ? { source: v.source, ...common, kubeconfig: v.kubeconfig, context: context || undefined }
    : { source: v.source, ...common, server: v.server.trim(), caData: v.caData.trim() || undefined, token: v.token.trim(), insecureSkipTLSVerify: v.skipTLS };
}

/** Where a field error of the create API is shown in the current mode. */
function target(v: AddClusterValues): ErrorTarget {
  const kube = v.source === "kubeconfig";
  return (field) => {
    switch (field) {
      case "name":
      case "displayName":
      case "description":
      case "prometheusURL":
        return field;
      case "context":
        return kube ? "context" : undefined;
      case "kubeconfig":
      // In token mode this is "the same cluster is already registered".
      case "server":
        return kube ? "kubeconfig" : "server";
      case "ca":
      case "caData":
        return kube ? "kubeconfig" : "caData";
      case "credentials":
      case "token":
        return kube ? "kubeconfig" : "token";
      case "insecureSkipTLSVerify":
        return "allowInsecure";
      default:
        return labelTarget(field, v.labels);
    }
  };
}

function AddClusterForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("clusters");
  const qc = useQueryClient();
  const kc = useKubeconfigContexts();
  const form = useCheckedForm<AddClusterValues>(
    {
      name: "",
      displayName: "",
      description: "",
      labels: [newLabelRow("region"), newLabelRow("env")],
      prometheusURL: "",
      source: "kubeconfig",
      kubeconfig: "",
      server: "",
      caData: "",
      token: "",
      skipTLS: false,
      allowInsecure: false,
    },
    (v, submit) => {
      const own = Object.fromEntries(Object.entries(checks(v, submit)).map(([f, key]) => [f, t(key, { max: NAME_MAX })]));
      return Object.keys(own).length || !submit ? own : schemaErrors(createClusterBodySchema, createBody(v, kc.context), target(v));
    },
  );

  const create = useMutation({
    mutationFn: (body: CreateClusterBody) => apiFetch<ClusterView>("/api/clusters", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: clustersKey }),
  });

  const onSubmit = (v: AddClusterValues) =>
    create.mutate(createBody(v, kc.context), {
      onSuccess: () => onDone(),
      onError: (err) => {
        const to = target(v);
        const extra: FormErrors = {};
        if (err instanceof ApiClientError && err.status === 409) {
          if (err.fields.name) extra.name = t("errors.nameTaken", { name: v.name.trim() });
          if (err.fields.kubeconfig) {
            // The server names the registration it matched: "…same cluster as "<name>"…".
            const existing = /"([^"]+)"/.exec(err.fields.kubeconfig)?.[1];
            extra[to("kubeconfig", "")!] = existing ? t("errors.alreadyRegistered", { name: existing }) : err.fields.kubeconfig;
          }
        }
        showServerErrors(form, err, to, extra);
      },
    });

  const text = { failed: t("add.failed"), submit: t("add.submit"), submitting: t("add.validating"), busy: t("add.validatingHint") };
  return (
    <DialogForm form={form} onSubmit={onSubmit} pending={create.isPending} onCancel={onDone} text={text} className="grid gap-6 md:grid-cols-2">
      <IdentitySection />
      <ConnectionSection kc={kc} />
    </DialogForm>
  );
}

/** Name, display name, description, labels, Prometheus. */
function IdentitySection() {
  const t = useTranslations("clusters");
  return (
    <div className="space-y-4">
      <h3 className="text-sm font-semibold text-slate-600 uppercase dark:text-slate-300">{t("add.identity")}</h3>
      <TextField name="name" label={t("form.name")} hint={t("form.nameHint", { max: NAME_MAX })} code required autoFocus />
      <ClusterMetaFields />
    </div>
  );
}

/** How the console reaches the cluster: a kubeconfig, or an address and a token. */
function ConnectionSection({ kc }: { kc: Contexts }) {
  const t = useTranslations("clusters");
  const source = useWatch<AddClusterValues, "source">({ name: "source" });
  return (
    <div className="space-y-4">
      <h3 className="text-sm font-semibold text-slate-600 uppercase dark:text-slate-300">{t("add.connection")}</h3>
      <ChoiceField name="source" legend={t("add.source")} options={(["kubeconfig", "token"] as const).map((s) => ({ value: s, label: t(`add.source_${s}`) }))} />
      {source === "kubeconfig" ? <KubeconfigSource kc={kc} /> : <TokenSource />}
      <CheckField name="allowInsecure" label={t("add.allowInsecure")} warning={t("add.allowInsecureWarning")} />
    </div>
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

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import { clustersKey } from "@/lib/clusters/queries";
import type { ClusterView } from "@/lib/k8s/clusters";
import type { CreateClusterBody } from "@/lib/validations/cluster";
import { CheckboxField } from "@/components/ui/checkbox-field";
import {
  type ClusterMeta,
  type FormErrors,
  NAME_MAX,
  caError,
  focusFirstInvalid,
  labelTarget,
  labelsFromRows,
  metaErrors,
  nameError,
  newLabelRow,
  routeErrors,
  serverURLError,
  without,
} from "./cluster-form-model";
import { ClusterMetaFields } from "./cluster-meta-fields";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { useKubeconfigContexts } from "./use-kubeconfig-contexts";

type Source = "kubeconfig" | "token";

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

function AddClusterForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("clusters");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);

  const [name, setName] = useState("");
  const [meta, setMeta] = useState<ClusterMeta>(() => ({
    displayName: "",
    description: "",
    labels: [newLabelRow("region"), newLabelRow("env")],
    prometheusURL: "",
  }));
  const [source, setSource] = useState<Source>("kubeconfig");
  const [kubeconfig, setKubeconfig] = useState("");
  const kc = useKubeconfigContexts();
  const [server, setServer] = useState("");
  const [caData, setCaData] = useState("");
  const [token, setToken] = useState("");
  const [skipTLS, setSkipTLS] = useState(false);
  const [allowInsecure, setAllowInsecure] = useState(false);
  // Errors from the last submit (client "required" checks and the server), as text.
  const [errors, setErrors] = useState<FormErrors>({});
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick) focusFirstInvalid(formRef.current);
  }, [focusTick]);

  const create = useMutation({
    mutationFn: (body: CreateClusterBody) => apiFetch<ClusterView>("/api/clusters", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: clustersKey }),
  });

  // As-you-type checks: message keys, shown while the value is wrong.
  const live: FormErrors = { ...metaErrors(meta, false) };
  const nameProblem = nameError(name, false);
  if (nameProblem) live.name = nameProblem;
  if (source === "token") {
    const s = serverURLError(server, false);
    if (s) live.server = s;
    const ca = caError(caData);
    if (ca) live.caData = ca;
    // The server would refuse it: say so at once.
    if (skipTLS && !allowInsecure) live.insecure = "validation.allowInsecureNeeded";
  }
  const errorText = (field: string) => (live[field] ? t(live[field], { max: NAME_MAX }) : errors[field]);
  const clear = (...fields: string[]) => setErrors((prev) => without(prev, ...fields));

  const changeKubeconfig = (text: string) => {
    setKubeconfig(text);
    clear("kubeconfig", "kubeconfigFile", "context");
    kc.check(text);
  };

  const onFile = (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_KUBECONFIG_BYTES) {
      setErrors((prev) => ({ ...prev, kubeconfigFile: t("validation.fileTooLarge") }));
      return;
    }
    file
      .text()
      .then(changeKubeconfig)
      .catch(() => setErrors((prev) => ({ ...prev, kubeconfigFile: t("validation.fileUnreadable") })));
  };

  /** Where a field error of the create API is shown in the current mode. */
  const target = (field: string): string | undefined => {
    switch (field) {
      case "name":
      case "displayName":
      case "description":
      case "prometheusURL":
        return field;
      case "context":
        return source === "kubeconfig" ? "context" : undefined;
      case "kubeconfig":
        // In token mode this is "the same cluster is already registered".
        return source === "kubeconfig" ? "kubeconfig" : "server";
      case "server":
        return source === "kubeconfig" ? "kubeconfig" : "server";
      case "ca":
      case "caData":
        return source === "kubeconfig" ? "kubeconfig" : "caData";
      case "credentials":
      case "token":
        return source === "kubeconfig" ? "kubeconfig" : "token";
      case "insecureSkipTLSVerify":
        return "insecure";
      default:
        return labelTarget(field, meta.labels);
    }
  };

  const routeCreateError = (err: unknown): FormErrors => {
    const out = routeErrors(err, target);
    if (err instanceof ApiClientError && err.status === 409) {
      if (err.fields.name) out.name = t("errors.nameTaken", { name: name.trim() });
      if (err.fields.kubeconfig) {
        // The server names the registration it matched: "…same cluster as "<name>"…".
        const existing = /"([^"]+)"/.exec(err.fields.kubeconfig)?.[1];
        const key = target("kubeconfig")!;
        out[key] = existing ? t("errors.alreadyRegistered", { name: existing }) : err.fields.kubeconfig;
      }
    }
    return out;
  };

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const required: FormErrors = {};
    const req = (field: string, key: string | undefined) => {
      if (key) required[field] = t(key, { max: NAME_MAX });
    };
    req("name", nameError(name, true));
    if (source === "kubeconfig") {
      req("kubeconfig", kubeconfig.trim() ? undefined : "validation.kubeconfigRequired");
    } else {
      req("server", serverURLError(server, true));
      req("token", token.trim() ? undefined : "validation.tokenRequired");
    }
    if (Object.keys(required).length || Object.keys(live).length) {
      setErrors(required);
      setFocusTick((n) => n + 1);
      return;
    }
    const common = {
      name: name.trim(),
      displayName: meta.displayName.trim() || undefined,
      description: meta.description.trim() || undefined,
      labels: labelsFromRows(meta.labels),
      prometheusURL: meta.prometheusURL.trim() || undefined,
      allowInsecure,
    };
    const body: CreateClusterBody =
      source === "kubeconfig"
        ? { source, ...common, kubeconfig, context: kc.context || undefined }
        : { source, ...common, server: server.trim(), caData: caData.trim() || undefined, token: token.trim(), insecureSkipTLSVerify: skipTLS };
    setErrors({});
    create.mutate(body, {
      onSuccess: () => onDone(),
      onError: (err) => {
        setErrors(routeCreateError(err));
        setFocusTick((n) => n + 1);
      },
    });
  };

  const pending = create.isPending;
  const kubeconfigError = errorText("kubeconfig") ?? kc.error;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {errors._ && <ErrorState title={t("add.failed")} message={errors._} />}
      <fieldset disabled={pending} className="grid gap-6 md:grid-cols-2">
        <div className="space-y-4">
          <h3 className="text-sm font-semibold text-slate-600 uppercase dark:text-slate-300">{t("add.identity")}</h3>
          <Field label={t("form.name")} hint={t("form.nameHint", { max: NAME_MAX })} error={errorText("name")}>
            {(p) => (
              <input
                {...p}
                ref={dialogAutoFocus}
                type="text"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  clear("name");
                }}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                required
                className={`${inputClass} font-mono`}
              />
            )}
          </Field>
          <ClusterMetaFields
            value={meta}
            onChange={(patch, fields) => {
              setMeta((m) => ({ ...m, ...patch }));
              clear(...fields);
            }}
            errorText={errorText}
          />
        </div>

        <div className="space-y-4">
          <h3 className="text-sm font-semibold text-slate-600 uppercase dark:text-slate-300">{t("add.connection")}</h3>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t("add.source")}</legend>
            <div className="flex flex-wrap gap-2">
              {(["kubeconfig", "token"] as const).map((s) => (
                <label
                  key={s}
                  className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600 ${
                    source === s
                      ? "border-sky-600 bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
                      : "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-200"
                  }`}
                >
                  <input type="radio" name="source" value={s} checked={source === s} onChange={() => setSource(s)} className="accent-sky-700" />
                  {t(`add.source_${s}`)}
                </label>
              ))}
            </div>
          </fieldset>

          {source === "kubeconfig" ? (
            <>
              <Field label={t("add.kubeconfig")} hint={t("add.kubeconfigHint")} error={kubeconfigError}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={10}
                    value={kubeconfig}
                    onChange={(e) => changeKubeconfig(e.target.value)}
                    placeholder={t("add.kubeconfigPlaceholder")}
                    spellCheck={false}
                    autoComplete="off"
                    className={`${inputClass} font-mono text-xs`}
                  />
                )}
              </Field>
              <Field label={t("add.kubeconfigFile")} error={errors.kubeconfigFile}>
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
                <Field label={t("add.context")} hint={t("add.contextHint")} error={errors.context}>
                  {(p) => (
                    <select
                      {...p}
                      value={kc.context}
                      onChange={(e) => {
                        kc.setContext(e.target.value);
                        // Reachability and credential errors were about the previous context.
                        clear("context", "kubeconfig");
                      }}
                      className={inputClass}
                    >
                      {kc.contexts.map((c) => (
                        <option key={c.name} value={c.name}>
                          {c.server ? t("add.contextOption", { name: c.name, server: c.server }) : c.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            </>
          ) : (
            <>
              <Field label={t("add.server")} hint={t("add.serverHint")} error={errorText("server")}>
                {(p) => (
                  <input
                    {...p}
                    type="url"
                    inputMode="url"
                    value={server}
                    onChange={(e) => {
                      setServer(e.target.value);
                      clear("server");
                    }}
                    placeholder={t("add.serverPlaceholder")}
                    autoComplete="off"
                    spellCheck={false}
                    required
                    className={`${inputClass} font-mono`}
                  />
                )}
              </Field>
              <Field label={t("add.caData")} hint={t("add.caDataHint")} error={errorText("caData")}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={5}
                    value={caData}
                    onChange={(e) => {
                      setCaData(e.target.value);
                      clear("caData");
                    }}
                    placeholder={t("add.caDataPlaceholder")}
                    spellCheck={false}
                    className={`${inputClass} font-mono text-xs`}
                  />
                )}
              </Field>
              <Field label={t("add.token")} hint={t("add.tokenHint")} error={errorText("token")}>
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    value={token}
                    onChange={(e) => {
                      setToken(e.target.value);
                      clear("token");
                    }}
                    autoComplete="off"
                    spellCheck={false}
                    required
                    className={`${inputClass} font-mono`}
                  />
                )}
              </Field>
              <CheckboxField
                label={t("add.skipTLS")}
                hint={t("add.skipTLSHint")}
                checked={skipTLS}
                onChange={(v) => {
                  setSkipTLS(v);
                  clear("insecure");
                }}
              />
            </>
          )}

          <CheckboxField
            label={t("add.allowInsecure")}
            warning={t("add.allowInsecureWarning")}
            error={errorText("insecure")}
            checked={allowInsecure}
            onChange={(v) => {
              setAllowInsecure(v);
              clear("insecure");
            }}
          />
        </div>
      </fieldset>

      {pending && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          {t("add.validatingHint")}
        </p>
      )}
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onDone}>{tc("cancel")}</Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? t("add.validating") : t("add.submit")}
        </Button>
      </div>
    </form>
  );
}

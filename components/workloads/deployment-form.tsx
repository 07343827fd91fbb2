"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { type DeploymentObject, deploymentsPath } from "@/lib/k8s/kinds/deployment";
import {
  type DeploymentForm as FormState,
  type EnvRow,
  type FieldError,
  type FormErrors,
  type PortRow,
  type ProbeName,
  type ProbeState,
  type Resource,
  buildDeployment,
  emptyForm,
  serverFieldErrors,
  validateForm,
} from "./deployment-form-model";
import { ApiClientError } from "@/lib/client/api";
import { kubeWrite } from "@/lib/client/kube";

const sectionClass = "space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700";
const legendClass = "px-1 text-sm font-semibold text-slate-800 dark:text-slate-200";

/**
 * Create a Deployment from a form. Checks each field as it is typed (after
 * the first submit); the API server's refusals are shown as it said them, on
 * the field they concern when it names one.
 */
export function DeploymentForm({
  cluster,
  ns,
  onCreated,
  onCancel,
  onEditYaml,
}: {
  cluster: string;
  ns: string;
  onCreated: (d: DeploymentObject) => void;
  onCancel: () => void;
  /** Continue in the YAML editor with what the form describes. */
  onEditYaml?: (d: DeploymentObject) => void;
}) {
  const t = useTranslations("workloads.form");
  const formRef = useRef<HTMLFormElement>(null);
  const [f, setF] = useState<FormState>(emptyForm);
  const [submitted, setSubmitted] = useState(false);
  // Fields are checked when left (and all of them on submit).
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const touch = (field: string) => setTouched((old) => (old.has(field) ? old : new Set(old).add(field)));
  const [server, setServer] = useState<{ message: string; fields: FormErrors; other: string[] }>();

  const all = validateForm(f);
  const local: FormErrors = submitted ? all : Object.fromEntries(Object.entries(all).filter(([k]) => touched.has(k)));
  const errors: FormErrors = { ...(server?.fields ?? {}), ...local };
  const msg = (e: FieldError | undefined): string | undefined => (!e ? undefined : "server" in e ? e.server : t(`errors.${e.code}`, e.values ?? {}));
  const err = (field: string) => msg(errors[field]);

  const create = useMutation({
    mutationFn: (d: DeploymentObject) => kubeWrite<DeploymentObject>(cluster, deploymentsPath(ns), { method: "POST", body: d }),
    onSuccess: onCreated,
    onError: (e) => {
      const split = e instanceof ApiClientError ? serverFieldErrors(e.causes) : { fields: {}, other: [] };
      setServer({ message: e.message, ...split });
      focusFirstInvalid();
    },
  });

  function focusFirstInvalid() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  /** Changing a field clears the server's complaint about it. */
  const update = (patch: Partial<FormState>, ...fields: string[]) => {
    setF((old) => ({ ...old, ...patch }));
    if (server && fields.some((k) => server.fields[k])) {
      const rest = { ...server.fields };
      for (const k of fields) delete rest[k];
      setServer({ ...server, fields: rest });
    }
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const errs = validateForm(f);
    if (Object.keys(errs).length) {
      focusFirstInvalid();
      return;
    }
    setServer(undefined);
    create.mutate(buildDeployment(f, ns));
  };

  const editYaml = () => {
    const lenient = { ...f, replicas: /^\d+$/.test(f.replicas.trim()) ? f.replicas : "1" };
    onEditYaml?.(buildDeployment(lenient, ns));
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5" aria-busy={create.isPending}>
      {server && (
        <ErrorState title={t("refused")} message={server.message}>
          {server.other.length > 0 && (
            <ul className="mt-2 list-disc pl-5 text-red-700 dark:text-red-400">
              {server.other.map((o, i) => (
                <li key={i}>{o}</li>
              ))}
            </ul>
          )}
        </ErrorState>
      )}

      <div className="grid gap-4 sm:grid-cols-[2fr_3fr_1fr]">
        <Field label={t("name")} hint={t("nameHint")} error={err("name")}>
          {(p) => (
            <input
              {...p}
              ref={dialogAutoFocus}
              value={f.name}
              onChange={(e) => update({ name: e.target.value }, "name")}
              onBlur={() => touch("name")}
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} font-mono`}
            />
          )}
        </Field>
        <Field label={t("image")} hint={t("imageHint")} error={err("image")}>
          {(p) => <input {...p} value={f.image} onChange={(e) => update({ image: e.target.value }, "image")} onBlur={() => touch("image")} autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />}
        </Field>
        <Field label={t("replicas")} error={err("replicas")}>
          {(p) => <input {...p} type="number" min={0} inputMode="numeric" value={f.replicas} onChange={(e) => update({ replicas: e.target.value }, "replicas")} onBlur={() => touch("replicas")} className={inputClass} />}
        </Field>
      </div>

      <Ports rows={f.ports} onChange={(ports, field) => update({ ports }, field)} err={err} touch={touch} />
      <Env rows={f.env} onChange={(env, field) => update({ env }, field)} err={err} touch={touch} />

      <fieldset className={sectionClass}>
        <legend className={legendClass}>{t("resources")}</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">{t("resourcesHint")}</p>
        {err("resources") && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {err("resources")}
          </p>
        )}
        <div className="grid gap-4 sm:grid-cols-4">
          {(["requests", "limits"] as const).flatMap((kind) =>
            (["cpu", "memory"] as Resource[]).map((r) => (
              <Field key={`${kind}.${r}`} label={t(`${kind}_${r}`)} error={err(`${kind}.${r}`)}>
                {(p) => (
                  <input
                    {...p}
                    value={f[kind][r]}
                    placeholder={r === "cpu" ? "250m" : "256Mi"}
                    onChange={(e) => update({ [kind]: { ...f[kind], [r]: e.target.value } }, `${kind}.${r}`, "resources")}
                    onBlur={() => touch(`${kind}.${r}`)}
                    autoComplete="off"
                    spellCheck={false}
                    className={`${inputClass} font-mono`}
                  />
                )}
              </Field>
            )),
          )}
        </div>
      </fieldset>

      <div className="grid gap-4 lg:grid-cols-2">
        {(["liveness", "readiness"] as ProbeName[]).map((name) => (
          <ProbeFields key={name} name={name} probe={f[name]} onChange={(p, field) => update({ [name]: p }, field)} err={err} touch={touch} />
        ))}
      </div>

      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onCancel}>{t("cancel")}</Button>
        {onEditYaml && <Button onClick={editYaml}>{t("editYaml")}</Button>}
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? t("creating") : t("create")}
        </Button>
      </div>
    </form>
  );
}

type Touch = (field: string) => void;

function Ports({ rows, onChange, err, touch }: { rows: PortRow[]; onChange: (rows: PortRow[], field: string) => void; err: (f: string) => string | undefined; touch: Touch }) {
  const t = useTranslations("workloads.form");
  const id = useId();
  const set = (i: number, patch: Partial<PortRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)), `ports.${i}.containerPort`);
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>{t("ports")}</legend>
      {rows.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">{t("noPorts")}</p>}
      {rows.map((r, i) => {
        const e = err(`ports.${i}.containerPort`);
        return (
          <div key={i} className="flex flex-wrap items-start gap-2">
            <div className="w-40">
              <label htmlFor={`${id}-port-${i}`} className="sr-only">
                {t("portN", { n: i + 1 })}
              </label>
              <input
                id={`${id}-port-${i}`}
                type="number"
                min={1}
                max={65535}
                placeholder="8080"
                value={r.containerPort}
                onChange={(ev) => set(i, { containerPort: ev.target.value })}
                onBlur={() => touch(`ports.${i}.containerPort`)}
                aria-invalid={!!e}
                aria-describedby={e ? `${id}-port-${i}-error` : undefined}
                className={inputClass}
              />
            </div>
            <label htmlFor={`${id}-proto-${i}`} className="sr-only">
              {t("protocolN", { n: i + 1 })}
            </label>
            <select id={`${id}-proto-${i}`} value={r.protocol} onChange={(ev) => set(i, { protocol: ev.target.value as PortRow["protocol"] })} className={`${inputClass} w-24`}>
              <option value="TCP">TCP</option>
              <option value="UDP">UDP</option>
            </select>
            <Button variant="ghost" onClick={() => onChange(rows.filter((_, j) => j !== i), `ports.${i}.containerPort`)} aria-label={t("removePort", { n: i + 1 })}>
              {t("remove")}
            </Button>
            {e && (
              <p id={`${id}-port-${i}-error`} role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">
                {e}
              </p>
            )}
          </div>
        );
      })}
      <Button onClick={() => onChange([...rows, { containerPort: "", protocol: "TCP" }], "")}>{t("addPort")}</Button>
    </fieldset>
  );
}

function Env({ rows, onChange, err, touch }: { rows: EnvRow[]; onChange: (rows: EnvRow[], field: string) => void; err: (f: string) => string | undefined; touch: Touch }) {
  const t = useTranslations("workloads.form");
  const id = useId();
  const set = (i: number, patch: Partial<EnvRow>, field: "name" | "value") => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)), `env.${i}.${field}`);
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>{t("env")}</legend>
      {rows.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">{t("noEnv")}</p>}
      {rows.map((r, i) => {
        const en = err(`env.${i}.name`);
        const ev = err(`env.${i}.value`);
        return (
          <div key={i} className="flex flex-wrap items-start gap-2">
            <label htmlFor={`${id}-name-${i}`} className="sr-only">
              {t("envNameN", { n: i + 1 })}
            </label>
            <input
              id={`${id}-name-${i}`}
              placeholder={t("envName")}
              value={r.name}
              onChange={(e) => set(i, { name: e.target.value }, "name")}
              onBlur={() => touch(`env.${i}.name`)}
              aria-invalid={!!en}
              aria-describedby={en ? `${id}-name-${i}-error` : undefined}
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} w-56 font-mono`}
            />
            <label htmlFor={`${id}-value-${i}`} className="sr-only">
              {t("envValueN", { n: i + 1 })}
            </label>
            <input
              id={`${id}-value-${i}`}
              placeholder={t("envValue")}
              value={r.value}
              onChange={(e) => set(i, { value: e.target.value }, "value")}
              aria-invalid={!!ev}
              aria-describedby={ev ? `${id}-value-${i}-error` : undefined}
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} min-w-0 flex-1 font-mono`}
            />
            <Button variant="ghost" onClick={() => onChange(rows.filter((_, j) => j !== i), `env.${i}.name`)} aria-label={t("removeEnv", { n: i + 1 })}>
              {t("remove")}
            </Button>
            {en && (
              <p id={`${id}-name-${i}-error`} role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">
                {en}
              </p>
            )}
            {ev && (
              <p id={`${id}-value-${i}-error`} role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">
                {ev}
              </p>
            )}
          </div>
        );
      })}
      <Button onClick={() => onChange([...rows, { name: "", value: "" }], "")}>{t("addEnv")}</Button>
    </fieldset>
  );
}

function ProbeFields({
  name,
  probe,
  onChange,
  err,
  touch,
}: {
  name: ProbeName;
  probe: ProbeState;
  onChange: (p: ProbeState, field: string) => void;
  err: (f: string) => string | undefined;
  touch: Touch;
}) {
  const t = useTranslations("workloads.form");
  const set = (patch: Partial<ProbeState>, field: string) => onChange({ ...probe, ...patch }, `${name}.${field}`);
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>{t(`${name}Probe`)}</legend>
      <Field label={t("probeType", { probe: t(`${name}Probe`) })}>
        {(p) => (
          <select {...p} value={probe.kind} onChange={(e) => set({ kind: e.target.value as ProbeState["kind"] }, "port")} className={inputClass}>
            <option value="none">{t("probeNone")}</option>
            <option value="http">{t("probeHttp")}</option>
            <option value="tcp">{t("probeTcp")}</option>
          </select>
        )}
      </Field>
      {probe.kind !== "none" && (
        <div className="grid gap-3 sm:grid-cols-2">
          {probe.kind === "http" && (
            <Field label={t("probePath", { probe: t(`${name}Probe`) })} error={err(`${name}.path`)}>
              {(p) => <input {...p} value={probe.path} onChange={(e) => set({ path: e.target.value }, "path")} onBlur={() => touch(`${name}.path`)} className={`${inputClass} font-mono`} />}
            </Field>
          )}
          <Field label={t("probePort", { probe: t(`${name}Probe`) })} hint={t("probePortHint")} error={err(`${name}.port`)}>
            {(p) => <input {...p} value={probe.port} onChange={(e) => set({ port: e.target.value }, "port")} onBlur={() => touch(`${name}.port`)} className={`${inputClass} font-mono`} />}
          </Field>
          <Field label={t("initialDelay", { probe: t(`${name}Probe`) })} error={err(`${name}.initialDelaySeconds`)}>
            {(p) => <input {...p} type="number" min={0} value={probe.initialDelaySeconds} onChange={(e) => set({ initialDelaySeconds: e.target.value }, "initialDelaySeconds")} onBlur={() => touch(`${name}.initialDelaySeconds`)} className={inputClass} />}
          </Field>
          <Field label={t("period", { probe: t(`${name}Probe`) })} error={err(`${name}.periodSeconds`)}>
            {(p) => <input {...p} type="number" min={1} value={probe.periodSeconds} onChange={(e) => set({ periodSeconds: e.target.value }, "periodSeconds")} onBlur={() => touch(`${name}.periodSeconds`)} className={inputClass} />}
          </Field>
        </div>
      )}
    </fieldset>
  );
}

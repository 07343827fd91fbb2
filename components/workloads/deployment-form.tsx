"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useId, useState } from "react";
import { get, useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Form, FormActions, TextField, showErrors, useCheckedForm, useFieldError } from "@/components/ui/form";
import { focusFirstInvalid } from "@/components/ui/form-errors";
import { ErrorState } from "@/components/ui/states";
import { type DeploymentObject, deploymentsPath } from "@/lib/k8s/kinds/deployment";
import {
  type DeploymentForm as FormState,
  type FormErrors,
  type ProbeName,
  type ProbeState,
  type Resource,
  PROTOCOLS,
  buildDeployment,
  emptyForm,
  serverFieldErrors,
  validateForm,
} from "./deployment-form-model";
import { ApiClientError } from "@/lib/client/api";
import { kubeWrite } from "@/lib/client/kube";

const sectionClass = "space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700";
const legendClass = "px-1 text-sm font-semibold text-slate-800 dark:text-slate-200";
const errorClass = "col-span-full basis-full text-sm text-red-700 dark:text-red-400";

const notMissing = (errors: FormErrors): FormErrors => Object.fromEntries(Object.entries(errors).filter(([, e]) => "server" in e || e.code !== "required"));

/** The model's errors as text: a message of workloads.form.errors, or the server's own words. */
function useErrorTexts() {
  const t = useTranslations("workloads.form");
  return useCallback(
    (errors: FormErrors) => Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, "server" in e ? e.server : t(`errors.${e.code}`, e.values ?? {})])),
    [t],
  );
}

/**
 * Create a Deployment from a form. Checks a field once it is left, every field
 * on submit and as it changes after that; the API server's refusals are shown
 * as it said them, on the field they concern when it names one.
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
  const texts = useErrorTexts();
  // A field left empty is not an error until the submit: its message would push the buttons down
  // between the press and the release of a click on Create, and the click would be lost.
  const form = useCheckedForm<FormState>(emptyForm(), (v, submit) => texts(submit ? validateForm(v) : notMissing(validateForm(v))), { mode: "onTouched" });
  const [server, setServer] = useState<{ message: string; other: string[] }>();

  const create = useMutation({
    mutationFn: (d: DeploymentObject) => kubeWrite<DeploymentObject>(cluster, deploymentsPath(ns), { method: "POST", body: d }),
    onSuccess: onCreated,
    onError: (e) => {
      const split = e instanceof ApiClientError ? serverFieldErrors(e.causes) : { fields: {}, other: [] };
      setServer({ message: e.message, other: split.other });
      showErrors(form, texts(split.fields));
    },
  });

  const editYaml = () => {
    const f = form.getValues();
    const lenient = { ...f, replicas: /^\d+$/.test(f.replicas.trim()) ? f.replicas : "1" };
    onEditYaml?.(buildDeployment(lenient, ns));
  };

  return (
    <Form
      form={form}
      onSubmit={(v) => {
        setServer(undefined);
        create.mutate(buildDeployment(v, ns));
      }}
      // The first invalid field in reading order (rows added later register later).
      onInvalid={(_, e) => requestAnimationFrame(() => focusFirstInvalid(e?.target as Element | null))}
      pending={create.isPending}
      failed={t("refused")}
      className="space-y-5"
      actions={<FormActions onCancel={onCancel} submit={t("create")} submitting={t("creating")} pending={create.isPending} extra={onEditYaml && <Button onClick={editYaml}>{t("editYaml")}</Button>} />}
    >
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
        <TextField name="name" label={t("name")} hint={t("nameHint")} code autoFocus />
        <TextField name="image" label={t("image")} hint={t("imageHint")} code />
        <TextField name="replicas" label={t("replicas")} type="number" min={0} inputMode="numeric" />
      </div>

      <Ports />
      <Env />
      <Resources />

      <div className="grid gap-4 lg:grid-cols-2">
        {(["liveness", "readiness"] as ProbeName[]).map((name) => (
          <ProbeFields key={name} name={name} />
        ))}
      </div>
    </Form>
  );
}

/** An input of a row, named by a hidden label; its error (RowError, under the row) is `${id}-error`. */
function RowInput({ id, label, error, ...input }: { id: string; label: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> }) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} {...input} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} />
    </>
  );
}

/** A row's field error with its id, for aria-describedby. */
function RowError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} role="alert" className={errorClass}>
      {error}
    </p>
  ) : null;
}

type RowProps = { i: number; count: number; onRemove: () => void };

/** A section of rows (ports, variables) the user adds and removes. */
function Rows({
  name,
  legend,
  empty,
  add,
  blank,
  Row,
  head,
}: {
  name: "ports" | "env";
  legend: string;
  empty: string;
  add: string;
  blank: () => FormState["ports" | "env"][number];
  Row: React.ComponentType<RowProps>;
  /** Column titles over the rows (each input also has its own label). */
  head?: React.ReactNode;
}) {
  const { control, trigger, formState } = useFormContext<FormState>();
  // Either array; typed as one of them for useFieldArray.
  const { fields, append, remove } = useFieldArray({ control, name: name as "ports" });
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>{legend}</legend>
      {fields.length === 0 ? <p className="text-xs text-slate-500 dark:text-slate-400">{empty}</p> : head}
      {fields.map((row, i) => (
        <Row
          key={row.id}
          i={i}
          count={fields.length}
          onRemove={() => {
            remove(i);
            // A duplicate may be gone with it.
            if (get(formState.errors, name)) void trigger(name);
          }}
        />
      ))}
      <Button onClick={() => append(blank() as FormState["ports"][number])}>{add}</Button>
    </fieldset>
  );
}

function Ports() {
  const t = useTranslations("workloads.form");
  const head = (
    <div aria-hidden className={`${portGrid} text-xs font-medium text-slate-600 dark:text-slate-300`}>
      <span>{t("portName")}</span>
      <span>{t("containerPort")}</span>
      <span>{t("protocol")}</span>
    </div>
  );
  return <Rows name="ports" legend={t("ports")} empty={t("noPorts")} add={t("addPort")} blank={() => ({ name: "", containerPort: "", protocol: "TCP" })} Row={PortRow} head={head} />;
}

function Env() {
  const t = useTranslations("workloads.form");
  return <Rows name="env" legend={t("env")} empty={t("noEnv")} add={t("addEnv")} blank={() => ({ name: "", value: "" })} Row={EnvRow} />;
}

// Name | container port | protocol | remove: the name gets the room, a port number five digits.
const portGrid = "grid grid-cols-[minmax(6rem,14rem)_minmax(6rem,8rem)_minmax(5.5rem,7rem)_auto] items-start gap-2";

function PortRow({ i, count, onRemove }: RowProps) {
  const t = useTranslations("workloads.form");
  const id = useId();
  const { register } = useFormContext<FormState>();
  const name = `ports.${i}.containerPort` as const;
  const nameField = `ports.${i}.name` as const;
  const error = useFieldError(name);
  const nameError = useFieldError(nameField);
  // Two rows of the same port and protocol, or of one name, are refused: each row's check looks at the others.
  const others = Array.from({ length: count }, (_, j) => `ports.${j}.containerPort` as const);
  const otherNames = Array.from({ length: count }, (_, j) => `ports.${j}.name` as const);
  return (
    <div className={portGrid} data-testid="port-row">
      <RowInput
        id={`${id}-name`}
        label={t("portNameN", { n: i + 1 })}
        error={nameError}
        placeholder="http"
        maxLength={63}
        autoComplete="off"
        spellCheck={false}
        {...register(nameField, { deps: [name, ...otherNames.filter((x) => x !== nameField)] })}
        className={`${inputClass} font-mono`}
      />
      <RowInput
        id={`${id}-port`}
        label={t("portN", { n: i + 1 })}
        error={error}
        type="number"
        min={1}
        max={65535}
        placeholder="8080"
        {...register(name, { deps: others.filter((x) => x !== name) })}
        className={`${inputClass} tabular-nums`}
      />
      <label htmlFor={`${id}-proto`} className="sr-only">
        {t("protocolN", { n: i + 1 })}
      </label>
      <select id={`${id}-proto`} {...register(`ports.${i}.protocol`, { deps: others })} className={inputClass}>
        {PROTOCOLS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <Button variant="ghost" onClick={onRemove} aria-label={t("removePort", { n: i + 1 })}>
        {t("remove")}
      </Button>
      <RowError id={`${id}-name-error`} error={nameError} />
      <RowError id={`${id}-port-error`} error={error} />
    </div>
  );
}

function EnvRow({ i, count, onRemove }: RowProps) {
  const t = useTranslations("workloads.form");
  const id = useId();
  const { register } = useFormContext<FormState>();
  const nameField = `env.${i}.name` as const;
  const nameError = useFieldError(nameField);
  const valueError = useFieldError(`env.${i}.value`);
  // Names must differ, and a value needs a name.
  const otherNames = Array.from({ length: count }, (_, j) => `env.${j}.name` as const).filter((x) => x !== nameField);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <RowInput
        id={`${id}-name`}
        label={t("envNameN", { n: i + 1 })}
        error={nameError}
        placeholder={t("envName")}
        {...register(nameField, { deps: otherNames })}
        autoComplete="off"
        spellCheck={false}
        className={`${inputClass} w-56 font-mono`}
      />
      <RowInput
        id={`${id}-value`}
        label={t("envValueN", { n: i + 1 })}
        error={valueError}
        placeholder={t("envValue")}
        {...register(`env.${i}.value`, { deps: [nameField] })}
        autoComplete="off"
        spellCheck={false}
        className={`${inputClass} min-w-0 flex-1 font-mono`}
      />
      <Button variant="ghost" onClick={onRemove} aria-label={t("removeEnv", { n: i + 1 })}>
        {t("remove")}
      </Button>
      <RowError id={`${id}-name-error`} error={nameError} />
      <RowError id={`${id}-value-error`} error={valueError} />
    </div>
  );
}

function Resources() {
  const t = useTranslations("workloads.form");
  // "resources": the server's complaint about them as a whole (no input of its own).
  const { clearErrors } = useFormContext();
  const error = useFieldError("resources");
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>{t("resources")}</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t("resourcesHint")}</p>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-4">
        {(["requests", "limits"] as const).flatMap((kind) =>
          (["cpu", "memory"] as Resource[]).map((r) => (
            <TextField
              key={`${kind}.${r}`}
              name={`${kind}.${r}`}
              label={t(`${kind}_${r}`)}
              placeholder={r === "cpu" ? "250m" : "256Mi"}
              code
              // A request may not exceed its limit: a limit's change re-checks the request.
              rules={{ deps: kind === "limits" ? [`requests.${r}`] : [], onChange: () => clearErrors("resources") }}
            />
          )),
        )}
      </div>
    </fieldset>
  );
}

function ProbeFields({ name }: { name: ProbeName }) {
  const t = useTranslations("workloads.form");
  const { register } = useFormContext<FormState>();
  const kind = useWatch<FormState, `${ProbeName}.kind`>({ name: `${name}.kind` }) as ProbeState["kind"];
  const probe = t(`${name}Probe`);
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>{probe}</legend>
      <Field label={t("probeType", { probe })}>
        {(p) => (
          <select {...p} {...register(`${name}.kind`, { deps: [`${name}.path`, `${name}.port`, `${name}.initialDelaySeconds`, `${name}.periodSeconds`] })} className={inputClass}>
            <option value="none">{t("probeNone")}</option>
            <option value="http">{t("probeHttp")}</option>
            <option value="tcp">{t("probeTcp")}</option>
          </select>
        )}
      </Field>
      {kind !== "none" && (
        <div className="grid gap-3 sm:grid-cols-2">
          {kind === "http" && <TextField name={`${name}.path`} label={t("probePath", { probe })} code />}
          <TextField name={`${name}.port`} label={t("probePort", { probe })} hint={t("probePortHint")} code />
          <TextField name={`${name}.initialDelaySeconds`} label={t("initialDelay", { probe })} type="number" min={0} />
          <TextField name={`${name}.periodSeconds`} label={t("period", { probe })} type="number" min={1} />
        </div>
      )}
    </fieldset>
  );
}

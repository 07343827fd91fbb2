"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Form, FormActions, SelectField, TextField, useCheckedForm, useFieldError } from "@/components/ui/form";
import { focusFirstInvalid } from "@/components/ui/form-errors";
import { LoadingState } from "@/components/ui/states";
import { jsonOf, send } from "@/lib/client/api";
import { clusterURL } from "@/lib/client/kube";
import { listQuery } from "@/lib/client/list-query";
import { collectionPath, withQuery } from "@/lib/k8s/kinds/common";
import { type IngressClassObject, type IngressObject, defaultIngressClass, ingressClassesPath } from "@/lib/k8s/kinds/ingress";
import { kindInfo } from "@/lib/k8s/kinds/kind";
import { type Choices, RemoveButton, RowError, RowInput, RowLoading, RowSelect, legendClass, notMissing, sectionClass, subtleClass, type RouteFormProps, useErrorTexts, useRouteSave } from "./form-parts";
import { portOptions, useServices } from "./httproute-form";
import {
  type IngressForm as FormState,
  INGRESS_PATH_TYPES,
  MAX_INGRESS_PATHS,
  MAX_INGRESS_RULES,
  buildIngress,
  emptyIngressForm,
  emptyIngressPath,
  emptyIngressRule,
  emptyIngressTls,
  ingressServerErrors,
  ingressToForm,
  resourceBackendText,
  validateIngressForm,
} from "./ingress-form-model";
import type { ServiceObject } from "@/lib/k8s/kinds/service";

const INGRESSES = kindInfo({ slug: "ingresses", kind: "Ingress", group: "networking.k8s.io", version: "v1" });
const TLS_SECRET = "kubernetes.io/tls";
// Names only: a table without objects, so no value (not even one kept in a
// last-applied annotation) crosses the wire.
const TABLE = "application/json;as=Table;g=meta.k8s.io;v=v1";

interface Table {
  columnDefinitions?: { name: string }[];
  rows?: { cells: unknown[] }[] | null;
}

/** The cluster's IngressClasses (cluster-scoped: project members usually may not list them; then undefined). */
function useIngressClasses(cluster: string) {
  return useQuery({ ...listQuery<IngressClassObject>(cluster, ingressClassesPath), staleTime: 0, retry: false });
}

/** The names of the namespace's TLS Secrets. */
function useTlsSecretNames(cluster: string, ns: string): Choices<string> {
  const path = withQuery(collectionPath("", "v1", "secrets", ns), { fieldSelector: `type=${TLS_SECRET}`, includeObject: "None" });
  const q = useQuery({
    queryKey: ["k8s", cluster, "tls-secret-names", ns],
    queryFn: async ({ signal }) => {
      const table = await jsonOf<Table>(await send(clusterURL(cluster, path), { accept: TABLE, signal }));
      const col = Math.max(0, (table.columnDefinitions ?? []).findIndex((c) => c.name === "Name"));
      return (table.rows ?? []).map((r) => String(r.cells[col] ?? "")).filter(Boolean).sort();
    },
    retry: false,
  });
  return { items: q.data, loading: q.isPending };
}

/**
 * Create an Ingress, or edit one in place (`original`), like the HTTPRoute
 * form: class, rules of host and paths to a Service's port, TLS hosts with a
 * Secret of the namespace. A new ingress starts with the cluster's default class.
 */
export function IngressForm(props: RouteFormProps<IngressObject>) {
  const tc = useTranslations("common");
  const classes = useIngressClasses(props.cluster);
  if (!props.original && classes.isPending) return <LoadingState label={tc("loading")} />;
  return <IngressFormBody {...props} classes={classes.data?.items} />;
}

function IngressFormBody({
  cluster,
  ns,
  original,
  onSaved,
  onCancel,
  onEditYaml,
  classes,
}: RouteFormProps<IngressObject> & { classes: IngressClassObject[] | undefined }) {
  const t = useTranslations("workloads.routeForm");
  const texts = useErrorTexts();
  const hasDefaultBackend = !!original?.spec?.defaultBackend;
  const defaultClass = defaultIngressClass(classes ?? []);
  const [initial] = useState(() => (original ? ingressToForm(original) : emptyIngressForm(defaultClass ?? "")));
  const check = (v: FormState) => validateIngressForm(v, hasDefaultBackend);
  const form = useCheckedForm<FormState>(initial, (v, submit) => texts(submit ? check(v) : notMissing(check(v))), { mode: "onTouched" });
  const services = useServices(cluster, ns);
  const secrets = useTlsSecretNames(cluster, ns);
  const save = useRouteSave<FormState, IngressObject>({ form, cluster, kind: INGRESSES, ns, original, build: (v, base) => buildIngress(v, ns, base), split: ingressServerErrors, onSaved });

  const classOptions = (classes ?? []).map((c) => {
    const name = c.metadata.name ?? "";
    return { value: name, label: name === defaultClass ? t("defaultClass", { name }) : name };
  });
  const current = initial.className;
  if (current && !classOptions.some((o) => o.value === current)) classOptions.push({ value: current, label: current });

  return (
    <Form
      form={form}
      onSubmit={save.submit}
      onInvalid={(_, e) => requestAnimationFrame(() => focusFirstInvalid(e?.target as Element | null))}
      pending={save.pending}
      failed={t("refused")}
      className="space-y-5"
      actions={
        <FormActions onCancel={onCancel} pending={save.pending} {...save.labels} extra={onEditYaml && !original && <Button onClick={() => onEditYaml(buildIngress(form.getValues(), ns))}>{t("editYaml")}</Button>} />
      }
    >
      {save.refusal}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("name")} hint={original ? t("nameFixed") : t("nameHint")} code autoFocus={!original} readOnly={!!original} className={original ? "bg-slate-50 text-slate-600 dark:bg-slate-800 dark:text-slate-300" : ""} />
        {classes ? (
          <SelectField name="className" label={t("ingressClass")} options={classOptions} placeholder={t("clusterDefaultClass")} hint={t("ingressClassHint")} />
        ) : (
          <TextField name="className" label={t("ingressClass")} hint={t("ingressClassTyped")} code placeholder="traefik" />
        )}
      </div>
      {hasDefaultBackend && <p className={subtleClass}>{t("keepsDefaultBackend")}</p>}
      <IngressRules services={services} />
      <Tls secrets={secrets} />
    </Form>
  );
}

function IngressRules({ services }: { services: Choices<ServiceObject> }) {
  const t = useTranslations("workloads.routeForm");
  const { control } = useFormContext<FormState>();
  const { fields, append, remove } = useFieldArray({ control, name: "rules" });
  const error = useFieldError("rules");
  return (
    <div className="space-y-4">
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {fields.map((f, i) => (
        <IngressRuleFields key={f.id} i={i} onRemove={() => remove(i)} services={services} />
      ))}
      <Button onClick={() => append(emptyIngressRule())} disabled={fields.length >= MAX_INGRESS_RULES}>
        {t("addRule")}
      </Button>
    </div>
  );
}

function IngressRuleFields({ i, onRemove, services }: { i: number; onRemove: () => void; services: Choices<ServiceObject> }) {
  const t = useTranslations("workloads.routeForm");
  const id = useId();
  const { control, register } = useFormContext<FormState>();
  const { fields, append, remove } = useFieldArray({ control, name: `rules.${i}.paths` });
  const hostError = useFieldError(`rules.${i}.host`);
  const n = i + 1;
  return (
    <fieldset className={sectionClass} data-testid={`ingress-rule-form-${i}`}>
      <legend className={legendClass}>{t("ruleN", { n })}</legend>
      <div className="grid grid-cols-[minmax(10rem,1fr)_auto] items-start gap-2">
        <div className="space-y-1">
          <label htmlFor={`${id}-host`} className="block text-sm font-medium">
            {t("hostOfRule", { n })}
          </label>
          <input
            id={`${id}-host`}
            autoComplete="off"
            spellCheck={false}
            placeholder={t("anyHost")}
            aria-invalid={!!hostError}
            aria-describedby={hostError ? `${id}-host-error` : undefined}
            className={`${inputClass} font-mono`}
            {...register(`rules.${i}.host`)}
          />
        </div>
        <div className="self-end">
          <RemoveButton label={t("removeRule", { n })} onClick={onRemove} />
        </div>
        <RowError id={`${id}-host`} error={hostError} />
      </div>
      <div aria-hidden className="grid grid-cols-[minmax(8rem,10rem)_minmax(8rem,1fr)_minmax(10rem,1.5fr)_minmax(7rem,1fr)_auto] gap-2 text-xs font-medium text-slate-600 dark:text-slate-300">
        <span>{t("pathType")}</span>
        <span>{t("path")}</span>
        <span>{t("service")}</span>
        <span>{t("port")}</span>
        <span />
      </div>
      {fields.map((f, j) => (
        <IngressPathRow key={f.id} rule={i} i={j} services={services} onRemove={() => remove(j)} />
      ))}
      <Button onClick={() => append(emptyIngressPath())} disabled={fields.length >= MAX_INGRESS_PATHS}>
        {t("addPath")}
      </Button>
    </fieldset>
  );
}

function IngressPathRow({ rule, i, services, onRemove }: { rule: number; i: number; services: Choices<ServiceObject>; onRemove: () => void }) {
  const t = useTranslations("workloads.routeForm");
  const id = useId();
  const { register, control, getValues, setValue } = useFormContext<FormState>();
  const at = `rules.${rule}.paths.${i}` as const;
  const pathError = useFieldError(`${at}.path`);
  const serviceError = useFieldError(`${at}.service`);
  const portError = useFieldError(`${at}.port`);
  const service = useWatch({ control, name: `${at}.service` });
  const port = useWatch({ control, name: `${at}.port` });
  const resource = resourceBackendText(getValues(at));
  const labels = { p: i + 1, n: rule + 1 };
  const chosen = services.items?.find((s) => s.metadata.name === service);
  const ports = portOptions(chosen);
  if (port && ports.length && !ports.some((o) => o.value === port)) ports.push({ value: port, label: port });
  const serviceOptions = (services.items ?? []).map((s) => ({ value: s.metadata.name ?? "", label: s.metadata.name ?? "" }));
  if (service && !serviceOptions.some((o) => o.value === service)) serviceOptions.push({ value: service, label: t("missingService", { name: service }) });
  const pickService = (name: string) => {
    const s = services.items?.find((x) => x.metadata.name === name);
    const first = s?.spec?.ports?.[0];
    const cur = getValues(`${at}.port`);
    if (first && !(s?.spec?.ports ?? []).some((p) => String(p.port) === cur || p.name === cur)) setValue(`${at}.port`, String(first.port), { shouldValidate: !!cur });
  };
  return (
    <div className="grid grid-cols-[minmax(8rem,10rem)_minmax(8rem,1fr)_minmax(10rem,1.5fr)_minmax(7rem,1fr)_auto] items-start gap-2" data-testid="ingress-path-row">
      <RowSelect
        id={`${id}-type`}
        label={t("ingressPathTypeN", labels)}
        options={INGRESS_PATH_TYPES.map((p) => ({ value: p, label: t(`ingressPathTypes.${p}`) }))}
        {...register(`${at}.pathType`, { deps: [`${at}.path`] })}
      />
      <RowInput id={`${id}-path`} label={t("ingressPathN", labels)} error={pathError} placeholder="/" className="font-mono" {...register(`${at}.path`)} />
      {services.loading ? (
        <RowLoading id={`${id}-svc`} label={t("ingressServiceN", labels)} className="font-mono" />
      ) : services.items ? (
        <RowSelect
          id={`${id}-svc`}
          label={t("ingressServiceN", labels)}
          error={serviceError}
          options={serviceOptions}
          placeholder={resource ? t("resourceBackend", { resource }) : t("chooseService")}
          className="font-mono"
          {...register(`${at}.service`, { onChange: (e: React.ChangeEvent<HTMLSelectElement>) => pickService(e.target.value) })}
        />
      ) : (
        <RowInput id={`${id}-svc`} label={t("ingressServiceN", labels)} error={serviceError} placeholder={resource ?? t("serviceName")} className="font-mono" {...register(`${at}.service`)} />
      )}
      {chosen && ports.length ? (
        <RowSelect id={`${id}-port`} label={t("ingressPortN", labels)} error={portError} options={ports} placeholder={t("choosePort")} {...register(`${at}.port`)} />
      ) : (
        <RowInput id={`${id}-port`} label={t("ingressPortN", labels)} error={portError} placeholder={t("portOrName")} className="font-mono" {...register(`${at}.port`)} />
      )}
      <RemoveButton label={t("removePath", labels)} onClick={onRemove} />
      <RowError id={`${id}-path`} error={pathError} />
      <RowError id={`${id}-svc`} error={serviceError} />
      <RowError id={`${id}-port`} error={portError} />
    </div>
  );
}

function Tls({ secrets }: { secrets: Choices<string> }) {
  const t = useTranslations("workloads.routeForm");
  const { control } = useFormContext<FormState>();
  const { fields, append, remove } = useFieldArray({ control, name: "tls" });
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>{t("tls")}</legend>
      <p className={subtleClass}>{secrets.items?.length === 0 ? t("noTlsSecrets") : t("tlsHint")}</p>
      {fields.map((f, i) => (
        <TlsRow key={f.id} i={i} secrets={secrets} onRemove={() => remove(i)} />
      ))}
      <Button onClick={() => append(emptyIngressTls())}>{t("addTls")}</Button>
    </fieldset>
  );
}

function TlsRow({ i, secrets, onRemove }: { i: number; secrets: Choices<string>; onRemove: () => void }) {
  const t = useTranslations("workloads.routeForm");
  const id = useId();
  const { register, control } = useFormContext<FormState>();
  const hostsError = useFieldError(`tls.${i}.hosts`);
  const secretError = useFieldError(`tls.${i}.secretName`);
  const secret = useWatch({ control, name: `tls.${i}.secretName` });
  const options = (secrets.items ?? []).map((s) => ({ value: s, label: s }));
  if (secret && !options.some((o) => o.value === secret)) options.push({ value: secret, label: t("missingSecret", { name: secret }) });
  const n = i + 1;
  return (
    <div className="grid grid-cols-[minmax(10rem,2fr)_minmax(10rem,1fr)_auto] items-start gap-2" data-testid="tls-row">
      <RowInput id={`${id}-hosts`} label={t("tlsHostsN", { n })} error={hostsError} placeholder="shop.example.com" className="font-mono" {...register(`tls.${i}.hosts`)} />
      {secrets.loading ? (
        <RowLoading id={`${id}-secret`} label={t("tlsSecretN", { n })} className="font-mono" />
      ) : secrets.items ? (
        <RowSelect id={`${id}-secret`} label={t("tlsSecretN", { n })} error={secretError} options={options} placeholder={t("noSecretChosen")} className="font-mono" {...register(`tls.${i}.secretName`)} />
      ) : (
        <RowInput id={`${id}-secret`} label={t("tlsSecretN", { n })} error={secretError} placeholder={t("secretName")} className="font-mono" {...register(`tls.${i}.secretName`)} />
      )}
      <RemoveButton label={t("removeTls", { n })} onClick={onRemove} />
      <RowError id={`${id}-hosts`} error={hostsError} />
      <RowError id={`${id}-secret`} error={secretError} />
    </div>
  );
}

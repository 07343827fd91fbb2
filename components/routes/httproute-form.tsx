"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { get, useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Form, FormActions, TextField, useCheckedForm, useFieldError } from "@/components/ui/form";
import { focusFirstInvalid } from "@/components/ui/form-errors";
import { listQuery } from "@/lib/client/list-query";
import { collectionPath } from "@/lib/k8s/kinds/common";
import { GATEWAY_GROUP, type HTTPRouteObject, roundedPercents } from "@/lib/k8s/kinds/httproute";
import { kindInfo } from "@/lib/k8s/kinds/kind";
import type { ServiceObject } from "@/lib/k8s/kinds/service";
import { INT } from "./form-common";
import { type Choices, RemoveButton, RowError, RowInput, RowLoading, RowSelect, legendClass, notMissing, sectionClass, subtleClass, type RouteFormProps, useErrorTexts, useRouteSave } from "./form-parts";
import {
  type HttpRouteForm as FormState,
  HEADER_TYPES,
  MAX_BACKENDS,
  MAX_MATCHES,
  MAX_RULES,
  PATH_TYPES,
  buildHttpRoute,
  emptyBackend,
  emptyHeader,
  emptyHttpRouteForm,
  emptyMatch,
  emptyParent,
  emptyRule,
  httpRouteServerErrors,
  httpRouteToForm,
  validateHttpRouteForm,
} from "./httproute-form-model";
import { WeightBar } from "./weight-bar";

const HTTP_ROUTES = kindInfo({ slug: "httproutes", kind: "HTTPRoute", group: GATEWAY_GROUP, version: "v1" });

/** The namespace's Services, for picking backends. */
export function useServices(cluster: string, ns: string): Choices<ServiceObject> {
  const q = useQuery({ ...listQuery<ServiceObject>(cluster, collectionPath("", "v1", "services", ns)), staleTime: 0, retry: false });
  return { items: q.data?.items, loading: q.isPending };
}

/** "80 (http)" options of a Service's ports. */
export function portOptions(s: ServiceObject | undefined, byName = false): { value: string; label: string }[] {
  return (s?.spec?.ports ?? []).map((p) => ({ value: byName && p.name ? p.name : String(p.port), label: p.name ? `${p.port} (${p.name})` : String(p.port) }));
}

/**
 * Create an HTTPRoute, or edit one in place (`original`): the same form,
 * prefilled from the object; a save keeps every field the form does not show.
 * Checks a field once it is left, every field on submit; the API server's
 * refusals land on the field they name, in its words.
 */
export function HttpRouteForm({
  cluster,
  ns,
  original,
  onSaved,
  onCancel,
  onEditYaml,
}: RouteFormProps<HTTPRouteObject>) {
  const t = useTranslations("workloads.routeForm");
  const texts = useErrorTexts();
  const [initial] = useState(() => (original ? httpRouteToForm(original) : emptyHttpRouteForm()));
  const form = useCheckedForm<FormState>(initial, (v, submit) => texts(submit ? validateHttpRouteForm(v) : notMissing(validateHttpRouteForm(v))), { mode: "onTouched" });
  const services = useServices(cluster, ns);
  const save = useRouteSave<FormState, HTTPRouteObject>({ form, cluster, kind: HTTP_ROUTES, ns, original, build: (v, base) => buildHttpRoute(v, ns, base), split: httpRouteServerErrors, onSaved });

  const editYaml = () => {
    const v = form.getValues();
    // Weights not yet numbers would be NaN in the YAML.
    const lenient = { ...v, rules: v.rules.map((r) => ({ ...r, backends: r.backends.map((b) => ({ ...b, weight: INT.test(b.weight.trim()) ? b.weight : "1" })) })) };
    onEditYaml?.(buildHttpRoute(lenient, ns));
  };

  return (
    <Form
      form={form}
      onSubmit={save.submit}
      onInvalid={(_, e) => requestAnimationFrame(() => focusFirstInvalid(e?.target as Element | null))}
      pending={save.pending}
      failed={t("refused")}
      className="space-y-5"
      actions={<FormActions onCancel={onCancel} pending={save.pending} {...save.labels} extra={onEditYaml && !original && <Button onClick={editYaml}>{t("editYaml")}</Button>} />}
    >
      {save.refusal}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("name")} hint={original ? t("nameFixed") : t("nameHint")} code autoFocus={!original} readOnly={!!original} className={original ? "bg-slate-50 text-slate-600 dark:bg-slate-800 dark:text-slate-300" : ""} />
        <TextField name="hostnames" label={t("hostnames")} hint={t("hostnamesHint")} code placeholder="shop.example.com" autoFocus={!!original} />
      </div>
      <Parents />
      <Rules services={services} />
    </Form>
  );
}

function Parents() {
  const t = useTranslations("workloads.routeForm");
  const { control } = useFormContext<FormState>();
  const { fields, append, remove } = useFieldArray({ control, name: "parents" });
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>{t("gateways")}</legend>
      <p className={subtleClass}>{t("gatewaysHint")}</p>
      {fields.length === 0 && <p className={subtleClass}>{t("noGateways")}</p>}
      {fields.map((f, i) => (
        <ParentRow key={f.id} i={i} onRemove={() => remove(i)} />
      ))}
      <Button onClick={() => append(emptyParent())}>{t("addGateway")}</Button>
    </fieldset>
  );
}

function ParentRow({ i, onRemove }: { i: number; onRemove: () => void }) {
  const t = useTranslations("workloads.routeForm");
  const id = useId();
  const { register } = useFormContext<FormState>();
  const gateway = useFieldError(`parents.${i}.gateway`);
  const section = useFieldError(`parents.${i}.section`);
  return (
    <div className="grid grid-cols-[minmax(10rem,2fr)_minmax(6rem,1fr)_auto] items-start gap-2" data-testid="parent-row">
      <RowInput id={`${id}-gw`} label={t("gatewayN", { n: i + 1 })} error={gateway} placeholder="namespace/name" className="font-mono" {...register(`parents.${i}.gateway`)} />
      <RowInput id={`${id}-section`} label={t("listenerN", { n: i + 1 })} error={section} placeholder={t("anyListener")} className="font-mono" {...register(`parents.${i}.section`)} />
      <RemoveButton label={t("removeGateway", { n: i + 1 })} onClick={onRemove} />
      <RowError id={`${id}-gw`} error={gateway} />
      <RowError id={`${id}-section`} error={section} />
    </div>
  );
}

function Rules({ services }: { services: Choices<ServiceObject> }) {
  const t = useTranslations("workloads.routeForm");
  const { control } = useFormContext<FormState>();
  const { fields, append, remove } = useFieldArray({ control, name: "rules" });
  return (
    <div className="space-y-4">
      {fields.map((f, i) => (
        <RuleFields key={f.id} i={i} count={fields.length} onRemove={() => remove(i)} services={services} />
      ))}
      {fields.length === 0 && <p className={subtleClass}>{t("noRules")}</p>}
      <Button onClick={() => append(emptyRule())} disabled={fields.length >= MAX_RULES}>
        {t("addRule")}
      </Button>
    </div>
  );
}

function RuleFields({ i, count, onRemove, services }: { i: number; count: number; onRemove: () => void; services: Choices<ServiceObject> }) {
  const t = useTranslations("workloads.routeForm");
  const n = i + 1;
  return (
    <fieldset className={sectionClass} data-testid={`rule-form-${i}`}>
      <legend className={legendClass}>{t("ruleN", { n })}</legend>
      {count > 1 && (
        <div className="flex justify-end">
          <RemoveButton label={t("removeRule", { n })} onClick={onRemove} />
        </div>
      )}
      <Matches rule={i} />
      <Backends rule={i} services={services} />
    </fieldset>
  );
}

// ---- matches ----

function Matches({ rule }: { rule: number }) {
  const t = useTranslations("workloads.routeForm");
  const { control } = useFormContext<FormState>();
  const { fields, append, remove } = useFieldArray({ control, name: `rules.${rule}.matches` });
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-medium">{t("matches")}</h3>
      {fields.length === 0 && <p className={subtleClass}>{t("matchAll")}</p>}
      {fields.map((f, j) => (
        <MatchRow key={f.id} rule={rule} i={j} onRemove={() => remove(j)} />
      ))}
      <Button onClick={() => append(emptyMatch())} disabled={fields.length >= MAX_MATCHES}>
        {t("addMatch")}
      </Button>
    </div>
  );
}

function MatchRow({ rule, i, onRemove }: { rule: number; i: number; onRemove: () => void }) {
  const t = useTranslations("workloads.routeForm");
  const id = useId();
  const { register, control } = useFormContext<FormState>();
  const at = `rules.${rule}.matches.${i}` as const;
  const pathError = useFieldError(`${at}.path`);
  const headers = useFieldArray({ control, name: `${at}.headers` });
  const where = { m: i + 1, n: rule + 1 };
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="match-row">
      <div className="grid grid-cols-[minmax(8rem,10rem)_minmax(10rem,1fr)_auto] items-start gap-2">
        <RowSelect
          id={`${id}-type`}
          label={t("pathTypeN", where)}
          options={PATH_TYPES.map((p) => ({ value: p, label: t(`pathTypes.${p}`) }))}
          {...register(`${at}.pathType`, { deps: [`${at}.path`] })}
        />
        <RowInput id={`${id}-path`} label={t("pathN", where)} error={pathError} placeholder="/" className="font-mono" {...register(`${at}.path`)} />
        <RemoveButton label={t("removeMatch", where)} onClick={onRemove} />
        <RowError id={`${id}-path`} error={pathError} />
      </div>
      {headers.fields.map((h, k) => (
        <HeaderRow key={h.id} at={at} i={k} where={where} onRemove={() => headers.remove(k)} />
      ))}
      <Button variant="ghost" onClick={() => headers.append(emptyHeader())}>
        {t("addHeader")}
      </Button>
    </div>
  );
}

function HeaderRow({ at, i, where, onRemove }: { at: `rules.${number}.matches.${number}`; i: number; where: { m: number; n: number }; onRemove: () => void }) {
  const t = useTranslations("workloads.routeForm");
  const id = useId();
  const { register, getValues, trigger, formState } = useFormContext<FormState>();
  const name = `${at}.headers.${i}.name` as const;
  const nameError = useFieldError(name);
  const valueError = useFieldError(`${at}.headers.${i}.value`);
  const labels = { ...where, h: i + 1 };
  // Names must differ: a change re-checks the others.
  const others = () => (getValues(`${at}.headers`) ?? []).map((_, k) => `${at}.headers.${k}.name` as const).filter((x) => x !== name);
  return (
    <div className="grid grid-cols-[minmax(8rem,1fr)_minmax(7rem,9rem)_minmax(8rem,1fr)_auto] items-start gap-2 pl-4" data-testid="header-row">
      <RowInput
        id={`${id}-name`}
        label={t("headerNameN", labels)}
        error={nameError}
        placeholder={t("headerName")}
        className="font-mono"
        {...register(name, { onChange: () => get(formState.errors, `${at}.headers`) && void trigger(others()) })}
      />
      <RowSelect id={`${id}-type`} label={t("headerTypeN", labels)} options={HEADER_TYPES.map((h) => ({ value: h, label: t(`headerTypes.${h}`) }))} {...register(`${at}.headers.${i}.type`)} />
      <RowInput id={`${id}-value`} label={t("headerValueN", labels)} error={valueError} placeholder={t("headerValue")} className="font-mono" {...register(`${at}.headers.${i}.value`, { deps: [name] })} />
      <RemoveButton label={t("removeHeader", labels)} onClick={onRemove} />
      <RowError id={`${id}-name`} error={nameError} />
      <RowError id={`${id}-value`} error={valueError} />
    </div>
  );
}

// ---- backends ----

function Backends({ rule, services }: { rule: number; services: Choices<ServiceObject> }) {
  const t = useTranslations("workloads.routeForm");
  const { control } = useFormContext<FormState>();
  const { fields, append, remove } = useFieldArray({ control, name: `rules.${rule}.backends` });
  const rows = useWatch({ control, name: `rules.${rule}.backends` }) ?? [];
  const weights = rows.map((b) => (INT.test((b?.weight ?? "").trim()) && (b?.service ?? "").trim() ? Number(b.weight.trim()) : 0));
  const shares = roundedPercents(weights);
  const segments = rows.flatMap((b, j) => ((b?.service ?? "").trim() ? [{ label: b.service.trim(), weight: weights[j] }] : []));
  const n = rule + 1;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-medium">{t("backends")}</h3>
      <p className={subtleClass}>{t("backendsHint")}</p>
      <div aria-hidden className="grid grid-cols-[minmax(10rem,2fr)_minmax(7rem,1fr)_6rem_4rem_auto] gap-2 text-xs font-medium text-slate-600 dark:text-slate-300">
        <span>{t("service")}</span>
        <span>{t("port")}</span>
        <span>{t("weight")}</span>
        <span className="text-right">{t("share")}</span>
        <span />
      </div>
      {fields.map((f, j) => (
        <BackendRow key={f.id} rule={rule} i={j} share={shares[j]} services={services} onRemove={() => remove(j)} removable={fields.length > 1} />
      ))}
      {segments.length > 1 && <WeightBar segments={segments} label={t("splitOfRule", { n })} testId={`form-split-${rule}`} />}
      <Button onClick={() => append(emptyBackend(fields.length ? "0" : "1"))} disabled={fields.length >= MAX_BACKENDS}>
        {t("addBackend")}
      </Button>
    </div>
  );
}

function BackendRow({ rule, i, share, services, onRemove, removable }: { rule: number; i: number; share: number; services: Choices<ServiceObject>; onRemove: () => void; removable: boolean }) {
  const t = useTranslations("workloads.routeForm");
  const id = useId();
  const { register, setValue, getValues, control } = useFormContext<FormState>();
  const at = `rules.${rule}.backends.${i}` as const;
  const serviceError = useFieldError(`${at}.service`);
  const portError = useFieldError(`${at}.port`);
  const weightError = useFieldError(`${at}.weight`);
  const service = useWatch({ control, name: `${at}.service` });
  const keep = getValues(`${at}.keep`);
  const isService = (keep.group ?? "") === "" && (keep.kind ?? "Service") === "Service";
  const labels = { b: i + 1, n: rule + 1 };
  const chosen = services.items?.find((s) => s.metadata.name === service);
  const ports = portOptions(chosen);
  const port = useWatch({ control, name: `${at}.port` });
  // A backend naming a Service not (or no longer) in the namespace keeps its name as an option.
  const serviceOptions = (services.items ?? []).map((s) => ({ value: s.metadata.name ?? "", label: s.metadata.name ?? "" }));
  if (service && !serviceOptions.some((o) => o.value === service)) serviceOptions.push({ value: service, label: t("missingService", { name: service }) });
  if (port && ports.length && !ports.some((o) => o.value === port)) ports.push({ value: port, label: port });
  const pickService = (name: string) => {
    const s = services.items?.find((x) => x.metadata.name === name);
    const first = s?.spec?.ports?.[0];
    const cur = getValues(`${at}.port`);
    if (first && !(s?.spec?.ports ?? []).some((p) => String(p.port) === cur)) setValue(`${at}.port`, String(first.port), { shouldValidate: !!cur });
  };
  return (
    <div className="grid grid-cols-[minmax(10rem,2fr)_minmax(7rem,1fr)_6rem_4rem_auto] items-start gap-2" data-testid="backend-row">
      {services.loading && isService ? (
        <RowLoading id={`${id}-svc`} label={t("serviceN", labels)} className="font-mono" />
      ) : services.items && isService ? (
        <RowSelect
          id={`${id}-svc`}
          label={t("serviceN", labels)}
          error={serviceError}
          options={serviceOptions}
          placeholder={t("chooseService")}
          className="font-mono"
          {...register(`${at}.service`, { onChange: (e: React.ChangeEvent<HTMLSelectElement>) => pickService(e.target.value) })}
        />
      ) : (
        <RowInput id={`${id}-svc`} label={t("serviceN", labels)} error={serviceError} placeholder={t("serviceName")} className="font-mono" {...register(`${at}.service`)} />
      )}
      {chosen && ports.length ? (
        <RowSelect id={`${id}-port`} label={t("portN", labels)} error={portError} options={ports} placeholder={t("choosePort")} className="tabular-nums" {...register(`${at}.port`)} />
      ) : (
        <RowInput id={`${id}-port`} label={t("portN", labels)} error={portError} type="number" min={1} max={65535} placeholder="80" className="tabular-nums" {...register(`${at}.port`)} />
      )}
      <RowInput id={`${id}-weight`} label={t("weightN", labels)} error={weightError} type="number" min={0} step={1} inputMode="numeric" className="tabular-nums" {...register(`${at}.weight`)} />
      <span className="self-center text-right text-sm tabular-nums" data-testid="backend-share">
        {share} %
      </span>
      <RemoveButton label={t("removeBackend", labels)} onClick={onRemove} disabled={!removable} />
      <RowError id={`${id}-svc`} error={serviceError} />
      <RowError id={`${id}-port`} error={portError} />
      <RowError id={`${id}-weight`} error={weightError} />
    </div>
  );
}

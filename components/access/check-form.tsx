"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { type CanICheck, rolesQuery, tenantsQuery } from "@/lib/access/queries";
import { clustersQuery } from "@/lib/clusters/queries";

// Used until the vocabulary has loaded (policies/permissions.yaml).
const DEFAULT_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];
const CONSOLE_AREAS = [
  "console/clusters",
  "console/tenants",
  "console/users",
  "console/tenant",
  "console/members",
  "console/roles",
  "console/projects",
  "console/monitoring",
  "console/promql",
];

type PlaceKind = "platform" | "cluster" | "tenant";

interface Errors {
  resource?: string;
  cluster?: string;
  tenant?: string;
}

/** A permission question: verb, resource and place (the platform, a cluster or namespace, or a tenant). */
export function CheckForm({
  submitLabel,
  pending,
  onSubmit,
  onChange,
}: {
  submitLabel: string;
  pending?: boolean;
  onSubmit: (check: CanICheck) => void;
  /** Any field changed: an earlier answer no longer fits the question. */
  onChange?: () => void;
}) {
  const t = useTranslations("access.check");
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const vocab = useQuery(rolesQuery()).data?.vocabulary;
  const clusters = useQuery(clustersQuery()).data?.items ?? [];
  const tenants = useQuery(tenantsQuery()).data?.items ?? [];
  const verbs = vocab?.verbs.length ? vocab.verbs : DEFAULT_VERBS;
  const resources = [...new Set([...(vocab?.matrix.flatMap((g) => g.resources) ?? []), ...CONSOLE_AREAS, "*"])];

  const [verb, setVerb] = useState("get");
  const [resource, setResource] = useState("");
  const [place, setPlace] = useState<PlaceKind>("cluster");
  const [cluster, setCluster] = useState("");
  const [namespace, setNamespace] = useState("");
  const [tenant, setTenant] = useState("");
  const [errors, setErrors] = useState<Errors>({});

  const changed = (field?: keyof Errors) => {
    if (field) setErrors((e) => ({ ...e, [field]: undefined }));
    onChange?.();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    if (!resource.trim()) next.resource = t("resourceRequired");
    if (place === "cluster" && !cluster) next.cluster = t("clusterRequired");
    if (place === "tenant" && !tenant.trim()) next.tenant = t("tenantRequired");
    setErrors(next);
    if (Object.keys(next).length) {
      // After React has rendered the errors.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus(), 0);
      return;
    }
    onSubmit({
      verb,
      resource: resource.trim(),
      ...(place === "cluster" ? { cluster, namespace: namespace.trim() || undefined } : {}),
      ...(place === "tenant" ? { tenant: tenant.trim() } : {}),
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4" aria-busy={pending}>
      <div className="grid gap-4 md:grid-cols-[10rem_1fr]">
        <Field label={t("verb")}>
          {(p) => (
            <select
              {...p}
              value={verb}
              onChange={(e) => {
                setVerb(e.target.value);
                changed();
              }}
              className={`${inputClass} font-mono`}
            >
              {[...verbs, "*"].map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("resource")} hint={t("resourceHint")} error={errors.resource}>
          {(p) => (
            <input
              {...p}
              type="text"
              list={`${id}-resources`}
              value={resource}
              onChange={(e) => {
                setResource(e.target.value);
                changed("resource");
              }}
              placeholder={t("resourcePlaceholder")}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              className={`${inputClass} font-mono`}
            />
          )}
        </Field>
        <datalist id={`${id}-resources`}>
          {resources.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </div>

      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t("place")}</legend>
        <div className="flex flex-wrap gap-2">
          {(["cluster", "tenant", "platform"] as const).map((k) => (
            <label
              key={k}
              className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600 ${
                place === k
                  ? "border-sky-600 bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
                  : "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-200"
              }`}
            >
              <input
                type="radio"
                name={`${id}-place`}
                value={k}
                checked={place === k}
                onChange={() => {
                  setPlace(k);
                  changed();
                }}
                className="accent-sky-700"
              />
              {t(`place_${k}`)}
            </label>
          ))}
        </div>
        {place === "cluster" && (
          <div className="grid gap-4 md:grid-cols-2">
            <Field label={t("cluster")} error={errors.cluster}>
              {(p) => (
                <select
                  {...p}
                  value={cluster}
                  onChange={(e) => {
                    setCluster(e.target.value);
                    changed("cluster");
                  }}
                  className={inputClass}
                >
                  <option value="">{t("chooseCluster")}</option>
                  {clusters.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.displayName !== c.name ? `${c.displayName} (${c.name})` : c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("namespace")} hint={t("namespaceHint")}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  value={namespace}
                  onChange={(e) => {
                    setNamespace(e.target.value);
                    changed();
                  }}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  className={`${inputClass} font-mono`}
                />
              )}
            </Field>
          </div>
        )}
        {place === "tenant" && (
          <div className="max-w-md">
            <Field label={t("tenant")} error={errors.tenant}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  list={`${id}-tenants`}
                  value={tenant}
                  onChange={(e) => {
                    setTenant(e.target.value);
                    changed("tenant");
                  }}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  className={`${inputClass} font-mono`}
                />
              )}
            </Field>
            <datalist id={`${id}-tenants`}>
              {tenants.map((tn) => (
                <option key={tn.name} value={tn.name}>
                  {tn.displayName}
                </option>
              ))}
            </datalist>
          </div>
        )}
        {place === "platform" && <p className="text-xs text-slate-500 dark:text-slate-400">{t("platformHint")}</p>}
      </fieldset>

      <Button type="submit" variant="primary" disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}

/** The place of a check in words, for the answer. */
export function useCheckPlace() {
  const t = useTranslations("access.check");
  return (c: CanICheck): string =>
    c.tenant
      ? t("atTenant", { tenant: c.tenant })
      : c.cluster && c.namespace
        ? t("atNamespace", { namespace: c.namespace, cluster: c.cluster })
        : c.cluster
          ? t("atCluster", { cluster: c.cluster })
          : t("atPlatform");
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Dialog } from "@/components/ui/dialog";
import { useWatch } from "react-hook-form";
import { CheckField, DialogForm, SelectField, TextField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { type FormErrors, conflictOn, sameName } from "@/components/ui/form-errors";
import { type CreateRepositoryBody, appsKey, createRepository } from "@/lib/query/apps";
import { DNS_LABEL } from "@/lib/validations/labels";

// Adds a chart repository — an http(s) one with an index.yaml or charts in an
// OCI registry — platform-wide (platform admins) or one tenant's (its admins),
// offered as the caller may. The console reads it at once; a repository it
// cannot read is still added and shows why.

/** The scope select's value for platform-wide (":" is in no tenant's name). */
export const PLATFORM = ":platform";
const NAME_MAX = 40;

type Values = { name: string; displayName: string; description: string; url: string; plainHTTP: boolean; scope: string; username: string; password: string };

const isOCI = (url: string) => /^oci:\/\//i.test(url.trim());

/** The form's own checks, as keys of apps.repositories.add.errors. */
export function repositoryErrors(v: Values, submit: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const name = v.name.trim();
  if (!name) {
    if (submit) out.name = "nameRequired";
  } else if (name.length > NAME_MAX) out.name = "nameTooLong";
  else if (!DNS_LABEL.test(name)) out.name = "namePattern";
  const url = v.url.trim();
  if (!url) {
    if (submit) out.url = "urlRequired";
  } else if (!/^(https?|oci):\/\/[^\s/@]+/i.test(url)) out.url = "urlPattern";
  else if (/^[a-z]+:\/\/[^/]*@/i.test(url)) out.url = "urlCredentials";
  if (submit && !v.scope) out.scope = "scopeRequired";
  if (v.password && !v.username.trim()) out.username = "usernameRequired";
  return out;
}

export function repositoryBody(v: Values): CreateRepositoryBody {
  return {
    name: v.name.trim(),
    url: v.url.trim(),
    plainHTTP: isOCI(v.url) && v.plainHTTP ? true : undefined,
    displayName: v.displayName.trim() || undefined,
    description: v.description.trim() || undefined,
    tenant: v.scope && v.scope !== PLATFORM ? v.scope : undefined,
    username: v.username.trim() || undefined,
    password: v.password || undefined,
  };
}

const target = sameName(["name", "displayName", "description", "url", "plainHTTP", "username", "password"]);
const toField = (field: string, message: string) => (field === "tenant" ? "scope" : target(field, message));

export function AddRepositoryDialog({ platform, tenants, onClose }: { platform: boolean; tenants: string[]; onClose: () => void }) {
  const t = useTranslations("apps.repositories.add");
  const qc = useQueryClient();
  const scopes = [...(platform ? [{ value: PLATFORM, label: t("platform") }] : []), ...tenants.map((x) => ({ value: x, label: t("tenant", { tenant: x }) }))];
  const form = useCheckedForm<Values>(
    { name: "", displayName: "", description: "", url: "", plainHTTP: false, scope: scopes.length === 1 ? scopes[0].value : "", username: "", password: "" },
    (v, submit) => {
      const out: FormErrors = {};
      for (const [field, key] of Object.entries(repositoryErrors(v, submit))) out[field] = t(`errors.${key}`, { max: NAME_MAX });
      return out;
    },
  );
  const oci = isOCI(useWatch({ control: form.control, name: "url" }) ?? "");
  const add = useMutation({ mutationFn: createRepository, onSuccess: () => qc.invalidateQueries({ queryKey: appsKey }) });
  const onSubmit = (v: Values) =>
    add.mutate(repositoryBody(v), {
      onSuccess: () => onClose(),
      onError: (err) => showServerErrors(form, err, toField, conflictOn(err, "name", () => t("errors.nameTaken", { name: v.name.trim() }))),
    });
  return (
    <Dialog open onClose={onClose} title={t("title")} wide>
      <DialogForm
        form={form}
        onSubmit={onSubmit}
        pending={add.isPending}
        onCancel={onClose}
        text={{ failed: t("failed"), submit: t("submit"), submitting: t("submitting"), busy: t("busy") }}
        className="grid gap-4 md:grid-cols-2"
      >
        <TextField name="name" label={t("name")} hint={t("nameHint", { max: NAME_MAX })} code required autoFocus />
        <TextField name="displayName" label={t("displayName")} maxLength={80} />
        <div className="md:col-span-2">
          <TextField name="url" label={t("url")} hint={t("urlHint")} code required placeholder="https://charts.example.com/" />
        </div>
        {oci && (
          <div className="md:col-span-2">
            <CheckField name="plainHTTP" label={t("plainHTTP")} hint={t("plainHTTPHint")} />
          </div>
        )}
        <SelectField name="scope" label={t("scope")} hint={t("scopeHint")} options={scopes} placeholder={scopes.length === 1 ? undefined : t("chooseScope")} />
        <TextField name="description" label={t("description")} maxLength={500} />
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 md:col-span-2 dark:border-slate-700">
          <legend className="px-1 text-sm font-semibold">{t("credentials")}</legend>
          <p className="text-xs text-slate-500 dark:text-slate-400">{t("credentialsHint")}</p>
          <div className="grid gap-4 md:grid-cols-2">
            <TextField name="username" label={t("username")} code autoComplete="off" />
            <TextField name="password" label={t("password")} type="password" autoComplete="new-password" />
          </div>
        </fieldset>
      </DialogForm>
    </Dialog>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Controller, useWatch } from "react-hook-form";
import { Dialog } from "@/components/ui/dialog";
import { ChoiceField, DialogForm, TextField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { type FormErrors, conflictOn, sameName, schemaErrors } from "@/components/ui/form-errors";
import { type Role, type RoleRule, type Tenant, type Vocabulary, accessKey, createRole, updateRole } from "@/lib/access/queries";
import { createRoleBodySchema, updateRoleBodySchema } from "@/lib/validations/tenancy";
import { ROLE_NAME_MAX, dnsLabelError } from "./access-form-model";
import { useScopeTypeLabel } from "./labels";
import { RoleMatrix } from "./role-matrix";
import { type MatrixState, emptyMatrix, hasRules, matrixFromRules, rulesFromMatrix } from "./role-matrix-model";

export type RoleDialogState = { mode: "create" } | { mode: "edit"; role: Role };

export function RoleDialog({
  state,
  tenant,
  vocab,
  onClose,
}: {
  state: RoleDialogState | undefined;
  tenant: Tenant;
  vocab: Vocabulary;
  onClose: () => void;
}) {
  const t = useTranslations("access.customRoles");
  const title = state?.mode === "edit" ? t("edit.title", { name: state.role.displayName || state.role.name }) : t("create.title");
  return (
    <Dialog open={!!state} onClose={onClose} title={title} wide>
      {state && (
        <RoleForm key={state.mode === "edit" ? state.role.name : "new"} role={state.mode === "edit" ? state.role : undefined} tenant={tenant} vocab={vocab} onDone={onClose} />
      )}
    </Dialog>
  );
}

const target = sameName(["name", "displayName", "description", "scope", "rules"]);

type Values = { name: string; displayName: string; description: string; scope: "tenant" | "project"; matrix: MatrixState };
type Body = { mode: "create"; name: string; scope: "tenant" | "project"; displayName: string; description: string; rules: RoleRule[] } | { mode: "edit"; displayName: string; description: string; rules: RoleRule[] };

function RoleForm({ role, tenant, vocab, onDone }: { role?: Role; tenant: Tenant; vocab: Vocabulary; onDone: () => void }) {
  const t = useTranslations("access.customRoles");
  const tf = useTranslations("access.form");
  const tc = useTranslations("common");
  const scopeType = useScopeTypeLabel();
  const qc = useQueryClient();
  const id = useId();
  const editing = !!role;
  const toBody = (v: Values): Body => {
    const common = { displayName: v.displayName.trim(), description: v.description.trim(), rules: rulesFromMatrix(v.matrix, vocab) };
    return editing ? { mode: "edit", ...common } : { mode: "create", name: v.name.trim(), scope: v.scope, ...common };
  };
  const form = useCheckedForm<Values>(
    {
      name: "",
      displayName: role?.displayName ?? "",
      description: role?.description ?? "",
      scope: role?.scope === "tenant" ? "tenant" : "project",
      matrix: role ? matrixFromRules(role.rules, vocab) : emptyMatrix(),
    },
    (v, submit) => {
      const out: FormErrors = {};
      const name = editing ? undefined : dnsLabelError(v.name, submit, ROLE_NAME_MAX);
      if (name) out.name = tf(name, { max: ROLE_NAME_MAX });
      if (submit && !hasRules(v.matrix)) out.rules = t("form.rulesRequired");
      if (Object.keys(out).length || !submit) return out;
      const { mode, ...body } = toBody(v);
      return mode === "create" ? schemaErrors(createRoleBodySchema, { ...body, tenant: tenant.name }, target) : schemaErrors(updateRoleBodySchema, body, target);
    },
  );
  const scope = useWatch({ control: form.control, name: "scope" });
  // Read here, not in the Controller below: react-hook-form re-renders only what read the errors while rendering.
  const rulesError = (form.formState.errors as FormErrorsOf).rules?.message;

  const save = useMutation({
    mutationFn: (b: Body) =>
      b.mode === "create"
        ? createRole({
            name: b.name,
            displayName: b.displayName || undefined,
            description: b.description || undefined,
            scope: b.scope,
            tenant: tenant.name,
            rules: b.rules,
          })
        : updateRole(role!.name, { displayName: b.displayName, description: b.description, rules: b.rules }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKey }),
  });

  const onSubmit = (v: Values) =>
    save.mutate(toBody(v), {
      onSuccess: () => onDone(),
      onError: (err) => showServerErrors(form, err, target, editing ? {} : conflictOn(err, "name", () => t("create.nameTaken", { name: v.name.trim() }))),
    });

  const pending = save.isPending;
  const text = { failed: editing ? t("edit.failed") : t("create.failed"), submit: editing ? tc("save") : t("create.submit"), submitting: tc("saving") };
  return (
    <DialogForm form={form} onSubmit={onSubmit} pending={pending} onCancel={onDone} text={text}>
      <div className="grid gap-4 md:grid-cols-2">
        {editing ? (
          <div className="space-y-1 text-sm">
            <p className="font-medium text-slate-800 dark:text-slate-200">{t("form.name")}</p>
            <p className="font-mono">{role.name}</p>
            <p className="text-xs text-slate-500 dark:text-slate-400">{t("form.scopeFixed", { scope: scopeType(role.scope) })}</p>
          </div>
        ) : (
          <TextField name="name" label={t("form.name")} hint={t("form.nameHint", { max: ROLE_NAME_MAX })} code required autoFocus />
        )}
        <TextField name="displayName" label={t("form.displayName")} autoFocus={editing} />
      </div>
      <TextField name="description" label={t("form.description")} rows={2} />
      {!editing && (
        <ChoiceField
          name="scope"
          legend={t("form.scope")}
          hint={t(`form.scopeHint_${scope}`)}
          options={(["project", "tenant"] as const).map((s) => ({ value: s, label: scopeType(s) }))}
        />
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("form.permissions")}</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">{t("form.permissionsHint")}</p>
        <Controller
          control={form.control}
          name="matrix"
          render={({ field }) => (
            <RoleMatrix
              vocab={vocab}
              value={field.value}
              onChange={(m) => {
                field.onChange(m);
                form.clearErrors("rules" as never);
              }}
              error={rulesError}
              errorId={`${id}-rules-error`}
            />
          )}
        />
      </fieldset>
    </DialogForm>
  );
}

type FormErrorsOf = Record<string, { message?: string } | undefined>;

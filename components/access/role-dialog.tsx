"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { type FormErrors, focusFirstInvalid, routeErrors, without } from "@/components/ui/form-errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { type Role, type RoleRule, type Tenant, type Vocabulary, accessKey, createRole, updateRole } from "@/lib/access/queries";
import { ApiClientError } from "@/lib/client/api";
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

const target = (field: string) => {
  const top = field.split(".")[0];
  return ["name", "displayName", "description", "scope", "rules"].includes(top) ? top : undefined;
};

type Body = { mode: "create"; name: string; scope: "tenant" | "project"; displayName: string; description: string; rules: RoleRule[] } | { mode: "edit"; displayName: string; description: string; rules: RoleRule[] };

function RoleForm({ role, tenant, vocab, onDone }: { role?: Role; tenant: Tenant; vocab: Vocabulary; onDone: () => void }) {
  const t = useTranslations("access.customRoles");
  const tf = useTranslations("access.form");
  const tc = useTranslations("common");
  const scopeType = useScopeTypeLabel();
  const qc = useQueryClient();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = !!role;
  const [name, setName] = useState("");
  const [displayName, setDisplayName] = useState(role?.displayName ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [scope, setScope] = useState<"tenant" | "project">(role?.scope === "tenant" ? "tenant" : "project");
  const [matrix, setMatrix] = useState<MatrixState>(() => (role ? matrixFromRules(role.rules, vocab) : emptyMatrix()));
  const [errors, setErrors] = useState<FormErrors>({});
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick) focusFirstInvalid(formRef.current);
  }, [focusTick]);

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

  const liveName = editing ? undefined : dnsLabelError(name, false, ROLE_NAME_MAX);
  const errorText = (field: string) => (field === "name" && liveName ? tf(liveName, { max: ROLE_NAME_MAX }) : errors[field]);
  const clear = (...fields: string[]) => setErrors((e) => without(e, ...fields));

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const required: FormErrors = {};
    const nameProblem = editing ? undefined : dnsLabelError(name, true, ROLE_NAME_MAX);
    if (nameProblem) required.name = tf(nameProblem, { max: ROLE_NAME_MAX });
    if (!hasRules(matrix)) required.rules = t("form.rulesRequired");
    if (Object.keys(required).length) {
      setErrors(required);
      setFocusTick((n) => n + 1);
      return;
    }
    setErrors({});
    const common = { displayName: displayName.trim(), description: description.trim(), rules: rulesFromMatrix(matrix, vocab) };
    save.mutate(editing ? { mode: "edit", ...common } : { mode: "create", name: name.trim(), scope, ...common }, {
      onSuccess: () => onDone(),
      onError: (err) => {
        const out = routeErrors(err, target);
        if (!editing && err instanceof ApiClientError && err.status === 409 && !err.fields.name) out.name = t("create.nameTaken", { name: name.trim() });
        setErrors(out);
        setFocusTick((n) => n + 1);
      },
    });
  };

  const pending = save.isPending;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {errors._ && <ErrorState title={editing ? t("edit.failed") : t("create.failed")} message={errors._} />}
      <fieldset disabled={pending} className="space-y-4">
        <div className="grid gap-4 md:grid-cols-2">
          {editing ? (
            <div className="space-y-1 text-sm">
              <p className="font-medium text-slate-800 dark:text-slate-200">{t("form.name")}</p>
              <p className="font-mono">{role.name}</p>
              <p className="text-xs text-slate-500 dark:text-slate-400">{t("form.scopeFixed", { scope: scopeType(role.scope) })}</p>
            </div>
          ) : (
            <Field label={t("form.name")} hint={t("form.nameHint", { max: ROLE_NAME_MAX })} error={errorText("name")}>
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
                  required
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  className={`${inputClass} font-mono`}
                />
              )}
            </Field>
          )}
          <Field label={t("form.displayName")} error={errorText("displayName")}>
            {(p) => (
              <input
                {...p}
                ref={editing ? dialogAutoFocus : undefined}
                type="text"
                value={displayName}
                onChange={(e) => {
                  setDisplayName(e.target.value);
                  clear("displayName");
                }}
                autoComplete="off"
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <Field label={t("form.description")} error={errorText("description")}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
                clear("description");
              }}
              className={inputClass}
            />
          )}
        </Field>
        {!editing && (
          <fieldset aria-describedby={`${id}-scope-hint${errors.scope ? ` ${id}-scope-error` : ""}`}>
            <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t("form.scope")}</legend>
            <div className="flex flex-wrap gap-2">
              {(["project", "tenant"] as const).map((s) => (
                <label
                  key={s}
                  className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600 ${
                    scope === s
                      ? "border-sky-600 bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
                      : "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-200"
                  }`}
                >
                  <input
                    type="radio"
                    name={`${id}-scope`}
                    value={s}
                    checked={scope === s}
                    onChange={() => {
                      setScope(s);
                      clear("scope");
                    }}
                    className="accent-sky-700"
                  />
                  {scopeType(s)}
                </label>
              ))}
            </div>
            <p id={`${id}-scope-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              {t(`form.scopeHint_${scope}`)}
            </p>
            {errors.scope && (
              <p id={`${id}-scope-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                {errors.scope}
              </p>
            )}
          </fieldset>
        )}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("form.permissions")}</legend>
          <p className="text-xs text-slate-500 dark:text-slate-400">{t("form.permissionsHint")}</p>
          <RoleMatrix
            vocab={vocab}
            value={matrix}
            onChange={(m) => {
              setMatrix(m);
              clear("rules");
            }}
            error={errors.rules}
            errorId={`${id}-rules-error`}
          />
        </fieldset>
      </fieldset>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onDone}>{tc("cancel")}</Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? tc("saving") : editing ? tc("save") : t("create.submit")}
        </Button>
      </div>
    </form>
  );
}

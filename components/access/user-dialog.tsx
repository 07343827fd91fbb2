"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { type FormErrors, focusFirstInvalid, routeErrors, without } from "@/components/clusters/cluster-form-model";
import { useSession } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { type CreateUserBody, type UpdateUserBody, type UserSummary, accessKey, createUser, updateUser } from "@/lib/access/queries";
import { ApiClientError } from "@/lib/client/api";
import { emailError, passwordError, splitList } from "./access-form-model";

export type UserDialogState = { mode: "create" } | { mode: "edit"; user: UserSummary };

export function UserDialog({ state, onClose }: { state: UserDialogState | undefined; onClose: () => void }) {
  const t = useTranslations("access.users");
  const title = state?.mode === "edit" ? t("edit.title", { name: state.user.username }) : t("create.title");
  return (
    <Dialog open={!!state} onClose={onClose} title={title}>
      {state && <UserForm key={state.mode === "edit" ? state.user.name : "new"} user={state.mode === "edit" ? state.user : undefined} onDone={onClose} />}
    </Dialog>
  );
}

const target = (field: string) => {
  const top = field.split(".")[0];
  return ["username", "displayName", "email", "password", "groups", "disabled"].includes(top) ? top : undefined;
};

type Submit = { mode: "create"; body: CreateUserBody } | { mode: "edit"; name: string; body: UpdateUserBody };

function UserForm({ user, onDone }: { user?: UserSummary; onDone: () => void }) {
  const t = useTranslations("access.users");
  const tf = useTranslations("access.form");
  const tc = useTranslations("common");
  const me = useSession().username;
  const qc = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = !!user;
  const local = !user || user.provider !== "oidc";
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState(user?.displayName ?? "");
  const [email, setEmail] = useState(user?.email ?? "");
  const [password, setPassword] = useState("");
  const [groups, setGroups] = useState((user?.groups ?? []).join(", "));
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const [errors, setErrors] = useState<FormErrors>({});
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick) focusFirstInvalid(formRef.current);
  }, [focusTick]);

  const save = useMutation({
    mutationFn: (s: Submit) => (s.mode === "create" ? createUser(s.body) : updateUser(s.name, s.body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKey }),
  });

  const liveEmail = emailError(email);
  const errorText = (field: string) => (field === "email" && liveEmail ? tf(liveEmail) : errors[field]);
  const clear = (field: string) => setErrors((e) => without(e, field));

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const required: FormErrors = {};
    if (!editing && !username.trim()) required.username = t("form.usernameRequired");
    const pw = passwordError(password, !editing);
    if (pw) required.password = tf(pw);
    if (Object.keys(required).length || liveEmail) {
      setErrors(required);
      setFocusTick((n) => n + 1);
      return;
    }
    setErrors({});
    const groupList = splitList(groups);
    const submit: Submit = editing
      ? {
          mode: "edit",
          name: user.name,
          body: { displayName: displayName.trim(), email: email.trim(), groups: groupList, disabled, ...(password ? { password } : {}) },
        }
      : {
          mode: "create",
          body: {
            username: username.trim(),
            displayName: displayName.trim() || undefined,
            email: email.trim() || undefined,
            password,
            groups: groupList.length ? groupList : undefined,
          },
        };
    save.mutate(submit, {
      onSuccess: () => onDone(),
      onError: (err) => {
        const out = routeErrors(err, target);
        if (!editing && err instanceof ApiClientError && err.status === 409 && !err.fields.username) out.username = t("create.usernameTaken", { name: username.trim() });
        setErrors(out);
        setFocusTick((n) => n + 1);
      },
    });
  };

  const pending = save.isPending;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {errors._ && <ErrorState title={editing ? t("edit.failed") : t("create.failed")} message={errors._} />}
      {editing && !local && <p className="text-sm text-slate-500 dark:text-slate-400">{t("form.oidcNote")}</p>}
      <fieldset disabled={pending} className="space-y-4">
        {!editing && (
          <Field label={t("form.username")} hint={t("form.usernameHint")} error={errorText("username")}>
            {(p) => (
              <input
                {...p}
                ref={dialogAutoFocus}
                type="text"
                value={username}
                onChange={(e) => {
                  setUsername(e.target.value);
                  clear("username");
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
        <Field label={t("form.email")} error={errorText("email")}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                clear("email");
              }}
              autoComplete="off"
              className={inputClass}
            />
          )}
        </Field>
        {local && (
          <Field
            label={editing ? t("form.newPassword") : t("form.password")}
            hint={editing ? t("form.newPasswordHint") : undefined}
            error={errorText("password")}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                value={password}
                onChange={(e) => {
                  setPassword(e.target.value);
                  clear("password");
                }}
                required={!editing}
                autoComplete="new-password"
                className={inputClass}
              />
            )}
          </Field>
        )}
        <Field label={t("form.groups")} hint={t("form.groupsHint")} error={errorText("groups")}>
          {(p) => (
            <input
              {...p}
              type="text"
              value={groups}
              onChange={(e) => {
                setGroups(e.target.value);
                clear("groups");
              }}
              placeholder={t("form.groupsPlaceholder")}
              autoComplete="off"
              spellCheck={false}
              className={inputClass}
            />
          )}
        </Field>
        {editing &&
          (user.username === me ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">{t("form.disableSelf")}</p>
          ) : (
            <CheckboxField
              label={t("form.disabled")}
              hint={t("form.disabledHint")}
              error={errorText("disabled")}
              checked={disabled}
              onChange={(v) => {
                setDisabled(v);
                clear("disabled");
              }}
            />
          ))}
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

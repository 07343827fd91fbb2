"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { z } from "@/lib/validations/zod";
import { useSession } from "@/components/providers";
import { Dialog } from "@/components/ui/dialog";
import { conflictOn, sameName } from "@/components/ui/form-errors";
import { CheckField, DialogForm, TextField, showServerErrors, useSchemaForm } from "@/components/ui/form";
import { type CreateUserBody, type UpdateUserBody, type UserSummary, accessKey, createUser, updateUser } from "@/lib/access/queries";
import { createUserBodySchema, updateUserBodySchema } from "@/lib/validations/tenancy";
import { emailError, splitList } from "./access-form-model";

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

const FIELDS = ["username", "displayName", "email", "password", "groups", "disabled"] as const;

type Submit = { mode: "create"; body: CreateUserBody } | { mode: "edit"; name: string; body: UpdateUserBody };
type Translate = (key: string) => string;

/** The API's checks, with the form's own wording for what people get wrong most. */
function userSchema(editing: boolean, t: Translate, tf: Translate) {
  const email = z.string().refine((v) => !emailError(v), tf("emailInvalid"));
  const groups = z.string();
  if (editing) {
    // Blank keeps the password.
    const password = z.preprocess((v) => (v === "" ? undefined : v), updateUserBodySchema.shape.password);
    return z.object({ username: z.string(), displayName: updateUserBodySchema.shape.displayName.unwrap(), email, password, groups, disabled: z.boolean() });
  }
  const { shape } = createUserBodySchema;
  return z.object({
    username: z.string().trim().min(1, t("form.usernameRequired")).pipe(shape.username),
    displayName: shape.displayName.unwrap(),
    email,
    password: z.string().min(1, tf("passwordRequired")).pipe(shape.password),
    groups,
    disabled: z.boolean(),
  });
}

function UserForm({ user, onDone }: { user?: UserSummary; onDone: () => void }) {
  const t = useTranslations("access.users");
  const tf = useTranslations("access.form");
  const tc = useTranslations("common");
  const me = useSession().username;
  const qc = useQueryClient();
  const editing = !!user;
  const local = !user || user.provider !== "oidc";
  const form = useSchemaForm(userSchema(editing, t, tf), {
    username: "",
    displayName: user?.displayName ?? "",
    email: user?.email ?? "",
    password: "",
    groups: (user?.groups ?? []).join(", "),
    disabled: user?.disabled ?? false,
  });

  const save = useMutation({
    mutationFn: (s: Submit) => (s.mode === "create" ? createUser(s.body) : updateUser(s.name, s.body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKey }),
  });

  const onSubmit = (v: z.output<ReturnType<typeof userSchema>>) => {
    const groupList = splitList(v.groups);
    const email = v.email.trim();
    const submit: Submit = editing
      ? {
          mode: "edit",
          name: user.name,
          body: { displayName: v.displayName, email, groups: groupList, disabled: v.disabled, ...(v.password ? { password: v.password } : {}) },
        }
      : {
          mode: "create",
          body: { username: v.username, displayName: v.displayName || undefined, email: email || undefined, password: v.password ?? "", groups: groupList.length ? groupList : undefined },
        };
    save.mutate(submit, {
      onSuccess: () => onDone(),
      onError: (err) =>
        showServerErrors(form, err, sameName(FIELDS), editing ? {} : conflictOn(err, "username", () => t("create.usernameTaken", { name: v.username }))),
    });
  };

  const pending = save.isPending;
  const text = { failed: editing ? t("edit.failed") : t("create.failed"), submit: editing ? tc("save") : t("create.submit"), submitting: tc("saving") };
  return (
    <DialogForm form={form} onSubmit={onSubmit} pending={pending} onCancel={onDone} text={text}>
      {editing && !local && <p className="text-sm text-slate-500 dark:text-slate-400">{t("form.oidcNote")}</p>}
      {!editing && <TextField name="username" label={t("form.username")} hint={t("form.usernameHint")} code required autoFocus />}
      <TextField name="displayName" label={t("form.displayName")} autoFocus={editing} />
      <TextField name="email" type="email" label={t("form.email")} />
      {local && (
        <TextField
          name="password"
          type="password"
          label={editing ? t("form.newPassword") : t("form.password")}
          hint={editing ? t("form.newPasswordHint") : undefined}
          required={!editing}
          autoComplete="new-password"
        />
      )}
      <TextField name="groups" label={t("form.groups")} hint={t("form.groupsHint")} placeholder={t("form.groupsPlaceholder")} spellCheck={false} />
      {editing &&
        (user.username === me ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("form.disableSelf")}</p>
        ) : (
          <CheckField name="disabled" label={t("form.disabled")} hint={t("form.disabledHint")} />
        ))}
    </DialogForm>
  );
}

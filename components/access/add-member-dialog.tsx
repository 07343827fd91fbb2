"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Controller, useWatch } from "react-hook-form";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ChoiceField, DialogForm, SelectField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { type FormErrors, schemaErrors } from "@/components/ui/form-errors";
import {
  type CreateBindingBody,
  type ProjectNamespace,
  type Role,
  type SubjectKind,
  type Tenant,
  type UserSummary,
  accessKey,
  createRoleBinding,
  usersQuery,
} from "@/lib/access/queries";
import { createBindingBodySchema } from "@/lib/validations/tenancy";
import { projectKey } from "./access-form-model";
import { useRoleDescription, useRoleName, useScopeLabel } from "./labels";
import { SubjectInput } from "./subject-input";

type ScopeChoice = "tenant" | "project";

export function AddMemberDialog({
  open,
  onClose,
  ...props
}: {
  open: boolean;
  onClose: () => void;
  tenant: Tenant;
  roles: Role[];
  rolesLoading: boolean;
  /** May add members at the tenant itself (tenant admins, platform admins). */
  mayAddAtTenant: boolean;
  /** The projects the caller may add members to. */
  projects: ProjectNamespace[];
}) {
  const t = useTranslations("access.members.add");
  return (
    <Dialog open={open} onClose={onClose} title={t("title", { tenant: props.tenant.displayName || props.tenant.name })}>
      <AddMemberForm {...props} onDone={onClose} />
    </Dialog>
  );
}

/** Server field → the input that shows it. */
function target(field: string, scope: ScopeChoice): string | undefined {
  const top = field.split(".")[0];
  if (top === "subject") return "subject";
  if (top === "role") return "role";
  if (top === "scope") return scope === "project" ? "project" : "scope";
  return undefined;
}

type Values = { kind: SubjectKind; subject: string; scope: ScopeChoice; project: string; role: string };

function AddMemberForm({
  tenant,
  roles,
  rolesLoading,
  mayAddAtTenant,
  projects,
  onDone,
}: {
  tenant: Tenant;
  roles: Role[];
  rolesLoading: boolean;
  mayAddAtTenant: boolean;
  projects: ProjectNamespace[];
  onDone: () => void;
}) {
  const t = useTranslations("access.members");
  const tc = useTranslations("common");
  const roleName = useRoleName();
  const roleDescription = useRoleDescription();
  const scopeLabel = useScopeLabel();
  const qc = useQueryClient();

  // A role may only be bound at its own scope type; project admins may give only built-in project roles.
  const rolesAt = (scope: ScopeChoice) =>
    roles
      .filter((r) => r.scope === scope && (r.builtin || r.tenant === tenant.name) && (mayAddAtTenant || r.builtin))
      .sort((a, b) => Number(b.builtin) - Number(a.builtin) || roleName(a).localeCompare(roleName(b)));

  /** A typed username that is a suggested user's username stands for that user's name. */
  const subjectName = (kind: SubjectKind, subject: string) => {
    const v = subject.trim();
    if (kind !== "User") return v;
    const users = qc.getQueryData<{ items: UserSummary[] }>(usersQuery(v).queryKey)?.items ?? [];
    return users.some((u) => u.name === v) ? v : (users.find((u) => u.username === v)?.name ?? v);
  };

  const toBody = (v: Values): CreateBindingBody => {
    const p = projects.find((x) => projectKey(x) === v.project);
    return {
      subject: { kind: v.kind, name: subjectName(v.kind, v.subject) },
      role: v.role,
      scope: v.scope === "tenant" || !p ? { type: "tenant", tenant: tenant.name } : { type: "project", cluster: p.cluster, namespace: p.namespace },
    };
  };

  const form = useCheckedForm<Values>(
    { kind: "User", subject: "", scope: mayAddAtTenant ? "tenant" : "project", project: projects.length === 1 ? projectKey(projects[0]) : "", role: "" },
    (v, submit) => {
      if (!submit) return {};
      const out: FormErrors = {};
      if (!v.subject.trim()) out.subject = v.kind === "User" ? t("add.userRequired") : t("add.groupRequired");
      if (v.scope === "project" && !v.project) out.project = t("add.projectRequired");
      if (!rolesAt(v.scope).some((r) => r.name === v.role)) out.role = t("add.roleRequired");
      return Object.keys(out).length ? out : schemaErrors(createBindingBodySchema, toBody(v), (f) => target(f, v.scope));
    },
  );
  const [kind, scope, role] = useWatch({ control: form.control, name: ["kind", "scope", "role"] });
  const roleOptions = rolesAt(scope);
  const chosenRole = roleOptions.find((r) => r.name === role);

  const create = useMutation({
    mutationFn: (body: CreateBindingBody) => createRoleBinding(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKey }),
  });

  const onSubmit = (v: Values) =>
    create.mutate(toBody(v), {
      onSuccess: () => onDone(),
      onError: (err) => showServerErrors(form, err, (f) => target(f, v.scope)),
    });

  const pending = create.isPending;
  const text = { failed: t("add.failed"), submit: t("add.submit"), submitting: t("add.submitting") };
  return (
    <DialogForm form={form} onSubmit={onSubmit} pending={pending} onCancel={onDone} text={text}>
      <ChoiceField
        name="kind"
        legend={t("add.kind")}
        options={(["User", "Group"] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        autoFocus
        onChange={() => {
          form.setValue("subject", "");
          form.clearErrors("subject");
        }}
      />
      <Controller
        control={form.control}
        name="subject"
        render={({ field, fieldState }) => (
          <Field
            label={kind === "User" ? t("add.user") : t("add.group")}
            hint={kind === "User" ? t("add.userHint") : t("add.groupHint")}
            error={fieldState.error?.message}
          >
            {(p) => <SubjectInput {...p} kind={kind} value={field.value} onChange={field.onChange} inputRef={field.ref} />}
          </Field>
        )}
      />
      <ChoiceField
        name="scope"
        legend={t("add.scope")}
        options={(["tenant", "project"] as const).map((s) => ({
          value: s,
          label: t(`add.scope_${s}`),
          off: (s === "tenant" ? !mayAddAtTenant : projects.length === 0) ? t(`add.scopeDenied_${s}`) : undefined,
        }))}
        onChange={() => {
          form.setValue("role", "");
          form.clearErrors(["role", "project"]);
        }}
      />
      {scope === "project" && (
        <SelectField
          name="project"
          label={t("add.project")}
          hint={projects.length === 0 ? t("add.noProjects") : undefined}
          placeholder={t("add.chooseProject")}
          options={projects.map((pr) => ({
            value: projectKey(pr),
            label: `${pr.displayName ? `${pr.displayName} — ` : ""}${scopeLabel({ type: "project", cluster: pr.cluster, namespace: pr.namespace })}`,
          }))}
        />
      )}
      <SelectField
        name="role"
        label={t("add.role")}
        hint={chosenRole ? roleDescription(chosenRole) || undefined : t("add.roleHint")}
        placeholder={rolesLoading ? tc("loading") : t("add.chooseRole")}
        options={roleOptions.map((r) => ({ value: r.name, label: r.builtin ? roleName(r) : t("add.customRoleOption", { role: roleName(r) }) }))}
      />
    </DialogForm>
  );
}

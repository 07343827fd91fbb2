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
import {
  type CreateBindingBody,
  type Project,
  type Role,
  type SubjectKind,
  type Tenant,
  type UserSummary,
  accessKey,
  createRoleBinding,
  usersQuery,
} from "@/lib/access/queries";
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
  projects: Project[];
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
  projects: Project[];
  onDone: () => void;
}) {
  const t = useTranslations("access.members");
  const tc = useTranslations("common");
  const roleName = useRoleName();
  const roleDescription = useRoleDescription();
  const scopeLabel = useScopeLabel();
  const qc = useQueryClient();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<SubjectKind>("User");
  const [subject, setSubject] = useState("");
  const [scope, setScope] = useState<ScopeChoice>(mayAddAtTenant ? "tenant" : "project");
  const [project, setProject] = useState(projects.length === 1 ? projectKey(projects[0]) : "");
  const [role, setRole] = useState("");
  const [errors, setErrors] = useState<FormErrors>({});
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick) focusFirstInvalid(formRef.current);
  }, [focusTick]);

  const create = useMutation({
    mutationFn: (body: CreateBindingBody) => createRoleBinding(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKey }),
  });

  // A role may only be bound at its own scope type; project admins may give only built-in project roles.
  const roleOptions = roles
    .filter((r) => r.scope === scope && (r.builtin || r.tenant === tenant.name) && (mayAddAtTenant || r.builtin))
    .sort((a, b) => Number(b.builtin) - Number(a.builtin) || roleName(a).localeCompare(roleName(b)));
  const chosenRole = roleOptions.find((r) => r.name === role);
  const clear = (...fields: string[]) => setErrors((e) => without(e, ...fields));

  /** A typed username that is a suggested user's username stands for that user's name. */
  const subjectName = () => {
    const v = subject.trim();
    if (kind !== "User") return v;
    const users = qc.getQueryData<{ items: UserSummary[] }>(usersQuery(v).queryKey)?.items ?? [];
    return users.some((u) => u.name === v) ? v : (users.find((u) => u.username === v)?.name ?? v);
  };

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const required: FormErrors = {};
    if (!subject.trim()) required.subject = kind === "User" ? t("add.userRequired") : t("add.groupRequired");
    if (scope === "project" && !project) required.project = t("add.projectRequired");
    if (!chosenRole) required.role = t("add.roleRequired");
    if (Object.keys(required).length) {
      setErrors(required);
      setFocusTick((n) => n + 1);
      return;
    }
    const p = projects.find((x) => projectKey(x) === project);
    setErrors({});
    create.mutate(
      {
        subject: { kind, name: subjectName() },
        role,
        scope: scope === "tenant" || !p ? { type: "tenant", tenant: tenant.name } : { type: "project", cluster: p.cluster, namespace: p.namespace },
      },
      {
        onSuccess: () => onDone(),
        onError: (err) => {
          setErrors(routeErrors(err, (f) => target(f, scope)));
          setFocusTick((n) => n + 1);
        },
      },
    );
  };

  const pending = create.isPending;
  const radio = (checked: boolean) =>
    `flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600 ${
      checked ? "border-sky-600 bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100" : "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-200"
    }`;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {errors._ && <ErrorState title={t("add.failed")} message={errors._} />}
      <fieldset disabled={pending} className="space-y-4">
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t("add.kind")}</legend>
          <div className="flex flex-wrap gap-2">
            {(["User", "Group"] as const).map((k, i) => (
              <label key={k} className={radio(kind === k)}>
                <input
                  ref={i === 0 ? dialogAutoFocus : undefined}
                  type="radio"
                  name={`${id}-kind`}
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setSubject("");
                    clear("subject");
                  }}
                  className="accent-sky-700"
                />
                {t(`kind.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>

        <Field
          label={kind === "User" ? t("add.user") : t("add.group")}
          hint={kind === "User" ? t("add.userHint") : t("add.groupHint")}
          error={errors.subject}
        >
          {(p) => (
            <SubjectInput
              {...p}
              kind={kind}
              value={subject}
              onChange={(v) => {
                setSubject(v);
                clear("subject");
              }}
            />
          )}
        </Field>

        <fieldset aria-describedby={errors.scope ? `${id}-scope-error` : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t("add.scope")}</legend>
          <div className="flex flex-wrap gap-2">
            {(["tenant", "project"] as const).map((s) => {
              const off = s === "tenant" ? !mayAddAtTenant : projects.length === 0;
              return (
                <label key={s} className={`${radio(scope === s)} ${off ? "cursor-not-allowed opacity-50" : ""}`} title={off ? t(`add.scopeDenied_${s}`) : undefined}>
                  <input
                    type="radio"
                    name={`${id}-scope`}
                    value={s}
                    checked={scope === s}
                    disabled={off}
                    onChange={() => {
                      setScope(s);
                      setRole("");
                      clear("scope", "role", "project");
                    }}
                    className="accent-sky-700"
                  />
                  {t(`add.scope_${s}`)}
                </label>
              );
            })}
          </div>
          {errors.scope && (
            <p id={`${id}-scope-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {errors.scope}
            </p>
          )}
        </fieldset>

        {scope === "project" && (
          <Field label={t("add.project")} hint={projects.length === 0 ? t("add.noProjects") : undefined} error={errors.project}>
            {(p) => (
              <select
                {...p}
                value={project}
                onChange={(e) => {
                  setProject(e.target.value);
                  clear("project");
                }}
                className={inputClass}
              >
                <option value="">{t("add.chooseProject")}</option>
                {projects.map((pr) => (
                  <option key={projectKey(pr)} value={projectKey(pr)}>
                    {pr.displayName ? `${pr.displayName} — ` : ""}
                    {scopeLabel({ type: "project", cluster: pr.cluster, namespace: pr.namespace })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        <Field label={t("add.role")} hint={chosenRole ? roleDescription(chosenRole) || undefined : t("add.roleHint")} error={errors.role}>
          {(p) => (
            <select
              {...p}
              value={role}
              onChange={(e) => {
                setRole(e.target.value);
                clear("role");
              }}
              className={inputClass}
            >
              <option value="">{rolesLoading ? tc("loading") : t("add.chooseRole")}</option>
              {roleOptions.map((r) => (
                <option key={r.name} value={r.name}>
                  {r.builtin ? roleName(r) : t("add.customRoleOption", { role: roleName(r) })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onDone}>{tc("cancel")}</Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? t("add.submitting") : t("add.submit")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { Badge } from "@/components/ui/status-badge";
import {
  type Binding,
  type CanICheck,
  type Role,
  type Tenant,
  deleteRoleBinding,
  projectsQuery,
  roleBindingsQuery,
  rolesQuery,
} from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { ACCESS_QUERIES, projectKey } from "./access-form-model";
import { AddMemberDialog } from "./add-member-dialog";
import { type ConfirmSpec, ConfirmDialog } from "@/components/ui/confirm-dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { useRoleName, useScopeLabel } from "./labels";
import { MemberPermissionsPanel } from "./member-permissions-panel";
import { QueryView } from "@/components/ui/query-view";

const MEMBERS = "console/members";

/** Where a binding's members are managed: its project, else the tenant. */
function memberPlace(b: Binding, tenant: string): Omit<CanICheck, "verb" | "resource"> {
  return b.scope.type === "project" ? { cluster: b.scope.cluster, namespace: b.scope.namespace } : { tenant };
}

/** The tenant's role bindings and its projects': who has which role where. */
export function TenantMembers({ tenant }: { tenant: Tenant }) {
  const t = useTranslations("access.members");
  const format = useFormatter();
  const roleName = useRoleName();
  const scopeLabel = useScopeLabel();
  const bindings = useQuery(roleBindingsQuery({ tenant: tenant.name }));
  const roles = useQuery(rolesQuery({ tenant: tenant.name }));
  const projects = useQuery(projectsQuery({ tenant: tenant.name }));
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmSpec>();
  const [inspecting, setInspecting] = useState<string>();

  const projectList = useMemo(() => projects.data?.items ?? [], [projects.data]);
  const rows = useMemo(() => bindings.data?.items ?? [], [bindings.data]);

  // One can-i batch: adding at the tenant, adding in each project, removing at each place rows are in.
  const checks: CanICheck[] = [];
  const slot = new Map<string, number>();
  const want = (c: CanICheck) => {
    const k = JSON.stringify(c);
    if (!slot.has(k)) {
      slot.set(k, checks.length);
      checks.push(c);
    }
    return k;
  };
  const addAtTenant = want({ verb: "create", resource: MEMBERS, tenant: tenant.name });
  const addAtProject = new Map(projectList.map((p) => [projectKey(p), want({ verb: "create", resource: MEMBERS, cluster: p.cluster, namespace: p.namespace })]));
  // Removing a member takes the same permission as adding one there (docs/api.md).
  const removeAt = new Map(rows.map((b) => [b.name, want({ verb: "create", resource: MEMBERS, ...memberPlace(b, tenant.name) })]));
  const can = useCan(checks);
  const allowed = (k: string | undefined) => (k === undefined ? false : can.allowed[slot.get(k)!]);

  const mayAddAtTenant = allowed(addAtTenant);
  const addableProjects = projectList.filter((p) => allowed(addAtProject.get(projectKey(p))));
  const mayAdd = mayAddAtTenant || addableProjects.length > 0;
  const removableKey = rows
    .filter((b) => allowed(removeAt.get(b.name)))
    .map((b) => b.name)
    .join("\n");
  const removable = useMemo(() => new Set(removableKey.split("\n")), [removableKey]);

  const roleByName = useMemo(() => new Map<string, Role>((roles.data?.items ?? []).map((r) => [r.name, r])), [roles.data]);
  const roleLabel = useCallback((name: string) => roleName(roleByName.get(name) ?? { name }), [roleByName, roleName]);

  const columns = useMemo<Column<Binding>[]>(
    () => [
      {
        id: "subject",
        header: t("columns.subject"),
        width: "minmax(12rem,2fr)",
        cell: (b) => (
          <div data-testid={`member-row-${b.subject.name}`} className="flex min-w-0 items-center gap-2">
            <Badge tone={b.subject.kind === "User" ? "sky" : "amber"}>{t(`kind.${b.subject.kind}`)}</Badge>
            {b.subject.kind === "User" ? (
              <button
                type="button"
                onClick={() => setInspecting(b.subject.name)}
                aria-label={t("showPermissions", { subject: b.subject.name })}
                title={t("showPermissions", { subject: b.subject.name })}
                className="truncate font-medium text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300"
              >
                {b.subject.name}
              </button>
            ) : (
              <span className="truncate font-medium">{b.subject.name}</span>
            )}
          </div>
        ),
        sortValue: (b) => b.subject.name,
        filterValue: (b) => `${b.subject.kind} ${b.subject.name}`,
      },
      {
        id: "role",
        header: t("columns.role"),
        width: "minmax(10rem,1.5fr)",
        cell: (b) => (
          <span title={b.role} className="truncate">
            {roleLabel(b.role)}
          </span>
        ),
        sortValue: (b) => roleLabel(b.role),
        filterValue: (b) => `${roleLabel(b.role)} ${b.role}`,
      },
      {
        id: "scope",
        header: t("columns.scope"),
        width: "minmax(12rem,2fr)",
        cell: (b) => <span className="truncate">{scopeLabel(b.scope)}</span>,
        sortValue: (b) => scopeLabel(b.scope),
      },
      {
        id: "created",
        header: t("columns.created"),
        width: "9rem",
        cell: (b) => (b.createdAt ? <span title={b.createdAt}>{format.dateTime(new Date(b.createdAt), { dateStyle: "medium" })}</span> : "—"),
        sortValue: (b) => b.createdAt ?? "",
        filterValue: () => "",
      },
      {
        id: "actions",
        header: t("columns.actions"),
        width: "7rem",
        cell: (b) => (
          <GuardedButton
            variant="ghost"
            className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
            allowed={removable.has(b.name)}
            pending={can.pending}
            reason={t("removeDenied")}
            aria-label={t("removeMember", { subject: b.subject.name, role: roleLabel(b.role) })}
            onClick={() =>
              setConfirm({
                id: b.name,
                title: t("remove.title", { subject: b.subject.name }),
                body: <p>{t("remove.body", { subject: b.subject.name, role: roleLabel(b.role), scope: scopeLabel(b.scope) })}</p>,
                submit: t("remove.submit"),
                submitting: t("remove.submitting"),
                failed: t("remove.failed"),
                action: () => deleteRoleBinding(b.name),
              })
            }
          >
            {t("remove.submit")}
          </GuardedButton>
        ),
      },
    ],
    [t, format, roleLabel, scopeLabel, removable, can.pending],
  );

  return (
    <div className="space-y-6">
      <section aria-labelledby="members-heading" className="space-y-3">
        <div>
          <h2 id="members-heading" className="text-lg font-semibold">
            {t("heading")}
          </h2>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("intro")}</p>
        </div>
        <QueryView query={bindings}>
          {(data) => (
            <DataTable
              rows={data.items}
              columns={columns}
              rowKey={(b) => b.name}
              label={t("heading")}
              initialSort={{ id: "subject", desc: false }}
              empty={t("empty")}
              maxHeight="28rem"
              toolbar={
                <GuardedButton variant="primary" allowed={mayAdd} pending={can.pending} reason={t("addDenied")} onClick={() => setAdding(true)}>
                  {t("add.open")}
                </GuardedButton>
              }
            />
          )}
        </QueryView>
      </section>
      {inspecting && <MemberPermissionsPanel key={inspecting} user={inspecting} onClose={() => setInspecting(undefined)} />}
      <AddMemberDialog
        open={adding}
        onClose={() => setAdding(false)}
        tenant={tenant}
        roles={roles.data?.items ?? []}
        rolesLoading={roles.isPending}
        mayAddAtTenant={mayAddAtTenant}
        projects={addableProjects}
      />
      <ConfirmDialog spec={confirm} onClose={() => setConfirm(undefined)} invalidate={ACCESS_QUERIES} />
    </div>
  );
}

"use client";

import { ACCESS_QUERIES } from "./access-form-model";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/states";
import { type Tenant, deleteRole, rolesQuery } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { type ConfirmSpec, ConfirmDialog } from "@/components/ui/confirm-dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { useScopeTypeLabel } from "./labels";
import { QueryView } from "@/components/ui/query-view";
import { type RoleDialogState, RoleDialog } from "./role-dialog";
import { RoleRules } from "./role-rules";

const ROLES = "console/roles";

/** The tenant's own roles, built from the permission matrix. */
export function CustomRoles({ tenant }: { tenant: Tenant }) {
  const t = useTranslations("access.customRoles");
  const scopeType = useScopeTypeLabel();
  const q = useQuery(rolesQuery({ tenant: tenant.name }));
  const can = useCan([
    { verb: "create", resource: ROLES, tenant: tenant.name },
    { verb: "update", resource: ROLES, tenant: tenant.name },
    { verb: "delete", resource: ROLES, tenant: tenant.name },
  ]);
  const [mayCreate, mayUpdate, mayDelete] = can.allowed;
  const [dialog, setDialog] = useState<RoleDialogState>();
  const [confirm, setConfirm] = useState<ConfirmSpec>();

  return (
    <section aria-labelledby="custom-roles-heading" className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="custom-roles-heading" className="text-lg font-semibold">
            {t("heading")}
          </h2>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("intro")}</p>
        </div>
        <GuardedButton
          variant="primary"
          allowed={mayCreate && !!q.data}
          pending={can.pending || q.isPending}
          reason={t("createDenied")}
          onClick={() => setDialog({ mode: "create" })}
        >
          {t("create.open")}
        </GuardedButton>
      </div>
      <QueryView query={q}>
        {(data) => {
          const custom = data.items.filter((r) => !r.builtin && r.tenant === tenant.name).sort((a, b) => a.name.localeCompare(b.name));
          return (
            <>
              {custom.length === 0 ? (
                <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
              ) : (
                <ul className="space-y-3">
                  {custom.map((r) => {
                    const label = r.displayName || r.name;
                    const denies = r.rules.filter((x) => x.effect === "deny").length;
                    return (
                      <li key={r.name} data-testid={`custom-role-${r.name}`} className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
                        <div className="flex flex-wrap items-center gap-2">
                          <h3 className="font-semibold">{label}</h3>
                          <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{r.name}</span>
                          <Badge tone="sky">{scopeType(r.scope)}</Badge>
                          {denies > 0 && <Badge tone="red">{t("denyRules", { count: denies })}</Badge>}
                          <span className="ml-auto flex gap-1">
                            <GuardedButton
                              variant="ghost"
                              className="px-2 py-1 text-xs"
                              allowed={mayUpdate}
                              pending={can.pending}
                              reason={t("updateDenied")}
                              aria-label={t("editRole", { name: r.name })}
                              onClick={() => setDialog({ mode: "edit", role: r })}
                            >
                              {t("edit.open")}
                            </GuardedButton>
                            <GuardedButton
                              variant="ghost"
                              className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
                              allowed={mayDelete}
                              pending={can.pending}
                              reason={t("deleteDenied")}
                              aria-label={t("deleteRole", { name: r.name })}
                              onClick={() =>
                                setConfirm({
                                  id: r.name,
                                  title: t("delete.title", { name: r.name }),
                                  body: <p>{t("delete.body", { name: label })}</p>,
                                  submit: t("delete.submit"),
                                  submitting: t("delete.submitting"),
                                  failed: t("delete.failed"),
                                  conflict: t("delete.conflict"),
                                  action: () => deleteRole(r.name),
                                })
                              }
                            >
                              {t("delete.submit")}
                            </GuardedButton>
                          </span>
                        </div>
                        {r.description && <p className="text-sm text-slate-600 dark:text-slate-300">{r.description}</p>}
                        <details>
                          <summary className="cursor-pointer text-sm text-sky-800 dark:text-sky-300">{t("showRules", { count: r.rules.length })}</summary>
                          <div className="mt-2">
                            <RoleRules rules={r.rules} label={t("rulesOf", { role: label })} />
                          </div>
                        </details>
                      </li>
                    );
                  })}
                </ul>
              )}
              <RoleDialog state={dialog} tenant={tenant} vocab={data.vocabulary} onClose={() => setDialog(undefined)} />
            </>
          );
        }}
      </QueryView>
      <ConfirmDialog spec={confirm} onClose={() => setConfirm(undefined)} invalidate={ACCESS_QUERIES} />
    </section>
  );
}

"use client";

import { ACCESS_QUERIES } from "./access-form-model";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { Badge } from "@/components/ui/status-badge";
import { type Tenant, deleteTenant, tenantsQuery } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { type ConfirmSpec, ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CreateTenantDialog } from "./create-tenant-dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { QueryView } from "@/components/ui/query-view";

function Badges({ values }: { values: string[] }) {
  if (values.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex gap-1 overflow-hidden" title={values.join("\n")}>
      {values.map((v) => (
        <span key={v} className="shrink-0">
          <Badge>{v}</Badge>
        </span>
      ))}
    </span>
  );
}

/** The tenants the caller may see; platform admins create and delete them here. */
export function TenantsTable() {
  const t = useTranslations("access.tenants");
  const q = useQuery(tenantsQuery());
  const can = useCan([
    { verb: "create", resource: "console/tenants" },
    { verb: "delete", resource: "console/tenants" },
  ]);
  const [canCreate, canDelete] = can.allowed;
  const [creating, setCreating] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmSpec>();

  const columns = useMemo<Column<Tenant>[]>(
    () => [
      {
        id: "name",
        header: t("columns.name"),
        width: "minmax(12rem,2fr)",
        cell: (tn) => (
          <div data-testid={`tenant-row-${tn.name}`} className="min-w-0 leading-tight" title={tn.description || undefined}>
            <Link
              href={`/access/tenants/${encodeURIComponent(tn.name)}`}
              className="block truncate font-medium text-sky-800 hover:underline dark:text-sky-300"
              aria-label={t("open", { tenant: tn.displayName || tn.name })}
            >
              {tn.displayName || tn.name}
            </Link>
            <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{tn.name}</span>
          </div>
        ),
        sortValue: (tn) => tn.displayName || tn.name,
        filterValue: (tn) => `${tn.displayName} ${tn.name} ${tn.description}`,
      },
      {
        id: "clusters",
        header: t("columns.clusters"),
        width: "minmax(10rem,2fr)",
        cell: (tn) => <Badges values={tn.clusters} />,
        filterValue: (tn) => tn.clusters.join(" "),
      },
      {
        id: "managers",
        header: t("columns.managers"),
        width: "minmax(9rem,1.5fr)",
        cell: (tn) => <Badges values={tn.managers} />,
        filterValue: (tn) => tn.managers.join(" "),
      },
      {
        id: "projects",
        header: t("columns.projects"),
        width: "6rem",
        cell: (tn) => tn.projects,
        sortValue: (tn) => tn.projects,
      },
      {
        id: "members",
        header: t("columns.members"),
        width: "6rem",
        cell: (tn) => tn.members,
        sortValue: (tn) => tn.members,
      },
      {
        id: "actions",
        header: t("columns.actions"),
        width: "7rem",
        cell: (tn) => (
          <GuardedButton
            variant="ghost"
            className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
            allowed={canDelete}
            pending={can.pending}
            reason={t("deleteDenied")}
            aria-label={t("deleteTenant", { name: tn.name })}
            onClick={() =>
              setConfirm({
                id: tn.name,
                title: t("delete.title", { name: tn.name }),
                body: (
                  <>
                    <p>{t("delete.body", { name: tn.displayName || tn.name })}</p>
                    {tn.projects > 0 && (
                      <p className="mt-2 text-amber-800 dark:text-amber-300">{t("delete.projectsRemain", { count: tn.projects })}</p>
                    )}
                  </>
                ),
                submit: t("delete.submit"),
                submitting: t("delete.submitting"),
                failed: t("delete.failed"),
                conflict: t("delete.conflict"),
                typeToConfirm: { value: tn.name, label: t("delete.confirmLabel", { name: tn.name }) },
                action: () => deleteTenant(tn.name),
              })
            }
          >
            {t("delete.submit")}
          </GuardedButton>
        ),
      },
    ],
    [t, canDelete, can.pending],
  );

  return (
    <>
      <QueryView query={q}>
        {(data) => (
          <DataTable
            rows={data.items}
            columns={columns}
            rowKey={(tn) => tn.name}
            label={t("title")}
            initialSort={{ id: "name", desc: false }}
            empty={canCreate ? t("emptyAdmin") : t("emptyUser")}
            toolbar={
              <GuardedButton variant="primary" allowed={canCreate} pending={can.pending} reason={t("createDenied")} onClick={() => setCreating(true)}>
                {t("create.open")}
              </GuardedButton>
            }
          />
        )}
      </QueryView>
      {canCreate && <CreateTenantDialog open={creating} onClose={() => setCreating(false)} />}
      <ConfirmDialog spec={confirm} onClose={() => setConfirm(undefined)} invalidate={ACCESS_QUERIES} />
    </>
  );
}

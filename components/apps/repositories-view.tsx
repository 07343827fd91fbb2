"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { Age } from "@/components/ui/age";
import { Button } from "@/components/ui/button";
import { type ConfirmSpec, ConfirmDialog } from "@/components/ui/confirm-dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { QueryView } from "@/components/ui/query-view";
import { Badge } from "@/components/ui/status-badge";
import { type RepositoriesAnswer, type RepositoryView, appsKey, deleteRepository, refreshRepository, repositoriesQuery } from "@/lib/query/apps";
import { AddRepositoryDialog } from "./add-repository-dialog";

// The chart repositories the caller sees (http(s) ones and OCI registries):
// platform-wide ones and their tenants', each with how many charts its index holds and when it was read
// (or why it could not be). Add where the caller may; delete what they may edit.

const MESSAGES = "apps.repositories";

export function Repositories() {
  const q = useQuery(repositoriesQuery());
  return <QueryView query={q}>{(answer) => <RepositoriesView answer={answer} />}</QueryView>;
}

/** Pure but for its actions: the table, Add, Refresh and Delete. */
export function RepositoriesView({ answer }: { answer: RepositoriesAnswer }) {
  const t = useTranslations(MESSAGES);
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmSpec>();
  const refresh = useMutation({
    mutationFn: refreshRepository,
    onSettled: () => qc.invalidateQueries({ queryKey: appsKey }),
  });
  const canAdd = answer.canCreatePlatform || answer.canCreateIn.length > 0;

  const columns = useMemo<Column<RepositoryView>[]>(
    () => [
      {
        id: "name",
        header: t("columns.name"),
        width: "minmax(11rem,1.5fr)",
        cell: (r) => (
          <div className="min-w-0 leading-tight" data-testid={`repo-row-${r.name}`} title={r.description || undefined}>
            <span className="block truncate font-medium">{r.displayName}</span>
            <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{r.name}</span>
          </div>
        ),
        sortValue: (r) => r.displayName,
        filterValue: (r) => `${r.displayName} ${r.name} ${r.description}`,
      },
      {
        id: "url",
        header: t("columns.url"),
        width: "minmax(12rem,2fr)",
        cell: (r) => (
          <span className="font-mono text-xs">
            <span className="mr-2 font-sans">
              <Badge tone={r.type === "oci" ? "sky" : "slate"} title={r.plainHTTP ? t("plainHTTP") : undefined}>
                {r.type === "oci" ? (r.plainHTTP ? t("typeOciPlain") : t("typeOci")) : t("typeHttp")}
              </Badge>
            </span>
            {r.url}
            {r.hasCredentials && (
              <span className="ml-2 font-sans">
                <Badge title={t("credentialsHint")}>{t("credentials")}</Badge>
              </span>
            )}
          </span>
        ),
        sortValue: (r) => r.url,
        filterValue: (r) => `${r.type} ${r.url}`,
      },
      {
        id: "scope",
        header: t("columns.scope"),
        width: "9rem",
        cell: (r) => (r.tenant ? <Badge>{t("tenantScope", { tenant: r.tenant })}</Badge> : <Badge tone="sky">{t("platformScope")}</Badge>),
        sortValue: (r) => r.tenant ?? "",
        filterValue: (r) => (r.tenant ? t("tenantScope", { tenant: r.tenant }) : t("platformScope")),
      },
      { id: "charts", header: t("columns.charts"), width: "6.5rem", cell: (r) => r.charts, sortValue: (r) => r.charts },
      {
        id: "state",
        header: t("columns.state"),
        width: "minmax(10rem,2fr)",
        cell: (r) =>
          r.error ? (
            <span className="text-red-700 dark:text-red-400" data-testid={`repo-error-${r.name}`}>
              {r.error}
            </span>
          ) : r.fetchedAt ? (
            <span className="text-slate-600 dark:text-slate-300">
              {t.rich("readAgo", { age: () => <Age key="age" ts={r.fetchedAt} /> })}
            </span>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">{t("notRead")}</span>
          ),
        title: (r) => r.error,
        sortValue: (r) => (r.error ? `0 ${r.error}` : `1 ${r.fetchedAt ?? ""}`),
      },
      {
        id: "actions",
        header: t("columns.actions"),
        width: "11rem",
        cell: (r) => {
          const busy = refresh.isPending && refresh.variables === r.name;
          return (
            <span className="flex items-center gap-1">
              <Button variant="ghost" className="px-2 py-1 text-xs" disabled={busy} onClick={() => refresh.mutate(r.name)} aria-label={t("refreshOf", { name: r.name })}>
                {busy ? t("refreshing") : t("refresh")}
              </Button>
              <GuardedButton
                variant="ghost"
                className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
                allowed={r.canEdit}
                reason={r.tenant ? t("deleteDeniedTenant", { tenant: r.tenant }) : t("deleteDeniedPlatform")}
                aria-label={t("deleteOf", { name: r.name })}
                onClick={() =>
                  setConfirm({
                    id: r.name,
                    title: t("delete.title", { name: r.name }),
                    body: <p>{t("delete.body", { name: r.displayName })}</p>,
                    submit: t("delete.submit"),
                    submitting: t("delete.submitting"),
                    failed: t("delete.failed"),
                    action: () => deleteRepository(r.name),
                  })
                }
              >
                {t("delete.submit")}
              </GuardedButton>
            </span>
          );
        },
      },
    ],
    [t, refresh],
  );

  return (
    <>
      {refresh.isError && (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300">
          {t("refreshFailed", { message: refresh.error.message })}
        </p>
      )}
      <DataTable
        rows={answer.items}
        columns={columns}
        rowKey={(r) => r.name}
        label={t("title")}
        initialSort={{ id: "name", desc: false }}
        empty={canAdd ? t("emptyAdmin") : t("empty")}
        toolbar={
          canAdd && (
            <Button variant="primary" data-testid="add-repository" onClick={() => setAdding(true)}>
              {t("add.open")}
            </Button>
          )
        }
      />
      {canAdd && adding && <AddRepositoryDialog platform={answer.canCreatePlatform} tenants={answer.canCreateIn} onClose={() => setAdding(false)} />}
      <ConfirmDialog spec={confirm} onClose={() => setConfirm(undefined)} invalidate={[appsKey]} />
    </>
  );
}

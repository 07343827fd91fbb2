"use client";

import { ACCESS_QUERIES } from "./access-form-model";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useSession } from "@/components/providers";
import { type Column, DataTable } from "@/components/table/data-table";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { type UserSummary, deleteUser, usersQuery } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { type ConfirmSpec, ConfirmDialog } from "@/components/ui/confirm-dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { QueryView } from "@/components/ui/query-view";
import { type UserDialogState, UserDialog } from "./user-dialog";

const USERS = "console/users";

/** Everyone who can sign in; platform admins manage local users here. */
export function UsersTable() {
  const t = useTranslations("access.users");
  const tc = useTranslations("common");
  const can = useCan([
    { verb: "list", resource: USERS },
    { verb: "create", resource: USERS },
    { verb: "update", resource: USERS },
    { verb: "delete", resource: USERS },
  ]);
  const [mayList] = can.allowed;
  if (can.pending) return <LoadingState label={tc("loading")} />;
  if (!mayList)
    return (
      <div data-testid="users-platform-only">
        <EmptyState title={t("platformOnly")}>{t("platformOnlyHint")}</EmptyState>
      </div>
    );
  return <UsersList mayCreate={can.allowed[1]} mayUpdate={can.allowed[2]} mayDelete={can.allowed[3]} />;
}

function UsersList({ mayCreate, mayUpdate, mayDelete }: { mayCreate: boolean; mayUpdate: boolean; mayDelete: boolean }) {
  const t = useTranslations("access.users");
  const tc = useTranslations("common");
  const format = useFormatter();
  const me = useSession().username;
  const q = useQuery(usersQuery());
  const [dialog, setDialog] = useState<UserDialogState>();
  const [confirm, setConfirm] = useState<ConfirmSpec>();

  const columns = useMemo<Column<UserSummary>[]>(() => {
    const date = (ts: string) => format.dateTime(new Date(ts), { dateStyle: "medium", timeStyle: "short" });
    return [
      {
        id: "username",
        header: t("columns.username"),
        width: "minmax(12rem,2fr)",
        cell: (u) => (
          <div data-testid={`user-row-${u.username}`} className="min-w-0 leading-tight" title={u.email || undefined}>
            <span className="block truncate font-medium">{u.username}</span>
            {u.displayName && u.displayName !== u.username && (
              <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{u.displayName}</span>
            )}
          </div>
        ),
        sortValue: (u) => u.username,
        filterValue: (u) => `${u.username} ${u.displayName} ${u.email ?? ""}`,
      },
      {
        id: "provider",
        header: t("columns.provider"),
        width: "7rem",
        cell: (u) => (u.provider ? <Badge tone={u.provider === "local" ? "slate" : "sky"}>{t(`provider.${u.provider}`)}</Badge> : "—"),
        sortValue: (u) => u.provider ?? "",
      },
      {
        id: "groups",
        header: t("columns.groups"),
        width: "minmax(10rem,2fr)",
        cell: (u) =>
          u.groups?.length ? (
            <span className="flex gap-1 overflow-hidden" title={u.groups.join("\n")}>
              {u.groups.map((g) => (
                <span key={g} className="shrink-0">
                  <Badge>{g}</Badge>
                </span>
              ))}
            </span>
          ) : (
            <span className="text-slate-400">—</span>
          ),
        filterValue: (u) => (u.groups ?? []).join(" "),
      },
      {
        id: "status",
        header: t("columns.status"),
        width: "7rem",
        cell: (u) => (u.disabled ? <Badge tone="red">{t("disabled")}</Badge> : <Badge tone="green">{t("active")}</Badge>),
        sortValue: (u) => (u.disabled ? 1 : 0),
        filterValue: (u) => (u.disabled ? t("disabled") : t("active")),
      },
      {
        id: "lastLogin",
        header: t("columns.lastLogin"),
        width: "minmax(10rem,1fr)",
        cell: (u) => (u.lastLoginAt ? <span title={u.lastLoginAt}>{date(u.lastLoginAt)}</span> : <span className="text-slate-500 dark:text-slate-400">{tc("never")}</span>),
        // Never signed in sorts first.
        sortValue: (u) => u.lastLoginAt ?? "",
        filterValue: () => "",
      },
      {
        id: "actions",
        header: t("columns.actions"),
        width: "9rem",
        cell: (u) => {
          const self = u.username === me;
          return (
            <span className="flex items-center gap-1">
              <GuardedButton
                variant="ghost"
                className="px-2 py-1 text-xs"
                allowed={mayUpdate}
                reason={t("updateDenied")}
                aria-label={t("editUser", { name: u.username })}
                onClick={() => setDialog({ mode: "edit", user: u })}
              >
                {tc("edit")}
              </GuardedButton>
              <GuardedButton
                variant="ghost"
                className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
                allowed={mayDelete && !self}
                reason={self ? t("deleteSelf") : t("deleteDenied")}
                aria-label={t("deleteUser", { name: u.username })}
                onClick={() =>
                  setConfirm({
                    id: u.name,
                    title: t("delete.title", { name: u.username }),
                    body: <p>{t("delete.body", { name: u.username })}</p>,
                    submit: t("delete.submit"),
                    submitting: t("delete.submitting"),
                    failed: t("delete.failed"),
                    action: () => deleteUser(u.name),
                  })
                }
              >
                {tc("delete")}
              </GuardedButton>
            </span>
          );
        },
      },
    ];
  }, [t, tc, format, me, mayUpdate, mayDelete]);

  return (
    <>
      <QueryView query={q}>
        {(data) => (
          <DataTable
            rows={data.items}
            columns={columns}
            rowKey={(u) => u.name}
            label={t("title")}
            initialSort={{ id: "username", desc: false }}
            empty={t("empty")}
            toolbar={
              <GuardedButton variant="primary" allowed={mayCreate} reason={t("createDenied")} onClick={() => setDialog({ mode: "create" })}>
                {t("create.open")}
              </GuardedButton>
            }
          />
        )}
      </QueryView>
      <UserDialog state={dialog} onClose={() => setDialog(undefined)} />
      <ConfirmDialog spec={confirm} onClose={() => setConfirm(undefined)} invalidate={ACCESS_QUERIES} />
    </>
  );
}

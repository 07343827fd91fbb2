"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/states";
import type { EffectiveBinding, PermissionsResponse } from "@/lib/access/queries";
import { useRoleDescription, useRoleName, useScopeLabel, useViaLabel } from "./labels";
import { RoleRules } from "./role-rules";

export function permissionsUserName(user: PermissionsResponse["user"]): string {
  return user.displayName && user.displayName !== user.username ? `${user.displayName} (${user.username})` : user.username || user.name;
}

/** Every binding that gives a user permissions (directly or through a group), with its role's rules. */
export function EffectivePermissions({ data, headingLevel = 2 }: { data: PermissionsResponse; headingLevel?: 2 | 3 }) {
  const t = useTranslations("access.permissions");
  const groups = data.user.groups;
  return (
    <div className="space-y-4">
      <p className="flex flex-wrap items-center gap-1.5 text-sm">
        <span className="text-slate-500 dark:text-slate-400">{t("groups")}</span>
        {groups.length ? groups.map((g) => <Badge key={g}>{g}</Badge>) : <span className="text-slate-400">{t("noGroups")}</span>}
      </p>
      {data.bindings.length === 0 ? (
        <EmptyState title={t("none")}>{t("noneHint")}</EmptyState>
      ) : (
        <ul className="space-y-4">
          {data.bindings.map((eb) => (
            <BindingCard key={`${eb.binding.name}/${eb.via}`} entry={eb} headingLevel={headingLevel} />
          ))}
        </ul>
      )}
    </div>
  );
}

function BindingCard({ entry: { binding, via, role }, headingLevel }: { entry: EffectiveBinding; headingLevel: 2 | 3 }) {
  const t = useTranslations("access.permissions");
  const format = useFormatter();
  const roleName = useRoleName();
  const roleDescription = useRoleDescription();
  const scopeLabel = useScopeLabel();
  const viaLabel = useViaLabel();
  const H = headingLevel === 2 ? "h2" : "h3";
  const name = roleName(role ?? { name: binding.role });
  const description = role ? roleDescription(role) : "";
  return (
    <li data-testid={`binding-${binding.name}`} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <div className="flex flex-wrap items-center gap-2">
        <H className="text-base font-semibold">{name}</H>
        <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{binding.role}</span>
        {role && !role.builtin && <Badge tone="sky">{t("custom")}</Badge>}
        <span className="ml-auto flex flex-wrap items-center gap-2 text-sm">
          <Badge tone="slate">{scopeLabel(binding.scope)}</Badge>
          <Badge tone={via === "user" ? "green" : "amber"}>{viaLabel(via)}</Badge>
        </span>
      </div>
      {description && <p className="text-sm text-slate-600 dark:text-slate-300">{description}</p>}
      {binding.createdAt && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {t("since", { date: format.dateTime(new Date(binding.createdAt), { dateStyle: "medium" }) })}
        </p>
      )}
      {role ? (
        <RoleRules rules={role.rules} label={t("rulesOf", { role: name })} />
      ) : (
        <p className="text-sm text-amber-800 dark:text-amber-300">{t("roleGone")}</p>
      )}
    </li>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/states";
import { rolesQuery } from "@/lib/access/queries";
import { SCOPE_ORDER, useRoleDescription, useRoleName, useScopeTypeLabel } from "./labels";
import { QueryView } from "@/components/ui/query-view";
import { RoleRules } from "./role-rules";

/** The built-in roles, by scope, with their rules (read-only). */
export function BuiltinRoles() {
  const t = useTranslations("access.builtin");
  const roleName = useRoleName();
  const roleDescription = useRoleDescription();
  const scopeType = useScopeTypeLabel();
  const q = useQuery(rolesQuery());
  return (
    <QueryView query={q}>
      {(data) => {
        const builtin = data.items.filter((r) => r.builtin);
        if (builtin.length === 0) return <EmptyState title={t("none")} />;
        return (
          <div className="space-y-8">
            {SCOPE_ORDER.map((scope) => {
              const roles = builtin.filter((r) => r.scope === scope);
              if (roles.length === 0) return null;
              return (
                <section key={scope} aria-labelledby={`builtin-${scope}`} className="space-y-3">
                  <div>
                    <h2 id={`builtin-${scope}`} className="text-lg font-semibold">
                      {t("scopeHeading", { scope: scopeType(scope) })}
                    </h2>
                    <p className="text-sm text-slate-500 dark:text-slate-400">{t(`scopeIntro_${scope}`)}</p>
                  </div>
                  <ul className="space-y-4">
                    {roles.map((r) => {
                      const name = roleName(r);
                      return (
                        <li key={r.name} data-testid={`role-${r.name}`} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
                          <div className="flex flex-wrap items-center gap-2">
                            <h3 className="text-base font-semibold">{name}</h3>
                            <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{r.name}</span>
                            <span className="ml-auto">
                              <Badge tone="sky">{scopeType(r.scope)}</Badge>
                            </span>
                          </div>
                          {roleDescription(r) && <p className="text-sm text-slate-600 dark:text-slate-300">{roleDescription(r)}</p>}
                          <RoleRules rules={r.rules} label={t("rulesOf", { role: name })} />
                        </li>
                      );
                    })}
                  </ul>
                </section>
              );
            })}
          </div>
        );
      }}
    </QueryView>
  );
}

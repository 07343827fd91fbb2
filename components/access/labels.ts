"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { BindingVia, Role, Scope, ScopeType } from "@/lib/access/queries";

/** Friendly role names: built-in roles from the messages, custom roles by their display name. */
export function useRoleName() {
  const t = useTranslations("access.roles");
  return useCallback(
    (role: Pick<Role, "name"> & Partial<Pick<Role, "displayName" | "builtin">>): string =>
      role.builtin !== false && t.has(role.name) ? t(role.name) : role.displayName || role.name,
    [t],
  );
}

/** What a built-in role is for (custom roles carry their own description). */
export function useRoleDescription() {
  const t = useTranslations("access.roleDescriptions");
  return useCallback(
    (role: Pick<Role, "name" | "description" | "builtin">): string => (role.builtin && t.has(role.name) ? t(role.name) : role.description),
    [t],
  );
}

export function useScopeLabel() {
  const t = useTranslations("access.scope");
  return useCallback(
    (scope: Scope): string => {
      switch (scope.type) {
        case "platform":
          return t("platform");
        case "tenant":
          return t("tenant", { tenant: scope.tenant });
        case "cluster":
          return t("cluster", { cluster: scope.cluster });
        case "project":
          return t("project", { namespace: scope.namespace, cluster: scope.cluster });
      }
    },
    [t],
  );
}

export function useScopeTypeLabel() {
  const t = useTranslations("access.scopeType");
  return useCallback((type: ScopeType): string => t(type), [t]);
}

export function useViaLabel() {
  const t = useTranslations("access.via");
  return useCallback(
    (via: BindingVia): string => (via.startsWith("group:") ? t("group", { group: via.slice("group:".length) }) : t("user")),
    [t],
  );
}

/** Broadest scope first. */
export const SCOPE_ORDER: ScopeType[] = ["platform", "cluster", "tenant", "project"];

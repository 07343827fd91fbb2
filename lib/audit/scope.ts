import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { Runtime } from "@/lib/server/context";
import { visibleTenants } from "@/lib/tenancy/service";
import type { AuditScope } from "./query";

/** Whose audit rows the caller may read: all (platform), their tenants' (tenant managers), and always their own. */
export function auditScope(rt: Runtime, p: Principal): AuditScope {
  if (rt.authz.can(p, "console/audit", "list")) return { all: true };
  const tenants = visibleTenants(rt, p)
    .map((t) => t.metadata.name!)
    .filter((t) => rt.authz.can(p, "console/audit", "list", { tenant: t }));
  return { all: false, user: p.username, tenants };
}

import "server-only";
import type { ResourceQuotaObject } from "@/lib/k8s/kinds/resourcequota";
import { LeaseBusyError, LeaseError } from "@/lib/k8s/lease";
import { forbiddenStatus } from "@/lib/proxy/check";
import type { WriteJudge } from "@/lib/proxy/hooks";
import { status } from "@/lib/proxy/status";
import type { Runtime } from "@/lib/server/context";
import { budgetErrors, withBudgetLock } from "./projects";

/**
 * The proxy's judge of ResourceQuotas in the projects of a tenant with a
 * budget on the cluster: one such write at a time per tenant and cluster
 * across replicas, checked against the quotas as they are now.
 */
export function budgetJudge(rt: Runtime): WriteJudge {
  const budgeted = (cluster: string, namespace: string) => {
    const tenant = rt.store.tenant(rt.authz.placeOf(cluster, namespace).tenant ?? "");
    return tenant?.spec.budget?.[cluster] ? tenant : undefined;
  };
  return {
    wants: (c) => c.attrs.resource === "resourcequotas" && !c.attrs.subresource && !!c.attrs.namespace && !!budgeted(c.cluster, c.attrs.namespace),
    refuseOutright: (c) =>
      c.attrs.verb === "delete" || c.attrs.verb === "deletecollection"
        ? forbiddenStatus(
            c.principal.username,
            c.attrs,
            `tenant ${budgeted(c.cluster, c.attrs.namespace)?.metadata.name} has a budget on cluster ${c.cluster}: every project there needs a quota; change it instead of deleting it`,
          )
        : undefined,
    run: async (c, write) => {
      const tenant = budgeted(c.cluster, c.attrs.namespace);
      if (!tenant) return write(() => undefined);
      try {
        // Checked against the quotas read inside the lock: the last write of another replica is in them.
        return await withBudgetLock(rt, tenant.metadata.name!, c.cluster, (quotas) =>
          write((_before, after) => {
            const q = after as ResourceQuotaObject;
            const errors = budgetErrors(rt, tenant, c.cluster, c.attrs.namespace, q.spec?.hard ?? {}, q.metadata.name, quotas);
            if (!Object.keys(errors).length) return undefined;
            return status(403, "Forbidden", `resourcequotas "${q.metadata.name ?? c.attrs.name}" is forbidden: ${Object.values(errors).join(" ")}`, {
              name: q.metadata.name ?? c.attrs.name,
              kind: "resourcequotas",
              causes: Object.entries(errors).map(([field, message]) => ({ field: `spec.hard.${field.replace(/^quota\./, "")}`, message, reason: "FieldValueForbidden" })),
            });
          }),
        );
      } catch (e) {
        if (e instanceof LeaseBusyError) return { refused: status(409, "Conflict", e.message, { retryAfterSeconds: 1 }) };
        if (e instanceof LeaseError) return { refused: status(503, "ServiceUnavailable", `${e.message}; budget changes wait for it`) };
        throw e;
      }
    },
  };
}

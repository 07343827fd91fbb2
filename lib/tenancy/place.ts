import "server-only";
import type { Place } from "@/lib/authz/scope";
import type { Runtime } from "@/lib/server/context";

/** The place a can-i / who-can question is about; a namespace brings its tenant. */
export function placeFor(rt: Runtime, c: { cluster?: string; namespace?: string; tenant?: string }): Place {
  if (c.cluster && c.namespace) return rt.authz.placeOf(c.cluster, c.namespace);
  return { tenant: c.tenant || undefined, cluster: c.cluster || undefined };
}

import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getRuntime } from "@/lib/runtime";
import type { Principal } from "./principal";

export interface PageSession {
  principal: Principal;
  csrfToken: string;
  can: { manageClusters: boolean };
}

/** The signed-in user of a server-rendered page (or a redirect to sign-in). Once per request. */
export const requireSession = cache(async (): Promise<PageSession> => {
  const rt = await getRuntime();
  const jar = await cookies();
  const auth = await rt.authn.authenticate({ cookie: jar.toString() });
  if (!auth.ok || !auth.sessionToken) redirect("/sign-in");
  return {
    principal: auth.principal,
    csrfToken: rt.authn.csrfToken(auth.sessionToken),
    can: { manageClusters: rt.authz.can(auth.principal, "console/clusters", "create") },
  };
});

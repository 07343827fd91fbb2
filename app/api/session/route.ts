import { withApi } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

/** Who am I, what may I do in the console, and the CSRF token for writes. */
export const GET = withApi({}, async ({ rt, principal, sessionToken }) => ({
  user: { name: principal.name, username: principal.username, displayName: principal.displayName, groups: principal.groups },
  via: principal.via,
  csrfToken: sessionToken ? rt.authn.csrfToken(sessionToken) : undefined,
  can: {
    manageClusters: rt.authz.can(principal, "console/clusters", "create"),
  },
}));

import { withApi } from "@/lib/api/handler";
import { revokeToken } from "@/lib/auth/tokens";

export const dynamic = "force-dynamic";

/**
 * Revokes one of the caller's tokens and the tokens made with it; they stop
 * working on every console process at once (watch).
 */
export const DELETE = withApi({ params: ["id"] }, async ({ rt, principal, params }) => {
  await revokeToken(rt, principal, params.id);
  return null;
});

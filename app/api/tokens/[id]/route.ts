import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

/** Revokes one of the caller's tokens; it stops working on every console process at once (watch). */
export const DELETE = withApi<undefined, undefined, { id: string }>({}, async ({ rt, principal, params }) => {
  const t = rt.store.token(params.id);
  if (!t || t.spec.user !== principal.name) throw new ApiError("not_found", "No such token.");
  await rt.store.deleteToken(params.id);
  return null;
});

import { withApi } from "@/lib/api/handler";
import { newToken } from "@/lib/auth/token-format";
import { tokenView } from "@/lib/store/views";
import { createTokenBodySchema, type CreateTokenBody } from "@/lib/validations/token";

export const dynamic = "force-dynamic";

export const GET = withApi({}, async ({ rt, principal }) => ({
  items: rt.store
    .tokensOf(principal.name)
    .map(tokenView)
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt))),
}));

/** Creates a personal access token; the secret is in this response only (stored hashed). */
export const POST = withApi<CreateTokenBody>({ body: createTokenBodySchema }, async ({ rt, principal, body }) => {
  const t = newToken();
  const days = body.expiresInDays === undefined ? 90 : body.expiresInDays;
  const res = await rt.store.createToken(t.id, {
    user: principal.name,
    displayName: body.name,
    hash: t.hash,
    expiresAt: days === null ? undefined : new Date(Date.now() + days * 86_400_000).toISOString(),
  });
  return Response.json({ ...tokenView(res), token: t.token }, { status: 201 });
});

import { withApi } from "@/lib/api/handler";
import { tokenPolicy } from "@/lib/auth/token-policy";
import { mintToken } from "@/lib/auth/tokens";
import { tokenView } from "@/lib/store/views";
import { createTokenBodySchema } from "@/lib/validations/token";

export const dynamic = "force-dynamic";

export const GET = withApi({}, async ({ rt, principal }) => ({
  items: rt.store
    .tokensOf(principal.name)
    .map(tokenView)
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt))),
  // What the token form may offer.
  policy: tokenPolicy(rt.config.tokenMaxDays),
}));

/** Creates a personal access token; the secret is in this response only (stored hashed). */
export const POST = withApi({ body: createTokenBodySchema }, async ({ rt, principal, body }) => {
  const { resource, token, cappedBy } = await mintToken(rt, principal, { name: body.name, expiresInDays: body.expiresInDays, source: "api" });
  return Response.json({ ...tokenView(resource), token, ...(cappedBy ? { cappedBy } : {}) }, { status: 201 });
});

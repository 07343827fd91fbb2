import "server-only";
import { ApiError } from "@/lib/api/errors";
import { auditLine } from "@/lib/audit/log";
import { K8sError } from "@/lib/k8s/api";
import type { Runtime } from "@/lib/runtime";
import { labelSafe } from "@/lib/store/store";
import type { AccessTokenResource } from "@/lib/store/types";
import type { Principal } from "./principal";
import { newToken } from "./token-format";
import { MAX_TOKEN_DEPTH, PARENT_LABEL, descendants, tokenDepth, tokenExpiry, tokenParent } from "./token-policy";

const link = (t: AccessTokenResource) => ({ user: t.spec.user, expiresAt: t.spec.expiresAt, parent: tokenParent(t) });

/**
 * Makes a personal access token for the caller. Made with a token, it records
 * that token as its parent and expires no later than it; the platform cap
 * (PILOTHOUSE_TOKEN_MAX_DAYS) holds for every token.
 */
export async function mintToken(
  rt: Runtime,
  principal: Principal,
  req: { name: string; expiresInDays?: number | null; source: "api" | "kubeconfig" },
): Promise<{ resource: AccessTokenResource; token: string; cappedBy?: "parent" }> {
  let parent: AccessTokenResource | undefined;
  if (principal.via === "token") {
    parent = principal.tokenId ? rt.store.token(principal.tokenId) : undefined;
    if (!parent) throw new ApiError("unauthorized", "The token of this request was revoked.");
    const lookup = (id: string) => {
      const x = rt.store.token(id);
      return x && link(x);
    };
    if (tokenDepth(link(parent), lookup) >= MAX_TOKEN_DEPTH) {
      throw new ApiError("forbidden", `This token was made by a line of ${MAX_TOKEN_DEPTH} tokens: sign in to make more.`);
    }
  }
  const expiry = tokenExpiry({
    requestedDays: req.expiresInDays,
    capDays: rt.config.tokenMaxDays,
    parentExpiresAt: parent ? (parent.spec.expiresAt ?? null) : undefined,
  });
  if (!expiry.ok) throw new ApiError("validation_failed", expiry.message, { [expiry.field]: expiry.message });
  const t = newToken();
  const spec: AccessTokenResource["spec"] = { user: principal.name, displayName: req.name, hash: t.hash, expiresAt: expiry.expiresAt };
  let resource: AccessTokenResource;
  if (parent) {
    spec.parent = parent.metadata.name!;
    // The same labels as createToken's, plus the parent's id (see PARENT_LABEL).
    const labels = { "pilothouse.dev/user": labelSafe(principal.name), [PARENT_LABEL]: parent.metadata.name! };
    resource = await rt.store.create<AccessTokenResource>("accesstokens", "AccessToken", t.id, spec, labels);
  } else {
    resource = await rt.store.createToken(t.id, spec);
  }
  auditLine({
    event: "token.create",
    user: principal.username,
    via: principal.via,
    tokenId: t.id,
    parent: parent?.metadata.name,
    source: req.source,
    expiresAt: expiry.expiresAt ?? null,
  });
  return { resource, token: t.token, cappedBy: expiry.cappedBy };
}

/** Revokes a token of the caller and every token made with it, directly or not. */
export async function revokeToken(rt: Runtime, principal: Principal, id: string): Promise<void> {
  const t = rt.store.token(id);
  if (!t || t.spec.user !== principal.name) throw new ApiError("not_found", "No such token.");
  const mine = rt.store.tokensOf(principal.name).map((x) => ({ id: x.metadata.name!, parent: tokenParent(x) }));
  const cascade = descendants(id, mine);
  // The token itself first: the authenticator refuses its descendants from then on.
  await rt.store.deleteToken(id);
  for (const child of cascade) {
    await rt.store.deleteToken(child).catch((e: unknown) => {
      if (!(e instanceof K8sError && e.code === 404)) throw e;
    });
  }
  auditLine({ event: "token.revoke", user: principal.username, via: principal.via, tokenId: id, cascade: cascade.length ? cascade : undefined });
}

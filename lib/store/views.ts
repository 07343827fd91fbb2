import { tokenParent } from "@/lib/auth/token-policy";
import type { AccessTokenResource } from "./types";

/** What the browser may see of a token: never its hash. */
export function tokenView(t: AccessTokenResource) {
  return {
    id: t.metadata.name!,
    name: t.spec.displayName,
    createdAt: t.metadata.creationTimestamp,
    expiresAt: t.spec.expiresAt ?? null,
    parent: tokenParent(t) ?? null,
  };
}
export type TokenView = ReturnType<typeof tokenView>;

import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { TokenView } from "@/lib/store/views";
import type { CreateTokenBody } from "@/lib/validations/token";

export type { TokenView };

/** The create response: the only time the secret is ever sent. */
export type CreatedToken = TokenView & { token: string };

export const tokensKey = ["console", "tokens"] as const;

/** The caller's own access tokens (never their secrets). */
export function tokensQuery() {
  return queryOptions({
    queryKey: tokensKey,
    queryFn: ({ signal }) => apiFetch<{ items: TokenView[] }>("/api/tokens", { signal }),
  });
}

export function createToken(body: CreateTokenBody) {
  return apiFetch<CreatedToken>("/api/tokens", { method: "POST", body });
}

export function revokeToken(id: string) {
  return apiFetch<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
}

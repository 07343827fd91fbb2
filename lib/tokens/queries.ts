import { queryOptions } from "@tanstack/react-query";
import type { TokenPolicy } from "@/lib/auth/token-policy";
import { apiFetch, apiFile, saveFile } from "@/lib/client/api";
import type { TokenView } from "@/lib/store/views";
import type { CreateTokenBody } from "@/lib/validations/token";

export type { TokenPolicy, TokenView };

/** The create response: the only time the secret is ever sent. cappedBy: it expires with the token that made it. */
export type CreatedToken = TokenView & { token: string; cappedBy?: "parent" };

export const tokensKey = ["console", "tokens"] as const;

/** The caller's own access tokens (never their secrets). */
export function tokensQuery() {
  return queryOptions({
    queryKey: tokensKey,
    queryFn: ({ signal }) => apiFetch<{ items: TokenView[]; policy: TokenPolicy }>("/api/tokens", { signal }),
  });
}

export function createToken(body: CreateTokenBody) {
  return apiFetch<CreatedToken>("/api/tokens", { method: "POST", body });
}

export function revokeToken(id: string) {
  return apiFetch<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** Makes a kubeconfig (with a new token: a POST, CSRF-checked) and saves it as a file. */
export async function downloadKubeconfig() {
  saveFile(await apiFile("/api/kubeconfig", { method: "POST" }), "pilothouse-kubeconfig.yaml");
}

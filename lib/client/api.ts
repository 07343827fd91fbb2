import type { ApiErrorBody } from "@/lib/api/errors";
import type { Status } from "@/lib/k8s/types";

// Browser side of the console API and the cluster proxy. The CSRF token comes
// from the session (set once by SessionProvider) and goes on every write.

let csrfToken: string | undefined;
export function setCsrfToken(t: string | undefined) {
  csrfToken = t;
}

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly code?: string,
  ) {
    super(message);
  }
}

async function toError(res: Response): Promise<ApiClientError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return new ApiClientError(res.status, `${res.status} ${res.statusText}`);
  }
  const api = body as Partial<ApiErrorBody>;
  if (api.error) return new ApiClientError(res.status, api.error.message, api.error.fields ?? {}, api.error.code);
  const st = body as Partial<Status>;
  if (st.kind === "Status") return new ApiClientError(res.status, st.message ?? st.reason ?? String(res.status), {}, st.reason);
  return new ApiClientError(res.status, `${res.status} ${res.statusText}`);
}

type ApiRequest = { method?: string; body?: unknown; signal?: AbortSignal };

async function send(path: string, init: ApiRequest, accept: string): Promise<Response> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { accept };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    credentials: "same-origin",
  });
  if (!res.ok) throw await toError(res);
  return res;
}

export async function apiFetch<T>(path: string, init: ApiRequest = {}): Promise<T> {
  const res = await send(path, init, "application/json");
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A request whose answer is a file (e.g. POST /api/kubeconfig), with the same CSRF header and errors. */
export async function apiFile(path: string, init: ApiRequest = {}): Promise<Blob> {
  return (await send(path, init, "*/*")).blob();
}

/** Hands a file to the browser's downloads. */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; give slow browsers a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** GET through the cluster proxy, e.g. k8sGet("member-1", "/api/v1/nodes"). */
export function k8sGet<T>(cluster: string, path: string, signal?: AbortSignal): Promise<T> {
  return apiFetch<T>(`/clusters/${encodeURIComponent(cluster)}${path}`, { signal });
}

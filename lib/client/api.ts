import type { ApiErrorBody } from "@/lib/api/errors";
import type { Status } from "@/lib/k8s/types";

// The browser's one way to send a request: to the console API (apiFetch and
// the typed helpers beside the queries) and to the cluster proxy (lib/client/kube.ts).
// The CSRF token comes from the session (set once by SessionProvider) and goes
// on every write; every failure becomes one ApiClientError.

let csrfToken: string | undefined;
export function setCsrfToken(t: string | undefined) {
  csrfToken = t;
}

export type StatusCause = NonNullable<NonNullable<Status["details"]>["causes"]>[number];

/**
 * A refused or failed request, from the console API (`{ error }`) or from
 * Kubernetes (a `Status`): its message verbatim, and per-field messages in
 * `fields` (the API's fields, or the Status causes by field).
 */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The API's error code or the Status reason, e.g. "validation_failed", "Invalid", "Conflict". */
    readonly code?: string,
    /** A Status's causes as the API server sent them (with and without a field). */
    readonly causes: StatusCause[] = [],
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

/** One message per field; a field named by several causes gets them joined with "; ". */
export function causeFields(causes: StatusCause[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const c of causes) {
    if (!c.field) continue;
    const m = c.message ?? c.reason ?? "";
    fields[c.field] = fields[c.field] ? `${fields[c.field]}; ${m}` : m;
  }
  return fields;
}

/** The error a Kubernetes Status describes (an answer's body, or a watch's ERROR event). */
export function statusError(st: Partial<Status>, httpStatus?: number): ApiClientError {
  const causes = st.details?.causes ?? [];
  const status = httpStatus ?? st.code ?? 500;
  return new ApiClientError(status, st.message || st.reason || String(status), causeFields(causes), st.reason, causes);
}

/** The error a failed answer describes, whoever answered. */
export async function responseError(res: Response): Promise<ApiClientError> {
  const plain = () => new ApiClientError(res.status, `${res.status} ${res.statusText}`.trim());
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return plain();
  }
  if (!body || typeof body !== "object") return plain();
  const api = body as Partial<ApiErrorBody>;
  if (api.error?.message) return new ApiClientError(res.status, api.error.message, api.error.fields ?? {}, api.error.code);
  const st = body as Partial<Status>;
  if (st.kind === "Status") return statusError(st, res.status);
  return plain();
}

export interface RequestOptions {
  method?: string;
  /** Sent as JSON, or as it is when a string (YAML for server-side apply). */
  body?: unknown;
  /** Of the body; application/json unless said. */
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/** What fetch gets for a request: method, headers (CSRF on every write) and the body. */
export function buildRequest(path: string, o: RequestOptions = {}): [string, RequestInit] {
  const method = o.method ?? "GET";
  const headers: Record<string, string> = { accept: o.accept ?? "application/json" };
  if (o.body !== undefined) headers["content-type"] = o.contentType ?? "application/json";
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const body = o.body === undefined ? undefined : typeof o.body === "string" ? o.body : JSON.stringify(o.body);
  return [path, { method, headers, body, signal: o.signal, credentials: "same-origin" }];
}

/** Sends a request; anything but a 2xx answer rejects with ApiClientError. */
export async function send(path: string, o: RequestOptions = {}): Promise<Response> {
  const res = await fetch(...buildRequest(path, o));
  if (!res.ok) throw await responseError(res);
  return res;
}

/** The JSON answer of a 2xx response (undefined for 204 and empty bodies). */
export async function jsonOf<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

type ApiRequest = { method?: string; body?: unknown; signal?: AbortSignal };

export async function apiFetch<T>(path: string, init: ApiRequest = {}): Promise<T> {
  return jsonOf<T>(await send(path, init));
}

/** A request whose answer is a file (e.g. POST /api/kubeconfig), with the same CSRF header and errors. */
export async function apiFile(path: string, init: ApiRequest = {}): Promise<Blob> {
  return (await send(path, { ...init, accept: "*/*" })).blob();
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

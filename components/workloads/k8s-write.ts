"use client";

import { useCallback } from "react";
import { useSession } from "@/components/providers";
import { ApiClientError } from "@/lib/client/api";
import type { Status } from "@/lib/k8s/types";

// Writes through the cluster proxy with the content types Kubernetes needs
// (merge and JSON patches), keeping the Status the API server answered:
// its message verbatim and its causes per field.

export type Cause = NonNullable<NonNullable<Status["details"]>["causes"]>[number];

export class K8sWriteError extends ApiClientError {
  constructor(
    status: number,
    message: string,
    readonly causes: Cause[],
    reason?: string,
  ) {
    const fields: Record<string, string> = {};
    for (const c of causes) {
      if (!c.field) continue;
      const m = c.message ?? c.reason ?? "";
      fields[c.field] = fields[c.field] ? `${fields[c.field]}; ${m}` : m;
    }
    super(status, message, fields, reason);
  }
}

export interface WriteOptions {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** Defaults to application/json. */
  contentType?: string;
  signal?: AbortSignal;
}

async function toError(res: Response): Promise<K8sWriteError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return new K8sWriteError(res.status, `${res.status} ${res.statusText}`, []);
  }
  const st = body as Partial<Status> & { error?: { message?: string; code?: string } };
  if (st.kind === "Status") return new K8sWriteError(res.status, st.message ?? st.reason ?? String(res.status), st.details?.causes ?? [], st.reason);
  if (st.error?.message) return new K8sWriteError(res.status, st.error.message, [], st.error.code);
  return new K8sWriteError(res.status, `${res.status} ${res.statusText}`, []);
}

export async function k8sWrite<T>(cluster: string, path: string, csrfToken: string, o: WriteOptions): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "x-csrf-token": csrfToken };
  if (o.body !== undefined) headers["content-type"] = o.contentType ?? "application/json";
  const res = await fetch(`/clusters/${encodeURIComponent(cluster)}${path}`, {
    method: o.method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    signal: o.signal,
    credentials: "same-origin",
  });
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** k8sWrite bound to the session's CSRF token. */
export function useK8sWrite() {
  const { csrfToken } = useSession();
  return useCallback(<T,>(cluster: string, path: string, o: WriteOptions) => k8sWrite<T>(cluster, path, csrfToken, o), [csrfToken]);
}

/** Reads a response error the same way (for GETs whose Status matters, e.g. logs). */
export const responseError = toError;

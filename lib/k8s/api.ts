import "server-only";
import type http from "node:http";
import { type Connection, request, startRequest } from "./connection";
import type { KubeObject, KubeList, Status, WatchEvent } from "./types";

/** A Kubernetes API error carrying the server's Status. */
export class K8sError extends Error {
  constructor(
    readonly status: Status,
    readonly cluster: string,
  ) {
    super(status.message || `${status.reason ?? "Error"} (${status.code})`);
  }
  get code() {
    return this.status.code ?? 0;
  }
}

export function statusFrom(code: number, body: Buffer | string, fallback: string): Status {
  try {
    const v = JSON.parse(String(body));
    if (v && v.kind === "Status") return v as Status;
  } catch {
    /* not JSON */
  }
  const text = String(body).trim().slice(0, 300);
  return { kind: "Status", apiVersion: "v1", status: "Failure", code, message: text || fallback };
}

export interface JSONRequest {
  method?: string;
  accept?: string;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function k8sJSON<T>(conn: Connection, path: string, r: JSONRequest = {}): Promise<T> {
  const body = r.body === undefined ? undefined : typeof r.body === "string" ? r.body : JSON.stringify(r.body);
  const res = await request(conn, {
    method: r.method ?? "GET",
    path,
    headers: {
      accept: r.accept ?? "application/json",
      ...(body !== undefined ? { "content-type": r.contentType ?? "application/json" } : {}),
    },
    body,
    timeoutMs: r.timeoutMs ?? 15_000,
    signal: r.signal,
  });
  if (res.status >= 300) throw new K8sError(statusFrom(res.status, res.body, `HTTP ${res.status}`), conn.name);
  return JSON.parse(res.body.toString("utf8")) as T;
}

/** Server-side apply of one object (idempotent create-or-update). */
export function apply<T extends KubeObject>(conn: Connection, path: string, obj: T, fieldManager = "pilothouse") {
  return k8sJSON<T>(conn, `${path}?fieldManager=${fieldManager}&force=true`, {
    method: "PATCH",
    body: obj,
    contentType: "application/apply-patch+yaml",
  });
}

/**
 * Opens a watch and calls onEvent for each event line as it arrives. Resolves
 * when the server ends the stream; rejects on errors (caller re-lists on 410).
 */
export function watchStream(
  conn: Connection,
  path: string,
  onEvent: (e: WatchEvent) => void,
  signal?: AbortSignal,
  accept = "application/json",
  /** Called once the server has accepted the watch. */
  onOpen?: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = startRequest(conn, { path, headers: { accept }, signal });
    req.on("error", reject);
    req.on("response", (res: http.IncomingMessage) => {
      if ((res.statusCode ?? 0) >= 300) {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          reject(new K8sError(statusFrom(res.statusCode ?? 0, Buffer.concat(chunks), "watch failed"), conn.name)),
        );
        return;
      }
      onOpen?.();
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (!line.trim()) continue;
          try {
            onEvent(JSON.parse(line) as WatchEvent);
          } catch (e) {
            res.destroy(e as Error);
            return;
          }
        }
      });
      res.on("end", () => resolve());
      res.on("error", reject);
      res.on("aborted", () => reject(new Error(`watch on ${conn.name} aborted`)));
    });
    req.end();
  });
}

export type { KubeObject, KubeList };

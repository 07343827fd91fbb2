import { withQuery } from "@/lib/k8s/kinds/common";
import type { KubeObject, WatchEvent } from "@/lib/k8s/types";
import { type RequestOptions, jsonOf, send, statusError } from "./api";

// The browser's one client for Kubernetes through the console's proxy
// (`/clusters/<cluster>/<Kubernetes path>`): reads, writes, watches and logs.
// Requests, CSRF and errors are api.ts's: a refused write rejects with an
// ApiClientError carrying the Status message verbatim and its causes by field.

export const clusterURL = (cluster: string, path: string) => `/clusters/${encodeURIComponent(cluster)}${path}`;

/** GET of an object or a list, e.g. kubeGet("member-1", "/api/v1/nodes"). */
export async function kubeGet<T>(cluster: string, path: string, signal?: AbortSignal): Promise<T> {
  return jsonOf<T>(await send(clusterURL(cluster, path), { signal }));
}

/** The content types of Kubernetes' patch dialects. */
export const PATCH_CONTENT_TYPE = {
  merge: "application/merge-patch+json",
  json: "application/json-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
} as const;
export type PatchType = keyof typeof PATCH_CONTENT_TYPE;

interface WriteCommon {
  /** Checked and defaulted by the API server, nothing stored (`dryRun=All`). */
  dryRun?: boolean;
  /** Who owns the fields written; server-side apply needs one ("pilothouse" unless said). */
  fieldManager?: string;
  signal?: AbortSignal;
}

export type KubeWrite = WriteCommon &
  (
    | { method: "POST" | "PUT"; body: unknown }
    | { method: "PATCH"; patch: PatchType; body: unknown; /** Server-side apply: take fields other managers own. */ force?: boolean }
    | { method: "DELETE"; /** DeleteOptions, e.g. a precondition. */ body?: unknown }
  );

const APPLY_FIELD_MANAGER = "pilothouse";

/** The URL and request of a write (the query carries dryRun, fieldManager and force). */
export function writeRequest(cluster: string, path: string, w: KubeWrite): [string, RequestOptions] {
  const apply = w.method === "PATCH" && w.patch === "apply";
  const url = withQuery(clusterURL(cluster, path), {
    dryRun: w.dryRun ? "All" : undefined,
    fieldManager: w.fieldManager ?? (apply ? APPLY_FIELD_MANAGER : undefined),
    force: apply && w.force ? true : undefined,
  });
  const contentType = w.method === "PATCH" ? PATCH_CONTENT_TYPE[w.patch] : undefined;
  return [url, { method: w.method, body: w.body, contentType, signal: w.signal }];
}

/** Creates (POST), replaces (PUT), patches or deletes; resolves with what the API server answered. */
export async function kubeWrite<T = KubeObject>(cluster: string, path: string, w: KubeWrite): Promise<T> {
  return jsonOf<T>(await send(...writeRequest(cluster, path, w)));
}

/** The lines of a streamed body as they come; the last one even without a line break. */
export async function* bodyLines(res: Response): AsyncGenerator<string> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        yield buf.slice(0, i);
        buf = buf.slice(i + 1);
      }
    }
    if (buf) yield buf;
  } finally {
    reader.releaseLock();
  }
}

/**
 * A pod's log (a `…/pods/<name>/log` path, `follow=true` to keep it open):
 * resolves once the API server has answered, with its lines as they come.
 */
export async function kubeLogs(cluster: string, path: string, signal?: AbortSignal): Promise<AsyncGenerator<string>> {
  return bodyLines(await send(clusterURL(cluster, path), { accept: "*/*", signal }));
}

/** A whole answer as a file (a log to download). */
export async function kubeFile(cluster: string, path: string, signal?: AbortSignal): Promise<Blob> {
  return (await send(clusterURL(cluster, path), { accept: "*/*", signal })).blob();
}

/** The events of a watch's body, in order; an ERROR event (e.g. 410 Gone) throws its Status as ApiClientError. */
export async function* watchEvents<T extends KubeObject>(lines: AsyncIterable<string>): AsyncGenerator<WatchEvent<T>> {
  for await (const line of lines) {
    if (!line.trim()) continue;
    const ev = JSON.parse(line) as WatchEvent<T>;
    if (ev.type === "ERROR") throw statusError(ev.object);
    yield ev;
  }
}

/** The URL of a collection's watch from a resourceVersion, with bookmarks. */
export function watchURL(cluster: string, path: string, resourceVersion?: string): string {
  return withQuery(clusterURL(cluster, path), { watch: 1, allowWatchBookmarks: true, resourceVersion });
}

/**
 * Follows a collection's watch, calling onEvent per event. Resolves when the
 * server ends the stream; rejects with ApiClientError when it is refused or
 * too old (status 410), and with the abort when `signal` fires.
 */
export async function kubeWatch<T extends KubeObject>(
  cluster: string,
  path: string,
  o: { resourceVersion?: string; signal?: AbortSignal; onEvent: (e: WatchEvent<T>) => void },
): Promise<void> {
  const res = await send(watchURL(cluster, path, o.resourceVersion), { signal: o.signal });
  for await (const ev of watchEvents<T>(bodyLines(res))) o.onEvent(ev);
}

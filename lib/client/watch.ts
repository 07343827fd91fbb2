import type { KubeObject, WatchEvent } from "@/lib/k8s/types";
import { ApiClientError } from "./api";

/**
 * Follows a Kubernetes watch through the proxy with a streaming fetch,
 * calling onEvent per line. Resolves when the stream ends; rejects on errors
 * (410 Gone comes as an ApiClientError with status 410).
 */
export async function watchStream<T extends KubeObject>(
  url: string,
  onEvent: (e: WatchEvent<T>) => void,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(url, { signal, headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!res.ok || !res.body) {
    let msg = `${res.status}`;
    try {
      msg = (await res.json()).message ?? msg;
    } catch {
      /* keep status */
    }
    throw new ApiClientError(res.status, msg);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let i: number;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (!line.trim()) continue;
      const ev = JSON.parse(line) as WatchEvent<T>;
      if (ev.type === "ERROR") {
        throw new ApiClientError(ev.object.code ?? 500, ev.object.message ?? "watch error");
      }
      onEvent(ev);
    }
  }
}

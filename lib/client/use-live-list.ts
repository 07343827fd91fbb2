"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { listWithoutSecretValues, objectWithoutSecretValues } from "@/lib/k8s/kinds/secret";
import { listQuery } from "@/lib/client/list-query";
import { appendPage, listProgress, nextPagePath } from "@/lib/client/list-paging";
import type { KubeList, KubeObject, WatchEvent } from "@/lib/k8s/types";
import { objectKey as keyOf } from "@/lib/k8s/types";
import { ApiClientError } from "./api";
import { kubeGet, kubeWatch } from "./kube";

export type LiveState = "loading" | "live" | "reconnecting" | "stopped";

/**
 * A Kubernetes collection that stays current: the list (its first page
 * prefetched on the server and hydrated, the rest fetched here page by page),
 * then its watch from the list's resourceVersion. Events are applied in
 * batches so ten thousand rows do not re-render per event.
 */
export function useLiveList<T extends KubeObject>(cluster: string, path: string) {
  const qc = useQueryClient();
  const opts = listQuery<T>(cluster, path);
  const { data } = useSuspenseQuery(opts);
  const [state, setState] = useState<LiveState>("live");
  // How loading the rest of a paged list goes (its watch starts after).
  const [loadState, setLoadState] = useState<LiveState>("loading");
  const rv = data.metadata.resourceVersion;
  const token = data.metadata.continue;
  const progress = listProgress(data);

  // The rest of a paged list, one page per run: each page changes the token and runs this again.
  useEffect(() => {
    if (!token) return;
    const ac = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const next = async (attempt: number) => {
      try {
        const page = await kubeGet<KubeList<T>>(cluster, nextPagePath(path, token, data.items.length), ac.signal);
        setLoadState("loading");
        // Only onto the list this page continues (a refetch may have replaced it meanwhile).
        qc.setQueryData<KubeList<T>>(opts.queryKey, (old) => (old?.metadata.continue === token ? appendPage(old, listWithoutSecretValues(page)) : old));
      } catch (e) {
        if (ac.signal.aborted) return;
        // 410: the snapshot is too old to continue; start over with the whole list.
        if (e instanceof ApiClientError && e.status === 410) return void qc.invalidateQueries({ queryKey: opts.queryKey });
        const forbidden = e instanceof ApiClientError && e.status === 403;
        setLoadState(forbidden ? "stopped" : "reconnecting");
        if (forbidden) return;
        retry = setTimeout(() => void next(attempt + 1), Math.min(500 * 2 ** attempt, 10_000));
      }
    };
    void next(0);
    return () => {
      ac.abort();
      clearTimeout(retry);
    };
    // data.items.length only sizes the page; the token says where it starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cluster, path, token]);

  // A list left half-loaded is stale: whoever reads it next fetches it whole.
  useEffect(
    () => () => {
      if (qc.getQueryData<KubeList<T>>(opts.queryKey)?.metadata.continue) void qc.invalidateQueries({ queryKey: opts.queryKey, refetchType: "none" });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cluster, path],
  );

  const complete = progress.complete;
  useEffect(() => {
    // The watch starts from the snapshot the pages came from, once all are in.
    if (!complete) return;
    const ac = new AbortController();
    let pending: WatchEvent<T>[] = [];
    let flush: ReturnType<typeof setTimeout> | undefined;
    let resourceVersion = rv ?? "";
    const apply = () => {
      flush = undefined;
      const batch = pending;
      pending = [];
      qc.setQueryData<KubeList<T>>(opts.queryKey, (old) => {
        if (!old) return old;
        const byKey = new Map(old.items.map((o) => [keyOf(o), o] as const));
        for (const e of batch) {
          if (e.type === "BOOKMARK") continue;
          const k = keyOf(e.object as T);
          if (e.type === "DELETED") byKey.delete(k);
          // The watch carries Secrets' values; the cache keeps none (see withoutSecretValues).
          else byKey.set(k, objectWithoutSecretValues(e.object as T));
        }
        // metadata.resourceVersion stays: it is what this watch started from.
        return { ...old, items: [...byKey.values()] };
      });
    };
    (async () => {
      let backoff = 500;
      while (!ac.signal.aborted) {
        try {
          await kubeWatch<T>(cluster, path, {
            resourceVersion,
            signal: ac.signal,
            onEvent: (e) => {
              const v = (e.object as KubeObject)?.metadata?.resourceVersion;
              if (v) resourceVersion = v;
              if (e.type === "BOOKMARK") return;
              pending.push(e);
              flush ??= setTimeout(apply, 100);
            },
          });
          setState("live");
          backoff = 500;
        } catch (e) {
          if (ac.signal.aborted) return;
          if (e instanceof ApiClientError && e.status === 410) {
            // Too old to resume: reload the list; this effect restarts from its resourceVersion.
            await qc.invalidateQueries({ queryKey: opts.queryKey });
            return;
          }
          setState(e instanceof ApiClientError && e.status === 403 ? "stopped" : "reconnecting");
          if (e instanceof ApiClientError && e.status === 403) return;
          await new Promise((r) => setTimeout(r, backoff));
          backoff = Math.min(backoff * 2, 10_000);
        }
      }
    })();
    return () => {
      ac.abort();
      clearTimeout(flush);
    };
    // Restart only when the collection or the listed resourceVersion changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cluster, path, rv, complete]);

  return { list: data, items: data.items, state: complete ? state : loadState, progress };
}

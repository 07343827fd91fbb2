"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import type { KubeconfigContext } from "@/lib/k8s/kubeconfig";
import type { KubeconfigContexts } from "@/lib/validations/cluster";

export type { KubeconfigContext };

const DEBOUNCE_MS = 400;

/**
 * Reads the contexts of a kubeconfig while it is typed or uploaded: call
 * `check(text)` on every change; the server is asked once typing pauses, and
 * answers to older texts are dropped. Kept out of the query cache on purpose:
 * the text holds credentials.
 */
export function useKubeconfigContexts() {
  const [contexts, setContexts] = useState<KubeconfigContext[]>([]);
  const [context, setContext] = useState("");
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inflight = useRef<AbortController>(undefined);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inflight.current?.abort();
    },
    [],
  );

  const check = useCallback((text: string) => {
    clearTimeout(timer.current);
    inflight.current?.abort();
    setError(undefined);
    if (!text.trim()) {
      setContexts([]);
      setContext("");
      setLoading(false);
      return;
    }
    setLoading(true);
    timer.current = setTimeout(() => {
      const ac = new AbortController();
      inflight.current = ac;
      apiFetch<KubeconfigContexts>("/api/clusters/contexts", { method: "POST", body: { kubeconfig: text }, signal: ac.signal })
        .then((res) => {
          setContexts(res.contexts);
          // Keep the user's choice while it still exists; else the file's current context.
          setContext((prev) =>
            res.contexts.some((c) => c.name === prev)
              ? prev
              : res.contexts.some((c) => c.name === res.current)
                ? res.current!
                : (res.contexts[0]?.name ?? ""),
          );
        })
        .catch((e: unknown) => {
          if (ac.signal.aborted) return;
          setContexts([]);
          setContext("");
          setError(e instanceof ApiClientError ? (e.fields.kubeconfig ?? e.fields.context ?? e.message) : e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          if (!ac.signal.aborted) setLoading(false);
        });
    }, DEBOUNCE_MS);
  }, []);

  return { contexts, context, setContext, loading, error, check };
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { ClusterView } from "@/lib/validations/cluster";
import { clustersKey } from "./queries";

/** Keeps the cluster list (with health) current from the server's event stream. */
export function useClusterEvents() {
  const qc = useQueryClient();
  useEffect(() => {
    const es = new EventSource("/api/clusters/events");
    es.onmessage = (ev) => {
      try {
        qc.setQueryData(clustersKey, JSON.parse(ev.data) as { items: ClusterView[] });
      } catch {
        /* ignore a malformed frame */
      }
    };
    return () => es.close();
  }, [qc]);
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { type ClusterEvent, type ClusterList, afterPaint, applyClusterEvent, clustersKey } from "./queries";

/** Keeps the cluster list (with health) current from the server's event stream: the whole list once, then changes. */
export function useClusterEvents() {
  const qc = useQueryClient();
  useEffect(() => {
    let es: EventSource | undefined;
    let closed = false;
    // Its first frame is the whole list: after the page has painted (see afterPaint).
    void afterPaint().then(() => {
      if (closed) return;
      es = new EventSource("/api/clusters/events");
      es.onmessage = onFrame;
    });
    const onFrame = (ev: MessageEvent<string>) => {
      let frame: ClusterEvent;
      try {
        frame = JSON.parse(ev.data) as ClusterEvent;
      } catch {
        return; // a malformed frame
      }
      const next = applyClusterEvent(qc.getQueryData<ClusterList>(clustersKey), frame);
      if (next) qc.setQueryData(clustersKey, next);
    };
    return () => {
      closed = true;
      es?.close();
    };
  }, [qc]);
}

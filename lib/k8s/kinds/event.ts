import type { KubeObject } from "../types";

export interface EventObject extends KubeObject {
  type?: "Normal" | "Warning";
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  source?: { component?: string };
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
}

export const eventsPath = "/api/v1/events";
export const eventPath = (ns: string, name: string) => `/api/v1/namespaces/${encodeURIComponent(ns)}/events/${encodeURIComponent(name)}`;

/** When it last happened (events.k8s.io fields first, then the core ones). */
export function eventTime(e: EventObject): string | undefined {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
}

export function eventCount(e: EventObject): number {
  return e.series?.count ?? e.count ?? 1;
}

export function eventObject(e: EventObject): string {
  const o = e.involvedObject;
  return o ? `${o.kind ?? ""}/${o.name ?? ""}` : "";
}

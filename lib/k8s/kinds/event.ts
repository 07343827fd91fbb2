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

/** What the Events page narrows to (each empty = any), as in its address: ?type=&kind=&reason=. */
export interface EventFilter {
  type?: string;
  kind?: string;
  reason?: string;
}

export function matchesEventFilter(e: EventObject, f: EventFilter): boolean {
  return (!f.type || e.type === f.type) && (!f.kind || e.involvedObject?.kind === f.kind) && (!f.reason || e.reason === f.reason);
}

export function filterEvents(events: EventObject[], f: EventFilter): EventObject[] {
  return f.type || f.kind || f.reason ? events.filter((e) => matchesEventFilter(e, f)) : events;
}

export interface Facet {
  value: string;
  count: number;
}

/**
 * The choices of each filter among the events present, counted among the
 * events the other filters let through (picking a kind shows the reasons that
 * kind has). A chosen value stays a choice even when no event has it now.
 */
export function eventFacets(events: EventObject[], f: EventFilter): { type: Facet[]; kind: Facet[]; reason: Facet[] } {
  const facet = (key: keyof EventFilter, value: (e: EventObject) => string | undefined): Facet[] => {
    const others = { ...f, [key]: undefined };
    const counts = new Map<string, number>();
    for (const e of events) {
      const v = value(e);
      if (v && matchesEventFilter(e, others)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const chosen = f[key];
    if (chosen && !counts.has(chosen)) counts.set(chosen, 0);
    return [...counts].map(([v, count]) => ({ value: v, count })).sort((a, b) => a.value.localeCompare(b.value));
  };
  return { type: facet("type", (e) => e.type), kind: facet("kind", (e) => e.involvedObject?.kind), reason: facet("reason", (e) => e.reason) };
}

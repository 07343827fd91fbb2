"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useUrlParam } from "@/components/monitoring/use-dashboard-params";
import { type Column, DataTable } from "@/components/table/data-table";
import { yamlColumn } from "@/components/table/kube-columns";
import { Age } from "@/components/ui/age";
import { Badge } from "@/components/ui/status-badge";
import { useLiveList } from "@/lib/client/use-live-list";
import { ageOrder } from "@/lib/format";
import { type EventFilter, type EventObject, eventCount, eventFacets, eventObject, eventPath, eventTime, eventsPath, filterEvents } from "@/lib/k8s/kinds/event";
import type { ListProgress } from "@/lib/client/list-paging";
import { EventFilters } from "./event-filters";
import { LiveIndicator } from "./live-indicator";

export function EventsTableView({
  cluster,
  events,
  toolbar,
  progress,
  initialFilter,
  onFilterChange,
}: {
  cluster: string;
  events: EventObject[];
  toolbar?: React.ReactNode;
  progress?: ListProgress;
  initialFilter?: string;
  onFilterChange?: (filter: string) => void;
}) {
  const t = useTranslations("cluster.events");
  const columns = useMemo<Column<EventObject>[]>(
    () => [
      { id: "last", header: t("last"), width: "7rem", cell: (e) => <Age ts={eventTime(e)} />, sortValue: (e) => ageOrder(eventTime(e)) },
      {
        id: "type",
        header: t("type"),
        width: "7rem",
        cell: (e) => <Badge tone={e.type === "Warning" ? "amber" : "slate"}>{e.type && t.has(`types.${e.type}`) ? t(`types.${e.type}`) : (e.type ?? "—")}</Badge>,
        sortValue: (e) => e.type ?? "",
      },
      { id: "reason", header: t("reason"), width: "10rem", cell: (e) => e.reason ?? "—", sortValue: (e) => e.reason ?? "" },
      { id: "namespace", header: t("namespace"), width: "10rem", cell: (e) => e.metadata.namespace ?? "—", sortValue: (e) => e.metadata.namespace ?? "" },
      { id: "object", header: t("object"), width: "minmax(10rem,1.5fr)", cell: (e) => eventObject(e), sortValue: (e) => eventObject(e) },
      { id: "message", header: t("message"), width: "minmax(14rem,3fr)", cell: (e) => <span title={e.message}>{e.message}</span>, filterValue: (e) => e.message ?? "" },
      { id: "count", header: t("count"), width: "5rem", cell: (e) => eventCount(e), sortValue: (e) => eventCount(e) },
      yamlColumn(t("actions"), cluster, "Event", (e) => eventPath(e.metadata.namespace ?? "default", e.metadata.name!)),
    ],
    [t, cluster],
  );
  return (
    <DataTable
      rows={events}
      columns={columns}
      rowKey={(e) => e.metadata.uid ?? `${e.metadata.namespace}/${e.metadata.name}`}
      label={t("title")}
      initialSort={{ id: "last", desc: false }}
      empty={t("none")}
      toolbar={toolbar}
      progress={progress}
      initialFilter={initialFilter}
      onFilterChange={onFilterChange}
    />
  );
}

/** A cluster's events, live, narrowed by type, object kind, reason and text, all kept in the address (?type=&kind=&reason=&q=). */
export function EventsTable({ cluster }: { cluster: string }) {
  const { items, state, progress } = useLiveList<EventObject>(cluster, eventsPath);
  const [type, setType] = useUrlParam("type");
  const [kind, setKind] = useUrlParam("kind");
  const [reason, setReason] = useUrlParam("reason");
  const [q, setQ] = useUrlParam("q");
  const filter = useMemo<EventFilter>(() => ({ type, kind, reason }), [type, kind, reason]);
  const shown = useMemo(() => filterEvents(items, filter), [items, filter]);
  const facets = useMemo(() => eventFacets(items, filter), [items, filter]);
  const onChange = (key: keyof EventFilter, value: string) => ({ type: setType, kind: setKind, reason: setReason })[key](value);
  return (
    <div className="space-y-3">
      <EventFilters filter={filter} facets={facets} onChange={onChange} />
      <EventsTableView cluster={cluster} events={shown} progress={progress} toolbar={<LiveIndicator state={state} />} initialFilter={q} onFilterChange={setQ} />
    </div>
  );
}

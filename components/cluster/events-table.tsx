"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { yamlColumn } from "@/components/table/kube-columns";
import { Badge } from "@/components/ui/status-badge";
import { useLiveList } from "@/lib/client/use-live-list";
import { ageSeconds, formatAge } from "@/lib/format";
import { type EventObject, eventCount, eventObject, eventPath, eventTime, eventsPath } from "@/lib/k8s/kinds/event";
import type { ListProgress } from "@/lib/client/list-paging";
import { LiveIndicator } from "./live-indicator";

export function EventsTableView({ cluster, events, toolbar, progress }: { cluster: string; events: EventObject[]; toolbar?: React.ReactNode; progress?: ListProgress }) {
  const t = useTranslations("cluster.events");
  const columns = useMemo<Column<EventObject>[]>(
    () => [
      { id: "last", header: t("last"), width: "7rem", cell: (e) => formatAge(eventTime(e)), sortValue: (e) => ageSeconds(eventTime(e)) },
      {
        id: "type",
        header: t("type"),
        width: "7rem",
        cell: (e) => <Badge tone={e.type === "Warning" ? "amber" : "slate"}>{e.type ?? "—"}</Badge>,
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
    />
  );
}

export function EventsTable({ cluster }: { cluster: string }) {
  const { items, state, progress } = useLiveList<EventObject>(cluster, eventsPath);
  return <EventsTableView cluster={cluster} events={items} progress={progress} toolbar={<LiveIndicator state={state} />} />;
}

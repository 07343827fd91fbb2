import { HydrationBoundary } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { EventsTable } from "@/components/cluster/events-table";
import { ListError } from "@/components/cluster/list-error";
import { eventsPath } from "@/lib/k8s/kinds/event";
import { prefetchList } from "@/lib/server/prefetch";

export async function generateMetadata({ params }: { params: Promise<{ cluster: string }> }) {
  const t = await getTranslations("cluster.tabs");
  return { title: `${t("events")} · ${(await params).cluster}` };
}

export default async function Page({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const { state, error } = await prefetchList(cluster, eventsPath);
  if (error) return <ListError error={error} />;
  return (
    <HydrationBoundary state={state}>
      <EventsTable cluster={cluster} />
    </HydrationBoundary>
  );
}

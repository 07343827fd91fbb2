import { HydrationBoundary } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { NodesTable } from "@/components/cluster/nodes-table";
import { ListError } from "@/components/cluster/list-error";
import { nodesPath } from "@/lib/k8s/kinds/node";
import { prefetchList } from "@/lib/server/prefetch";

export async function generateMetadata({ params }: { params: Promise<{ cluster: string }> }) {
  const t = await getTranslations("cluster.tabs");
  return { title: `${t("nodes")} · ${(await params).cluster}` };
}

export default async function Page({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const { state, error } = await prefetchList(cluster, nodesPath);
  if (error) return <ListError error={error} />;
  return (
    <HydrationBoundary state={state}>
      <NodesTable cluster={cluster} />
    </HydrationBoundary>
  );
}

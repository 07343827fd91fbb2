import { HydrationBoundary } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { NamespacesTable } from "@/components/cluster/namespaces-table";
import { ListError } from "@/components/cluster/list-error";
import { namespacesPath } from "@/lib/k8s/kinds/namespace";
import { prefetchList } from "@/lib/server/prefetch";

export async function generateMetadata({ params }: { params: Promise<{ cluster: string }> }) {
  const t = await getTranslations("cluster.tabs");
  return { title: `${t("namespaces")} · ${(await params).cluster}` };
}

export default async function Page({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const { state, error } = await prefetchList(cluster, namespacesPath);
  if (error) return <ListError error={error} />;
  return (
    <HydrationBoundary state={state}>
      <NamespacesTable cluster={cluster} />
    </HydrationBoundary>
  );
}

import { HydrationBoundary } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { ClusterWorkloads } from "@/components/cluster/cluster-workloads";
import { ListError } from "@/components/cluster/list-error";
import { deployments } from "@/components/kinds/deployment";
import { kindBySlug } from "@/components/kinds/registry";
import { prefetchList } from "@/lib/server/prefetch";

export async function generateMetadata({ params }: { params: Promise<{ cluster: string }> }) {
  const t = await getTranslations("cluster.tabs");
  return { title: `${t("workloads")} · ${(await params).cluster}` };
}

export default async function Page({ params, searchParams }: { params: Promise<{ cluster: string }>; searchParams: Promise<{ kind?: string }> }) {
  const { cluster } = await params;
  const kind = kindBySlug((await searchParams).kind ?? "") ?? deployments;
  const { state, error } = await prefetchList(cluster, kind.listPath());
  if (error) return <ListError error={error} />;
  return (
    <HydrationBoundary state={state}>
      <ClusterWorkloads cluster={cluster} slug={kind.slug} />
    </HydrationBoundary>
  );
}

import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { ClusterRegistry } from "@/components/clusters/cluster-registry";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/server-session";
import { SMALL_FLEET, clusterPagesKey, firstClusterPage } from "@/lib/clusters/queries";
import { visibleClusters } from "@/lib/clusters/visibility";
import { makeQueryClient } from "@/lib/query/client";
import { getRuntime } from "@/lib/runtime";

export async function generateMetadata() {
  const t = await getTranslations("clusters");
  return { title: t("title") };
}

// A small fleet's list is prefetched by the console layout and pushed live afterwards; a large one's first page is
// prefetched here (the table pages through the rest on the server).
export default async function ClustersPage() {
  const t = await getTranslations("clusters");
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const qc = makeQueryClient();
  const clusters = await visibleClusters(rt, principal);
  if (clusters.length > SMALL_FLEET) qc.setQueryData(clusterPagesKey("", ""), firstClusterPage(clusters));
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <HydrationBoundary state={dehydrate(qc)}>
        <ClusterRegistry />
      </HydrationBoundary>
    </div>
  );
}

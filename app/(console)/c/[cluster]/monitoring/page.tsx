import { HydrationBoundary } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { ClusterDashboard } from "@/components/monitoring/cluster-dashboard";
import { ErrorState } from "@/components/ui/states";
import { requireSession } from "@/lib/auth/server-session";
import { nodesPath } from "@/lib/k8s/kinds/node";
import { prefetchList } from "@/lib/server/prefetch";
import { EXPLORER, MONITORING } from "@/lib/monitoring/service";
import { getRuntime } from "@/lib/runtime";

export async function generateMetadata({ params }: { params: Promise<{ cluster: string }> }) {
  const t = await getTranslations("cluster.tabs");
  return { title: `${t("monitoring")} · ${(await params).cluster}` };
}

// The layout has checked that the cluster exists and is visible. Here: may
// the caller see its monitoring, and run their own queries? And the nodes for
// the node picker (as the nodes tab lists them); charts load in the browser.
export default async function Page({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const { principal } = await requireSession();
  const rt = await getRuntime();
  if (!rt.authz.can(principal, MONITORING, "get", { cluster })) {
    const t = await getTranslations("monitoring.cluster");
    const te = await getTranslations("errors");
    return <ErrorState title={te("forbidden")} message={t("forbidden")} />;
  }
  const canExplore = rt.authz.can(principal, EXPLORER, "get", { cluster });
  const nodes = await prefetchList(cluster, nodesPath);
  return (
    <HydrationBoundary state={nodes.state}>
      <ClusterDashboard cluster={cluster} canExplore={canExplore} nodesListed={!nodes.error} />
    </HydrationBoundary>
  );
}

import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { ListError } from "@/components/cluster/list-error";
import { WorkloadsOverview } from "@/components/workloads/workloads-overview";
import { namespaceEventsPath } from "@/lib/k8s/kinds/common";
import { deployments } from "@/components/kinds/deployment";
import { pods } from "@/components/kinds/pod";
import { safeDecode } from "@/lib/k8s/kinds/kind";
import { prefetchList } from "@/lib/server/prefetch";
import { getServerQueryClient } from "@/lib/query/server";

type Params = Promise<{ cluster: string; ns: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const t = await getTranslations("workloads");
  const { cluster, ns } = await params;
  return { title: `${t("title")} · ${safeDecode(ns)} · ${cluster}` };
}

export default async function Page({ params }: { params: Params }) {
  const { cluster, ns: raw } = await params;
  const ns = safeDecode(raw);
  // What the page shows first, fetched together; a section that failed shows its own error.
  const results = await Promise.all([deployments.listPath(ns), pods.listPath(ns), namespaceEventsPath(ns)].map((p) => prefetchList(cluster, p)));
  const failed = results.filter((r) => r.error);
  if (failed.length === results.length && failed[0].error) return <ListError error={failed[0].error} />;
  return (
    <HydrationBoundary state={dehydrate(getServerQueryClient())}>
      <WorkloadsOverview cluster={cluster} ns={ns} />
    </HydrationBoundary>
  );
}

import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import {
  AlertsCard,
  CapacityCard,
  CardSkeleton,
  ControlPlaneCard,
  HiddenNote,
  NodeConditionsCard,
  TopNamespacesCard,
  VersionCard,
  WarningsCard,
} from "@/components/cluster/cluster-overview";
import { requireSession } from "@/lib/auth/server-session";
import { clusterAlerts, clusterCapacity, clusterUsage, clusterVersion, controlPlane, warningEvents } from "@/lib/server/cluster-dashboard";
import { getRuntime } from "@/lib/runtime";

export async function generateMetadata({ params }: { params: Promise<{ cluster: string }> }) {
  const t = await getTranslations("cluster.dashboard");
  return { title: `${t("title")} · ${(await params).cluster}` };
}

// The cluster's dashboard. The layout has checked that the cluster exists and
// is visible; every section starts reading at once with the caller's rights
// and streams in as it resolves, so nothing waits for the slowest.
export default async function Page({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const t = await getTranslations("cluster.dashboard");
  const capacity = clusterCapacity(rt, principal, cluster);
  const usage = clusterUsage(rt, principal, cluster);
  const version = clusterVersion(rt, principal, cluster);
  const health = controlPlane(rt, principal, cluster);
  const warnings = warningEvents(rt, principal, cluster);
  const alerts = clusterAlerts(rt, principal, cluster);
  return (
    <div className="space-y-4" data-testid="cluster-dashboard">
      <div className="grid gap-4 lg:grid-cols-3">
        <Suspense fallback={<CardSkeleton title={t("capacity.title")} wide />}>
          <CapacityCard cluster={cluster} data={capacity} usage={usage} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t("version")} />}>
          <VersionCard data={version} fallback={rt.clusters.health(cluster)?.version} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t("nodes.title")} />}>
          <NodeConditionsCard cluster={cluster} data={capacity} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t("controlPlane.title")} />}>
          <ControlPlaneCard data={health} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t("alerts.title")} />}>
          <AlertsCard data={alerts} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t("warnings.title")} wide />}>
          <WarningsCard cluster={cluster} data={warnings} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t("top.title")} />}>
          <TopNamespacesCard cluster={cluster} data={usage} />
        </Suspense>
      </div>
      <Suspense>
        <HiddenNote data={capacity} />
      </Suspense>
    </div>
  );
}

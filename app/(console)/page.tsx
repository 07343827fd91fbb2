import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ClusterCards } from "@/components/overview/cluster-cards";
import { FleetTotals } from "@/components/overview/fleet-totals";
import { requireSession } from "@/lib/auth/server-session";
import { fleetTotals, overviewCards } from "@/lib/clusters/fleet-totals";
import { visibleClusters } from "@/lib/clusters/visibility";
import { firingAlertCount, tenancyTotals } from "@/lib/server/cluster-dashboard";
import { getRuntime } from "@/lib/runtime";

export async function generateMetadata() {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

/** Firing alerts over the caller's clusters: streamed in, each Prometheus bounded by its client's timeout. */
async function FiringAlerts() {
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const t = await getTranslations("overview.totals");
  const a = await firingAlertCount(rt, principal);
  return (
    <>
      {a.firing}
      {a.failed > 0 && <span className="block truncate font-sans text-xs font-normal text-amber-800 dark:text-amber-300">{t("alertsFailed", { count: a.failed })}</span>}
    </>
  );
}

// The clusters' health is pushed live; the totals and cards as the server rendered them stand in until that list is
// here (a large fleet's list is not in the page).
export default async function OverviewPage() {
  const t = await getTranslations("overview");
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const totals = tenancyTotals(rt, principal);
  const clusters = await visibleClusters(rt, principal);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-500">{t("subtitle")}</p>
      </div>
      <FleetTotals
        tenants={totals.tenants}
        projects={totals.projects}
        initial={fleetTotals(clusters)}
        alerts={
          <Suspense fallback={<span className="inline-block h-6 w-10 animate-pulse rounded bg-slate-200 align-middle dark:bg-slate-700" />}>
            <FiringAlerts />
          </Suspense>
        }
      />
      <ClusterCards initial={{ cards: overviewCards(clusters), total: clusters.length }} />
    </div>
  );
}

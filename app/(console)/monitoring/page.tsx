import { getTranslations } from "next-intl/server";
import { PlatformOverview } from "@/components/monitoring/platform-overview";
import { requireSession } from "@/lib/auth/server-session";
import { attentionFirst } from "@/lib/clusters/fleet-totals";
import { visibleClusters } from "@/lib/clusters/visibility";
import { MONITORING } from "@/lib/monitoring/service";
import { getRuntime } from "@/lib/runtime";

export async function generateMetadata() {
  const t = await getTranslations("monitoring.overview");
  return { title: t("title") };
}

// Which clusters the caller may monitor is decided here (cheap, in memory), those that need attention first;
// every chart then fetches its own data in the browser once it is on screen.
export default async function Page() {
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const monitored = (await visibleClusters(rt, principal)).filter((c) => rt.authz.can(principal, MONITORING, "get", { cluster: c.name }));
  const clusters = attentionFirst(monitored).map((c) => c.name);
  return <PlatformOverview clusters={clusters} />;
}

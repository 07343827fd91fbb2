import { getTranslations } from "next-intl/server";
import { ClusterHeader } from "@/components/cluster/cluster-header";
import { requireSession } from "@/lib/auth/server-session";
import { clusterTabs } from "@/lib/clusters/tabs";
import { visibleClusters } from "@/lib/clusters/visibility";
import { getRuntime } from "@/lib/runtime";

export default async function ClusterLayout({ children, params }: { children: React.ReactNode; params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const view = (await visibleClusters(rt, principal)).find((c) => c.name === cluster);
  if (!view) {
    const t = await getTranslations("cluster");
    return (
      <p role="alert" className="text-sm text-slate-600">
        {t("notFound", { name: cluster })}
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <ClusterHeader name={cluster} tabs={clusterTabs(rt, principal, cluster)} view={view} />
      {children}
    </div>
  );
}

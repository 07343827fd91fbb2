import { getTranslations } from "next-intl/server";
import { ClusterRegistry } from "@/components/clusters/cluster-registry";

export async function generateMetadata() {
  const t = await getTranslations("clusters");
  return { title: t("title") };
}

// The cluster list is prefetched by the console layout and pushed live afterwards.
export default async function ClustersPage() {
  const t = await getTranslations("clusters");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <ClusterRegistry />
    </div>
  );
}

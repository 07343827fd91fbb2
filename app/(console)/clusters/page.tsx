import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
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
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <ClusterRegistry />
    </div>
  );
}

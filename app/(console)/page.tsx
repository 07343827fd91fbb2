import { getTranslations } from "next-intl/server";
import { ClusterCards } from "@/components/overview/cluster-cards";

export async function generateMetadata() {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

// The cluster list is prefetched by the console layout and pushed live afterwards.
export default async function OverviewPage() {
  const t = await getTranslations("overview");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-500">{t("subtitle")}</p>
      </div>
      <ClusterCards />
    </div>
  );
}

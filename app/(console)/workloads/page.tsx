import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { WorkloadsPicker } from "@/components/workloads/workloads-picker";

export async function generateMetadata() {
  const t = await getTranslations("shell.nav");
  return { title: t("workloads") };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ cluster?: string | string[]; ns?: string | string[] }> }) {
  const t = await getTranslations("workloads");
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <WorkloadsPicker initialCluster={one(sp.cluster)} initialNs={one(sp.ns)} />
    </div>
  );
}

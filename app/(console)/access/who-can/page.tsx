import { getTranslations } from "next-intl/server";
import { AccessNav } from "@/components/access/access-nav";
import { PageHeader } from "@/components/ui/page-header";
import { WhoCan } from "@/components/access/who-can";

export async function generateMetadata() {
  const t = await getTranslations("access.whoCan");
  return { title: t("title") };
}

export default async function Page() {
  const t = await getTranslations("access.whoCan");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} tabs={<AccessNav />} />
      <WhoCan />
    </div>
  );
}

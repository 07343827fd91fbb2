import { getTranslations } from "next-intl/server";
import { AccessNav } from "@/components/access/access-nav";
import { PageHeader } from "@/components/ui/page-header";
import { MyPermissions } from "@/components/access/my-permissions";

export async function generateMetadata() {
  const t = await getTranslations("access.mine");
  return { title: t("title") };
}

export default async function Page() {
  const t = await getTranslations("access.mine");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} tabs={<AccessNav />} />
      <MyPermissions />
    </div>
  );
}

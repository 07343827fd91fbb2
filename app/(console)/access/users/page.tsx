import { getTranslations } from "next-intl/server";
import { AccessNav } from "@/components/access/access-nav";
import { PageHeader } from "@/components/ui/page-header";
import { UsersTable } from "@/components/access/users-table";

export async function generateMetadata() {
  const t = await getTranslations("access.users");
  return { title: t("title") };
}

export default async function Page() {
  const t = await getTranslations("access.users");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} tabs={<AccessNav />} />
      <UsersTable />
    </div>
  );
}

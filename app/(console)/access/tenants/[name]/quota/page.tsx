import { getTranslations } from "next-intl/server";
import { TenantQuota } from "@/components/projects/tenant-quota";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  const t = await getTranslations("projects.tenantQuota");
  return { title: t("pageTitle", { tenant: (await params).name }) };
}

export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <TenantQuota key={name} name={name} />;
}

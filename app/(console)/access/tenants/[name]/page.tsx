import { getTranslations } from "next-intl/server";
import { TenantDetail } from "@/components/access/tenant-detail";
import { TENANT_TABS, type TenantTab } from "@/components/access/tenant-tabs";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  const t = await getTranslations("access.tenant");
  return { title: t("pageTitle", { name: (await params).name }) };
}

export default async function Page({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<{ tab?: string | string[] }> }) {
  const { name } = await params;
  const tab = (await searchParams).tab;
  const initialTab = TENANT_TABS.find((k) => k === tab) ?? "members";
  return <TenantDetail key={name} name={name} initialTab={initialTab satisfies TenantTab} />;
}

import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { TokensPage } from "@/components/tokens/tokens-page";

export async function generateMetadata() {
  const t = await getTranslations("tokens");
  return { title: t("title") };
}

export default async function Page() {
  const t = await getTranslations("tokens");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <TokensPage />
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { WhoCan } from "@/components/access/who-can";

export async function generateMetadata() {
  const t = await getTranslations("access.whoCan");
  return { title: t("title") };
}

export default async function Page() {
  const t = await getTranslations("access.whoCan");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <WhoCan />
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { MyPermissions } from "@/components/access/my-permissions";

export async function generateMetadata() {
  const t = await getTranslations("access.mine");
  return { title: t("title") };
}

export default async function Page() {
  const t = await getTranslations("access.mine");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <MyPermissions />
    </div>
  );
}

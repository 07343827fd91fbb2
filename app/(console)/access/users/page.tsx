import { getTranslations } from "next-intl/server";
import { UsersTable } from "@/components/access/users-table";

export async function generateMetadata() {
  const t = await getTranslations("access.users");
  return { title: t("title") };
}

export default async function Page() {
  const t = await getTranslations("access.users");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <UsersTable />
    </div>
  );
}

import { getTranslations } from "next-intl/server";

export default async function Home() {
  const t = await getTranslations("home");
  return (
    <main className="mx-auto max-w-2xl p-12">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-400">{t("lead")}</p>
    </main>
  );
}

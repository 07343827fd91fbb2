import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** What a section later issues fill shows until then: a clear state, not a broken link. */
export async function NotYetAvailable({ section }: { section: "projects" | "workloads" | "network" | "pipelines" | "monitoring" | "access" }) {
  const t = await getTranslations("common");
  const nav = await getTranslations("shell.nav");
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700" data-testid="not-yet-available">
      <h1 className="text-lg font-semibold">{t("notAvailableTitle", { section: nav(section) })}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("notAvailableBody")}</p>
      <Link href="/" className="mt-4 inline-block text-sm text-sky-700 hover:underline dark:text-sky-300">
        {t("backToOverview")}
      </Link>
    </div>
  );
}

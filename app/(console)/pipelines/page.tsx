import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pipelines } from "@/components/pipelines/pipelines-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/server-session";
import { getRuntime } from "@/lib/runtime";
import { planPipelines } from "./pipelines-data";

export async function generateMetadata() {
  const t = await getTranslations("shell.nav");
  return { title: t("pipelines") };
}

/** Pipelines and their runs across the caller's clusters and projects. */
export default async function Page() {
  const t = await getTranslations("workloads.pipelines");
  const { principal } = await requireSession();
  const plan = await planPipelines(await getRuntime(), principal);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <Link
            href="/pipelines/promotion"
            data-testid="promotion-lanes-link"
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            {t("promotionLanes")} <span aria-hidden>→</span>
          </Link>
        }
      />
      <Pipelines plan={plan} />
    </div>
  );
}

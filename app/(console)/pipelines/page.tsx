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
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Pipelines plan={plan} />
    </div>
  );
}

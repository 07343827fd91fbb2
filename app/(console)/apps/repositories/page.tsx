import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { AppsNav } from "@/components/apps/apps-nav";
import { Repositories } from "@/components/apps/repositories-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/server-session";
import { getServerQueryClient } from "@/lib/query/server";
import { getRuntime } from "@/lib/runtime";
import { prefetchRepositories } from "../apps-data";

export async function generateMetadata() {
  const t = await getTranslations("apps.repositories");
  return { title: t("title") };
}

/** The chart repositories the caller sees, with their state; add and remove them where allowed. */
export default async function Page() {
  const t = await getTranslations("apps");
  const { principal } = await requireSession();
  const qc = getServerQueryClient();
  await prefetchRepositories(qc, await getRuntime(), principal);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <div className="space-y-6">
        <PageHeader title={t("title")} subtitle={t("repositories.subtitle")} tabs={<AppsNav />} />
        <Repositories />
      </div>
    </HydrationBoundary>
  );
}

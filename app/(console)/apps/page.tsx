import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { AppsNav } from "@/components/apps/apps-nav";
import { Catalog } from "@/components/apps/catalog-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/server-session";
import { getServerQueryClient } from "@/lib/query/server";
import { getRuntime } from "@/lib/runtime";
import { one, prefetchCatalog, prefetchRepositories } from "./apps-data";

export async function generateMetadata() {
  const t = await getTranslations("apps.catalog");
  return { title: t("title") };
}

type Search = Promise<{ q?: string | string[]; category?: string | string[]; repo?: string | string[] }>;

/** The chart catalog of every repository the caller sees, prefetched as the address filters it. */
export default async function Page({ searchParams }: { searchParams: Search }) {
  const t = await getTranslations("apps");
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const sp = await searchParams;
  const qc = getServerQueryClient();
  await Promise.all([
    prefetchCatalog(qc, rt, principal, { q: one(sp.q), category: one(sp.category), repo: one(sp.repo) }),
    prefetchRepositories(qc, rt, principal),
  ]);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <div className="space-y-6">
        <PageHeader title={t("title")} subtitle={t("subtitle")} tabs={<AppsNav />} />
        <Catalog />
      </div>
    </HydrationBoundary>
  );
}

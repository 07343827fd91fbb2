import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { LanesList, NewLaneButton } from "@/components/promotion/lanes-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/server-session";
import { lanesQuery } from "@/lib/promotion/queries";
import { lanesFor } from "@/lib/promotion/service";
import { getServerQueryClient } from "@/lib/query/server";
import { getRuntime } from "@/lib/runtime";

export async function generateMetadata() {
  const t = await getTranslations("workloads.promotion");
  return { title: t("title") };
}

/** Promotion lanes the caller may see (of one tenant with ?tenant=), prefetched with their rights. */
export default async function Page({ searchParams }: { searchParams: Promise<{ tenant?: string | string[] }> }) {
  const t = await getTranslations("workloads.promotion");
  const { principal } = await requireSession();
  const raw = (await searchParams).tenant;
  const tenant = typeof raw === "string" && raw ? raw : undefined;
  const qc = getServerQueryClient();
  try {
    qc.setQueryData(lanesQuery(tenant).queryKey, lanesFor(await getRuntime(), principal, tenant));
  } catch {
    // Not prefetched: the browser asks /api/lanes and shows its answer, an error included.
  }
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <div className="space-y-6">
        <PageHeader
          back={{ href: "/pipelines", label: t("backToPipelines") }}
          title={t("title")}
          subtitle={t("subtitle")}
          actions={<NewLaneButton tenant={tenant} />}
        />
        <LanesList tenant={tenant} />
      </div>
    </HydrationBoundary>
  );
}

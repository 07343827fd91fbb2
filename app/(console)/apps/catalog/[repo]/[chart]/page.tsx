import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { ChartPage } from "@/components/apps/chart-detail";
import { catalogOf } from "@/lib/apps/catalog";
import { requireSession } from "@/lib/auth/server-session";
import { safeDecode } from "@/lib/k8s/kinds/kind";
import { chartQuery } from "@/lib/query/apps";
import { chartParamsSchema, chartQuerySchema } from "@/lib/validations/apps";
import { getServerQueryClient } from "@/lib/query/server";
import { getRuntime } from "@/lib/runtime";
import { one } from "../../../apps-data";

type Params = Promise<{ repo: string; chart: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const t = await getTranslations("apps.chart");
  return { title: t("pageTitle", { chart: safeDecode((await params).chart) }) };
}

/** One chart of the catalog at one version (?version=, else the newest): README, default values, Install. */
export default async function Page({ params, searchParams }: { params: Params; searchParams: Promise<{ version?: string | string[] }> }) {
  const { principal } = await requireSession();
  const p = await params;
  const repo = safeDecode(p.repo);
  const chart = safeDecode(p.chart);
  const version = one((await searchParams).version) || undefined;
  const qc = getServerQueryClient();
  try {
    // Only what the API would take.
    if (!chartParamsSchema.safeParse({ repo, chart }).success || !chartQuerySchema.safeParse({ version }).success) throw new Error("not a chart");
    qc.setQueryData(chartQuery(repo, chart, version).queryKey, await catalogOf(await getRuntime()).detail(principal, repo, chart, version));
  } catch {
    // Not prefetched: the browser asks /api/apps/catalog/<repo>/<chart> and shows its answer, a 404 included.
  }
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <ChartPage key={`${repo}/${chart}`} repo={repo} chart={chart} />
    </HydrationBoundary>
  );
}

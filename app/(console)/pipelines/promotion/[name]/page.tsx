import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { LaneDetail } from "@/components/promotion/lane-detail";
import { requireSession } from "@/lib/auth/server-session";
import { laneQuery } from "@/lib/promotion/queries";
import { laneState } from "@/lib/promotion/service";
import { getServerQueryClient } from "@/lib/query/server";
import { getRuntime } from "@/lib/runtime";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const t = await getTranslations("workloads.promotion");
  return { title: t("pageTitle", { name: (await params).name }) };
}

/** One promotion lane: its stages' live state (read as the caller, then polled by the browser), promotions, approvals and history. */
export default async function Page({ params }: { params: Params }) {
  const { principal } = await requireSession();
  const name = (await params).name;
  const qc = getServerQueryClient();
  try {
    qc.setQueryData(laneQuery(name).queryKey, await laneState(await getRuntime(), principal, name, AbortSignal.timeout(10_000)));
  } catch {
    // Not prefetched: the browser asks /api/lanes/<name> and shows its answer, a 404 included.
  }
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <LaneDetail key={name} name={name} />
    </HydrationBoundary>
  );
}

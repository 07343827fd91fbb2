import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { ReleasePage } from "@/components/apps/release-detail";
import { releaseDetail } from "@/lib/apps/releases";
import { requireSession } from "@/lib/auth/server-session";
import { safeDecode } from "@/lib/k8s/kinds/kind";
import { releaseQuery } from "@/lib/query/apps";
import { releaseParamsSchema } from "@/lib/validations/apps";
import { getServerQueryClient } from "@/lib/query/server";
import { getRuntime } from "@/lib/runtime";

type Params = Promise<{ cluster: string; namespace: string; name: string }>;

/** How long the page waits for helm to read the release before leaving it to the browser. */
const PREFETCH_MS = 8_000;

export async function generateMetadata({ params }: { params: Params }) {
  const t = await getTranslations("apps.release");
  return { title: t("pageTitle", { name: safeDecode((await params).name) }) };
}

/** A Helm release in a project: read as the caller (helm status, history and manifest), then kept current by the browser. */
export default async function Page({ params }: { params: Params }) {
  const { principal } = await requireSession();
  const p = await params;
  const [cluster, namespace, name] = [safeDecode(p.cluster), safeDecode(p.namespace), safeDecode(p.name)];
  const qc = getServerQueryClient();
  // The names go to helm as arguments: only those the API would take.
  const valid = releaseParamsSchema.safeParse({ cluster, namespace, name }).success;
  try {
    if (!valid) throw new Error("not a release name");
    const detail = await Promise.race([
      releaseDetail(await getRuntime(), principal, cluster, namespace, name),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("slow")), PREFETCH_MS).unref()),
    ]);
    qc.setQueryData(releaseQuery(cluster, namespace, name).queryKey, detail);
  } catch {
    // Not prefetched (refused, missing, invalid or slow): the browser asks /api/apps/releases/… and shows its answer.
  }
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <ReleasePage key={`${cluster}/${namespace}/${name}`} cluster={cluster} namespace={namespace} name={name} />
    </HydrationBoundary>
  );
}

import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { ListError } from "@/components/cluster/list-error";
import { ObjectDetail } from "@/components/workloads/object-detail";
import { UnknownKind } from "@/components/workloads/unknown-kind";
import { objectEventsPath, singleObjectListPath } from "@/lib/k8s/kinds/common";
import { kindBySlug } from "@/components/kinds/registry";
import { safeDecode } from "@/lib/k8s/kinds/kind";
import { prefetchList } from "@/lib/server/prefetch";
import { getServerQueryClient } from "@/lib/query/server";

type Params = Promise<{ cluster: string; ns: string; kind: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { cluster, kind, name } = await params;
  const info = kindBySlug(kind);
  const t = await getTranslations("workloads.kind");
  return { title: `${safeDecode(name)} · ${info ? t(info.kind) : kind} · ${cluster}` };
}

export default async function Page({ params, searchParams }: { params: Params; searchParams: Promise<{ tab?: string | string[] }> }) {
  const { cluster, ns: rawNs, kind, name: rawName } = await params;
  const ns = safeDecode(rawNs);
  const name = safeDecode(rawName);
  const info = kindBySlug(kind);
  if (!info) return <UnknownKind cluster={cluster} ns={ns} kind={kind} />;
  // The object (as a list of one, which the page then watches) and its events.
  const [object] = await Promise.all([
    prefetchList(cluster, singleObjectListPath(info.listPath(ns), name)),
    prefetchList(cluster, objectEventsPath(ns, info.kind, name)),
  ]);
  if (object.error) return <ListError error={object.error} />;
  const tab = (await searchParams).tab;
  return (
    <HydrationBoundary state={dehydrate(getServerQueryClient())}>
      <ObjectDetail cluster={cluster} ns={ns} slug={info.slug} name={name} initialTab={typeof tab === "string" ? tab : undefined} />
    </HydrationBoundary>
  );
}

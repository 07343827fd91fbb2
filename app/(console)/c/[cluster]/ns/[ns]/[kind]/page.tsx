import { HydrationBoundary } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { ListError } from "@/components/cluster/list-error";
import { KindList } from "@/components/workloads/kind-list";
import { UnknownKind } from "@/components/workloads/unknown-kind";
import { kindBySlug } from "@/components/kinds/registry";
import { safeDecode } from "@/lib/k8s/kinds/kind";
import { prefetchList } from "@/lib/server/prefetch";

type Params = Promise<{ cluster: string; ns: string; kind: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { cluster, ns, kind } = await params;
  const info = kindBySlug(kind);
  const t = await getTranslations("workloads.kinds");
  return { title: `${info ? t(info.slug) : kind} · ${safeDecode(ns)} · ${cluster}` };
}

export default async function Page({ params }: { params: Params }) {
  const { cluster, ns: raw, kind } = await params;
  const ns = safeDecode(raw);
  const info = kindBySlug(kind);
  if (!info) return <UnknownKind cluster={cluster} ns={ns} kind={kind} />;
  const { state, error } = await prefetchList(cluster, info.listPath(ns));
  if (error) return <ListError error={error} />;
  return (
    <HydrationBoundary state={state}>
      <KindList cluster={cluster} ns={ns} slug={info.slug} />
    </HydrationBoundary>
  );
}

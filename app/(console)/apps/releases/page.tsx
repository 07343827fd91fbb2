import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { AppsNav } from "@/components/apps/apps-nav";
import { Releases } from "@/components/apps/releases-view";
import { PageHeader } from "@/components/ui/page-header";
import { projectsQuery } from "@/lib/access/queries";
import { requireSession } from "@/lib/auth/server-session";
import { getServerQueryClient } from "@/lib/query/server";
import { getRuntime } from "@/lib/runtime";
import { listProjects } from "@/lib/tenancy/projects";
import type { ProjectNamespace } from "@/lib/validations/tenancy";

export async function generateMetadata() {
  const t = await getTranslations("apps.releases");
  return { title: t("title") };
}

/**
 * The Helm releases of one of the caller's projects. The projects to choose
 * from are prefetched; the releases are not: listing them runs helm, which
 * the page does not wait for.
 */
export default async function Page() {
  const t = await getTranslations("apps");
  const { principal } = await requireSession();
  const qc = getServerQueryClient();
  try {
    // As projectsQuery has them: one entry per namespace on a cluster.
    const items = listProjects(await getRuntime(), principal).flatMap((p): ProjectNamespace[] =>
      p.clusters.map((c) => ({ cluster: c.cluster, namespace: p.name, tenant: p.tenant, displayName: p.displayName, description: p.description, requester: p.requester, phase: c.phase })),
    );
    qc.setQueryData(projectsQuery().queryKey, { items });
  } catch {
    // The browser asks /api/projects.
  }
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <div className="space-y-6">
        <PageHeader title={t("title")} subtitle={t("releases.subtitle")} tabs={<AppsNav />} />
        <Releases />
      </div>
    </HydrationBoundary>
  );
}

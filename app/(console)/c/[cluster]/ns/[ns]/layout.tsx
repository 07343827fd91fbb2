import { NAV_KINDS } from "@/components/kinds/registry";
import { WorkloadsNav } from "@/components/workloads/workloads-nav";
import { requireSession } from "@/lib/auth/server-session";
import { safeDecode } from "@/lib/k8s/kinds/kind";
import { namespacedResource } from "@/lib/proxy/scope-discovery";
import { mayRead } from "@/lib/proxy/server-list";
import { getRuntime } from "@/lib/runtime";

/** Every workload page of one namespace: under the cluster header, the namespace's own tabs (the kinds the caller may list and the cluster serves). */
export default async function NamespaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ cluster: string; ns: string }> }) {
  const { cluster, ns: raw } = await params;
  const ns = safeDecode(raw);
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const conn = rt.clusters.health(cluster)?.status === "Unreachable" ? undefined : rt.clusters.connection(cluster);
  // Custom resources (Gateway API routes) exist on some clusters only; when discovery fails, every kind is offered.
  const served = await Promise.all(NAV_KINDS.map((k) => (k.apiGroup && conn ? namespacedResource(conn, k.apiGroup, k.plural).then((s) => s !== undefined, () => true) : true)));
  const kinds = NAV_KINDS.filter((k, i) => served[i] && mayRead(rt, principal, cluster, k.listPath(ns))).map((k) => k.slug);
  return (
    <div className="space-y-4">
      <WorkloadsNav cluster={cluster} ns={ns} kinds={kinds} />
      {children}
    </div>
  );
}

import { NAV_KINDS } from "@/components/kinds/registry";
import { WorkloadsNav } from "@/components/workloads/workloads-nav";
import { requireSession } from "@/lib/auth/server-session";
import { safeDecode } from "@/lib/k8s/kinds/kind";
import { mayRead } from "@/lib/proxy/server-list";
import { getRuntime } from "@/lib/runtime";

/** Every workload page of one namespace: under the cluster header, the namespace's own tabs (the kinds the caller may list). */
export default async function NamespaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ cluster: string; ns: string }> }) {
  const { cluster, ns: raw } = await params;
  const ns = safeDecode(raw);
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const kinds = NAV_KINDS.filter((k) => mayRead(rt, principal, cluster, k.listPath(ns))).map((k) => k.slug);
  return (
    <div className="space-y-4">
      <WorkloadsNav cluster={cluster} ns={ns} kinds={kinds} />
      {children}
    </div>
  );
}

import { WorkloadsNav } from "@/components/workloads/workloads-nav";
import { safeDecode } from "@/lib/k8s/kinds/kind";

/** Every workload page of one namespace: under the cluster header, the namespace's own tabs. */
export default async function NamespaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ cluster: string; ns: string }> }) {
  const { cluster, ns } = await params;
  return (
    <div className="space-y-4">
      <WorkloadsNav cluster={cluster} ns={safeDecode(ns)} />
      {children}
    </div>
  );
}

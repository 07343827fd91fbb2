import { redirect } from "next/navigation";
import { requireSession } from "@/lib/auth/server-session";
import { clusterTabs } from "@/lib/clusters/tabs";
import { getRuntime } from "@/lib/runtime";

/** A cluster opens on the first tab the caller may use. */
export default async function ClusterIndex({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const { principal } = await requireSession();
  redirect(`/c/${cluster}/${clusterTabs(await getRuntime(), principal, cluster)[0]}`);
}

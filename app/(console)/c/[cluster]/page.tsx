import { redirect } from "next/navigation";

export default async function ClusterIndex({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  redirect(`/c/${cluster}/nodes`);
}

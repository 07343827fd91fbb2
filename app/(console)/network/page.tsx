import { getTranslations } from "next-intl/server";
import { Network } from "@/components/routes/network-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/server-session";
import { getRuntime } from "@/lib/runtime";
import { planNetwork } from "./network-data";

export async function generateMetadata() {
  const t = await getTranslations("shell.nav");
  return { title: t("network") };
}

/** HTTP routes and ingresses across the caller's clusters and projects; gateways for those who may list them. */
export default async function Page() {
  const t = await getTranslations("workloads.network");
  const { principal } = await requireSession();
  const plan = await planNetwork(await getRuntime(), principal);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Network plan={plan} />
    </div>
  );
}

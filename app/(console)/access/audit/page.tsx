import { getTranslations } from "next-intl/server";
import { AccessNav } from "@/components/access/access-nav";
import { AuditTrail } from "@/components/audit/audit-trail";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/server-session";

export async function generateMetadata() {
  const t = await getTranslations("access.audit");
  return { title: t("title") };
}

// Open to everyone signed in: the API answers each caller with the rows they may see
// (their own actions, their tenants', or all), so nothing is prefetched here.
export default async function Page() {
  await requireSession();
  const t = await getTranslations("access.audit");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} tabs={<AccessNav />} />
      <AuditTrail />
    </div>
  );
}

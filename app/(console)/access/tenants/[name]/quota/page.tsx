import { redirect } from "next/navigation";
import { tenantQuotaHref } from "@/components/projects/project-api";

// The quota is a tab of the tenant's page now; this address stays for links made before.
export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  redirect(tenantQuotaHref((await params).name));
}

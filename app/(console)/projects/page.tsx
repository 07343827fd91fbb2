import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { ProjectsTable } from "@/components/projects/projects-table";

export async function generateMetadata() {
  const t = await getTranslations("projects");
  return { title: t("title") };
}

export default async function Page() {
  const t = await getTranslations("projects");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <ProjectsTable />
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { ProjectDetail } from "@/components/projects/project-detail";
import { PROJECT_TABS, type ProjectTab } from "@/components/projects/project-tabs";

type Params = Promise<{ tenant: string; name: string }>;

/** Route params as typed (a malformed escape stays as it is: the API answers 404 for it). */
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export async function generateMetadata({ params }: { params: Params }) {
  const t = await getTranslations("projects.detail");
  const { tenant, name } = await params;
  return { title: t("pageTitle", { name: decode(name), tenant: decode(tenant) }) };
}

export default async function Page({ params, searchParams }: { params: Params; searchParams: Promise<{ tab?: string | string[] }> }) {
  const { tenant, name } = await params;
  const tab = (await searchParams).tab;
  const initialTab = PROJECT_TABS.find((k) => k === tab) ?? "overview";
  const t = decode(tenant);
  const n = decode(name);
  return <ProjectDetail key={`${t}/${n}`} tenant={t} name={n} initialTab={initialTab satisfies ProjectTab} />;
}

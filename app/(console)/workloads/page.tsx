import { getTranslations } from "next-intl/server";
import { NotYetAvailable } from "@/components/shell/not-yet-available";

export async function generateMetadata() {
  const t = await getTranslations("shell.nav");
  return { title: t("workloads") };
}

export default function Page() {
  return <NotYetAvailable section="workloads" />;
}

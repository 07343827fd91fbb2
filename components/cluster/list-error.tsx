import { getTranslations } from "next-intl/server";
import { ErrorState } from "@/components/ui/states";
import type { ServerFetchError } from "@/lib/proxy/server-list";

/** The error state of a server-prefetched list: forbidden, unreachable or other. */
export async function ListError({ error }: { error: ServerFetchError }) {
  const t = await getTranslations("errors");
  const title = error.status === 403 ? t("forbidden") : error.status === 503 ? t("unavailable") : error.status === 404 ? t("notFound") : t("title");
  return <ErrorState title={title} message={error.message} />;
}

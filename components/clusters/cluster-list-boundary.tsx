"use client";

import { useTranslations } from "next-intl";
import { QueryErrorBoundary } from "@/components/ui/error-boundary";

/** Shows a failed load of the cluster list (thrown by useSuspenseQuery) with a retry. */
export function ClusterListBoundary({ children }: { children: React.ReactNode }) {
  const t = useTranslations("clusters");
  return <QueryErrorBoundary title={t("loadFailed")}>{children}</QueryErrorBoundary>;
}

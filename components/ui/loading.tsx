"use client";

import { useTranslations } from "next-intl";
import { LoadingState } from "./states";

/** "Loading…" while a part loaded on demand (next/dynamic) arrives. */
export function Loading() {
  const t = useTranslations("common");
  return <LoadingState label={t("loading")} />;
}

"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/status-badge";
import { RELEASE_STATUSES, releaseTone } from "./apps-model";

/** A release's state as helm names it, translated and coloured; one helm adds later shows as it is. */
export function ReleaseStatus({ status, testId }: { status: string; testId?: string }) {
  const t = useTranslations("apps.status");
  const known = (RELEASE_STATUSES as readonly string[]).includes(status);
  return (
    <span data-testid={testId} data-status={status}>
      <Badge tone={releaseTone(status)}>{known ? t(status as (typeof RELEASE_STATUSES)[number]) : status}</Badge>
    </span>
  );
}

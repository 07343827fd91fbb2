"use client";

import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/status-badge";
import type { ClusterHealth } from "@/lib/validations/cluster";

const tone: Record<ClusterHealth["status"], Tone> = { Ready: "green", Unreachable: "red", Unauthorized: "amber", Unknown: "slate" };

export function HealthBadge({ health }: { health: ClusterHealth }) {
  const t = useTranslations("overview.status");
  return (
    <Badge tone={tone[health.status]} title={health.lastError}>
      <span data-testid="health-status" data-status={health.status}>
        {t(health.status)}
      </span>
    </Badge>
  );
}

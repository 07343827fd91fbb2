"use client";

import { useTranslations } from "next-intl";
import type { LiveState } from "@/lib/client/use-live-list";

const COLORS: Record<LiveState, string> = {
  loading: "bg-sky-500 animate-pulse",
  live: "bg-emerald-500 animate-pulse",
  reconnecting: "bg-amber-500",
  stopped: "bg-slate-400",
};

export function LiveIndicator({ state }: { state: LiveState }) {
  const t = useTranslations("common");
  const label = state === "loading" ? t("loading") : state === "live" ? t("live") : state === "reconnecting" ? t("reconnecting") : t("liveStopped");
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="live-state" data-state={state}>
      <span className={`h-2 w-2 rounded-full ${COLORS[state]}`} aria-hidden />
      {label}
    </span>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { LiveState } from "@/lib/client/use-live-list";

export function LiveIndicator({ state }: { state: LiveState }) {
  const t = useTranslations("common");
  const label = state === "live" ? t("live") : state === "reconnecting" ? t("reconnecting") : t("liveStopped");
  const color = state === "live" ? "bg-emerald-500" : state === "reconnecting" ? "bg-amber-500" : "bg-slate-400";
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="live-state" data-state={state}>
      <span className={`h-2 w-2 rounded-full ${color} ${state === "live" ? "animate-pulse" : ""}`} aria-hidden />
      {label}
    </span>
  );
}

"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { type Unit, type UnitWords, formatUsedOf, formatValue } from "@/lib/monitoring/format";

function useWords(): UnitWords {
  const t = useTranslations("monitoring.units");
  return useMemo<UnitWords>(() => ({ cores: (value, n) => t("cores", { value, n }) }), [t]);
}

/** formatValue with the words of the user's language ("1.5 cores", "1.5 核"). */
export function useFormatValue() {
  const words = useWords();
  return useCallback((v: number | null | undefined, unit: Unit) => formatValue(v, unit, words), [words]);
}

/** "used / limit" in the user's language, the shared unit once ("1.3 / 3 cores"). */
export function useFormatUsedOf() {
  const words = useWords();
  return useCallback((used: number | null | undefined, limit: number | null | undefined, unit: Unit) => formatUsedOf(used, limit, unit, words), [words]);
}

/** A point in time on a chart: with the date for long ranges. */
export function useFormatTime(withDate: boolean) {
  const f = useFormatter();
  return useCallback(
    (unixSeconds: number) =>
      f.dateTime(new Date(unixSeconds * 1000), withDate ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" } : { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    [f, withDate],
  );
}

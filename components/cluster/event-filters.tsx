"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { EventFilter, Facet } from "@/lib/k8s/kinds/event";

type Key = keyof EventFilter;

/** The Events page's filters: "Warning only", then type, involved object kind and reason, each from the events present. */
export function EventFilters({
  filter,
  facets,
  onChange,
}: {
  filter: EventFilter;
  facets: Record<Key, Facet[]>;
  onChange: (key: Key, value: string) => void;
}) {
  const t = useTranslations("cluster.events");
  const id = useId();
  const typeLabel = (v: string) => (t.has(`types.${v}`) ? t(`types.${v}`) : v);
  const warningOnly = filter.type === "Warning";
  const select = (key: Key, any: string, label: (v: string) => string = (v) => v) => (
    <div className="flex items-center gap-1.5">
      <label htmlFor={`${id}-${key}`} className="whitespace-nowrap text-sm text-slate-600 dark:text-slate-300">
        {t(key)}
      </label>
      <div className="w-44">
        <Select
          id={`${id}-${key}`}
          data-testid={`event-filter-${key}`}
          value={filter[key] ?? ""}
          onChange={(e) => onChange(key, e.target.value)}
          placeholder={any}
          options={facets[key].map((f) => ({ value: f.value, label: label(f.value), detail: String(f.count) }))}
        />
      </div>
    </div>
  );
  return (
    <div role="group" aria-label={t("filters")} className="flex flex-wrap items-center gap-3" data-testid="event-filters">
      <Button aria-pressed={warningOnly} variant={warningOnly ? "primary" : "secondary"} onClick={() => onChange("type", warningOnly ? "" : "Warning")}>
        <span aria-hidden className={`h-2 w-2 rounded-full ${warningOnly ? "bg-amber-400" : "bg-slate-300 dark:bg-slate-600"}`} />
        {t("warningOnly")}
      </Button>
      {select("type", t("anyType"), typeLabel)}
      {select("kind", t("anyKind"))}
      {select("reason", t("anyReason"))}
      {(filter.type || filter.kind || filter.reason) && (
        <Button variant="ghost" onClick={() => (["type", "kind", "reason"] as const).forEach((k) => onChange(k, ""))}>
          {t("clearFilters")}
        </Button>
      )}
    </div>
  );
}

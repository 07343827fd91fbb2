"use client";

import { useTimeZone, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { type AuditFilters, type FilterKey, RESULTS, filtersToSearch, fromZonedInput, hasFilters, sameFilters, toZonedInput } from "./audit-model";

/** How long typing pauses before the filters apply (Enter applies at once). */
const SETTLE_MS = 400;

const TEXT_FIELDS = ["user", "tenant", "cluster", "namespace", "verb", "resource"] as const;

/**
 * The filters as fields. Edits apply when typing pauses, at once for the
 * result and on Enter; `filters` are the applied ones (the address's), and
 * the fields follow them when they change from elsewhere (clear, back).
 */
export function AuditFilterBar({ filters, onApply, errors = {} }: { filters: AuditFilters; onApply: (f: AuditFilters) => void; errors?: Record<string, string> }) {
  const t = useTranslations("access.audit.filters");
  const tr = useTranslations("access.audit.results");
  const tz = useTimeZone() ?? "UTC";
  const [draft, setDraft] = useState(filters);
  const applied = filtersToSearch(filters).toString();
  const [seen, setSeen] = useState(applied);
  const [sent, setSent] = useState(applied);
  // Filters that changed but not by these fields: the fields show them. Ours
  // coming back must not undo what was typed since they were sent.
  if (applied !== seen) {
    setSeen(applied);
    if (applied !== sent) {
      setSent(applied);
      setDraft(filters);
    }
  }

  const apply = (f: AuditFilters) => {
    setSent(filtersToSearch(f).toString());
    onApply(f);
  };

  useEffect(() => {
    if (sameFilters(draft, filters)) return;
    const timer = setTimeout(() => {
      setSent(filtersToSearch(draft).toString());
      onApply(draft);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft, filters, onApply]);

  const set = (k: FilterKey, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const input = (k: FilterKey, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={t(k)} error={errors[k]}>
      {(a) => <input {...a} {...props} type={props.type ?? "text"} value={draft[k] ?? ""} onChange={(e) => set(k, e.target.value)} className={inputClass} autoComplete="off" spellCheck={false} />}
    </Field>
  );
  const instant = (k: "since" | "until") => (
    <Field label={t(k)} error={errors[k]}>
      {(a) => (
        <input
          {...a}
          type="datetime-local"
          value={toZonedInput(draft[k], tz)}
          onChange={(e) => set(k, fromZonedInput(e.target.value, tz))}
          className={inputClass}
        />
      )}
    </Field>
  );

  return (
    <form
      role="search"
      aria-label={t("label")}
      data-testid="audit-filters"
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      onSubmit={(e) => {
        e.preventDefault();
        apply(draft);
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-5">
        {TEXT_FIELDS.map((k) => (
          <div key={k}>{input(k, k === "verb" ? { placeholder: t("verbPlaceholder") } : k === "resource" ? { placeholder: t("resourcePlaceholder") } : {})}</div>
        ))}
        <Field label={t("result")} error={errors.result}>
          {(a) => (
            <Select
              {...a}
              value={draft.result ?? ""}
              placeholder={t("anyResult")}
              options={RESULTS.map((r) => ({ value: r, label: tr(r) }))}
              onChange={(e) => {
                const next = { ...draft, result: e.target.value };
                setDraft(next);
                apply(next);
              }}
            />
          )}
        </Field>
        {instant("since")}
        {instant("until")}
        {input("q", { type: "search", placeholder: t("qPlaceholder") })}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-500 dark:text-slate-400">{t("hint", { timeZone: tz })}</p>
        <span className="flex items-center gap-2">
          {hasFilters(draft) && (
            <Button
              variant="ghost"
              className="text-xs"
              onClick={() => {
                setDraft({});
                apply({});
              }}
            >
              {t("clear")}
            </Button>
          )}
          {/* Also what lets Enter submit a form of several fields. */}
          <Button type="submit" className="text-xs">
            {t("apply")}
          </Button>
        </span>
      </div>
    </form>
  );
}

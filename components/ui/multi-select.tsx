"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FieldNotes, describedBy, inputClass } from "./field";

export interface Option {
  value: string;
  label: string;
  /** Secondary text, e.g. the name under a display name. */
  detail?: string;
}

// Lists longer than this get a filter box.
const FILTER_FROM = 8;

/** A labelled list of checkboxes for choosing several of many, with a filter and the field's error. */
export function MultiSelect({
  legend,
  hint,
  options,
  selected,
  onChange,
  error,
  empty,
  loading,
  disabled,
}: {
  legend: string;
  hint?: string;
  options: Option[];
  selected: string[];
  onChange: (values: string[]) => void;
  error?: string;
  /** Shown when there is nothing to choose from. */
  empty: string;
  loading?: boolean;
  disabled?: boolean;
}) {
  const t = useTranslations("access.multiSelect");
  const tc = useTranslations("common");
  const id = useId();
  const [filter, setFilter] = useState("");
  const q = filter.trim().toLowerCase();
  // Chosen values no longer offered (e.g. a cluster removed since) stay visible, so they can be unticked.
  const all: Option[] = [...options, ...selected.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
  const shown = q ? all.filter((o) => `${o.label} ${o.value} ${o.detail ?? ""}`.toLowerCase().includes(q)) : all;
  const toggle = (v: string, on: boolean) => onChange(on ? [...selected, v] : selected.filter((x) => x !== v));
  return (
    <fieldset className="space-y-1" aria-describedby={describedBy(id, hint, error)} disabled={disabled}>
      <legend className="flex w-full items-center justify-between text-sm font-medium text-slate-800 dark:text-slate-200">
        <span>{legend}</span>
        <span className="text-xs font-normal text-slate-500 dark:text-slate-400">{t("selected", { count: selected.length })}</span>
      </legend>
      {all.length > FILTER_FROM && (
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label={t("filter", { list: legend })}
          placeholder={t("filterPlaceholder")}
          className={`${inputClass} mt-1`}
        />
      )}
      <div
        className={`max-h-44 overflow-auto rounded-md border p-1 ${error ? "border-red-600" : "border-slate-300 dark:border-slate-600"}`}
      >
        {loading ? (
          <p role="status" className="p-2 text-sm text-slate-500 dark:text-slate-400">
            {tc("loading")}
          </p>
        ) : all.length === 0 ? (
          <p className="p-2 text-sm text-slate-500 dark:text-slate-400">{empty}</p>
        ) : shown.length === 0 ? (
          <p className="p-2 text-sm text-slate-500 dark:text-slate-400">{t("noMatches")}</p>
        ) : (
          <ul>
            {shown.map((o) => (
              <li key={o.value}>
                <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
                  <input
                    type="checkbox"
                    checked={selected.includes(o.value)}
                    onChange={(e) => toggle(o.value, e.target.checked)}
                    aria-invalid={!!error}
                    className="h-4 w-4 rounded border-slate-300 accent-sky-700 dark:border-slate-600"
                  />
                  <span className="truncate">{o.label}</span>
                  {o.detail && o.detail !== o.label && <span className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{o.detail}</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </fieldset>
  );
}

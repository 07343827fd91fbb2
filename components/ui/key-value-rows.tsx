"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "./button";
import { inputClass } from "./field";

export interface KeyValueRow {
  id: string;
  key: string;
  value: string;
}

/**
 * Rows of key = value (labels, a node selector), with a row's error under it.
 * `messages`: a namespace with legend, key, value, remove (each with {n}),
 * keyPlaceholder, valuePlaceholder and add.
 */
export function KeyValueRows<R extends KeyValueRow>({
  rows,
  onChange,
  newRow,
  errorText,
  messages,
  hint,
  suggestedKeys,
}: {
  rows: R[];
  onChange: (rows: R[]) => void;
  newRow: () => R;
  errorText: (row: R) => string | undefined;
  messages: string;
  hint: React.ReactNode;
  /** Offered as the user types a key (keys are data, not UI text). */
  suggestedKeys: readonly string[];
}) {
  const t = useTranslations(messages);
  const id = useId();
  const update = (rowId: string, patch: Partial<KeyValueRow>) => onChange(rows.map((r) => (r.id === rowId ? { ...r, ...patch } : r)));
  const input = (r: R, n: number, error: string | undefined, part: "key" | "value") => (
    <input
      type="text"
      list={part === "key" ? `${id}-keys` : undefined}
      value={r[part]}
      onChange={(e) => update(r.id, { [part]: e.target.value })}
      aria-label={t(part, { n })}
      placeholder={t(`${part}Placeholder`)}
      aria-invalid={!!error}
      aria-describedby={error ? `${id}-${r.id}-error` : undefined}
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      className={`${inputClass} font-mono`}
    />
  );
  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("legend")}</legend>
      <div id={`${id}-hint`} className="space-y-1 text-xs text-slate-500 dark:text-slate-400">
        {hint}
      </div>
      <datalist id={`${id}-keys`}>
        {suggestedKeys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <ul className="space-y-2">
        {rows.map((r, i) => {
          const error = errorText(r);
          return (
            <li key={r.id} className="space-y-1">
              <div className="flex items-center gap-2">
                {input(r, i + 1, error, "key")}
                <span aria-hidden className="text-slate-400">
                  =
                </span>
                {input(r, i + 1, error, "value")}
                <Button
                  variant="ghost"
                  className="shrink-0 px-2"
                  aria-label={t("remove", { n: i + 1 })}
                  title={t("remove", { n: i + 1 })}
                  onClick={() => onChange(rows.length > 1 ? rows.filter((x) => x.id !== r.id) : [newRow()])}
                >
                  <span aria-hidden>✕</span>
                </Button>
              </div>
              {error && (
                <p id={`${id}-${r.id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <Button variant="ghost" className="text-sky-800 dark:text-sky-300" onClick={() => onChange([...rows, newRow()])}>
        {t("add")}
      </Button>
    </fieldset>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { type SelectorRow, newSelectorRow } from "./project-model";

// Label keys are data, not UI text: the usual ones for choosing nodes.
const SUGGESTED_KEYS = ["kubernetes.io/os", "kubernetes.io/arch", "node-role.kubernetes.io/worker", "topology.kubernetes.io/zone", "node.kubernetes.io/instance-type"];

/** The project's node selector as rows of key = value; `errorText` gives a row's error by its id. */
export function SelectorEditor({ rows, onChange, errorText }: { rows: SelectorRow[]; onChange: (rows: SelectorRow[]) => void; errorText: (rowId: string) => string | undefined }) {
  const t = useTranslations("projects.selector");
  const id = useId();
  const update = (rowId: string, patch: Partial<SelectorRow>) => onChange(rows.map((r) => (r.id === rowId ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("legend")}</legend>
      <div id={`${id}-hint`} className="space-y-1 text-xs text-slate-500 dark:text-slate-400">
        <p>{t("hint")}</p>
        <p>{t("enforced")}</p>
      </div>
      <datalist id={`${id}-keys`}>
        {SUGGESTED_KEYS.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <ul className="space-y-2">
        {rows.map((r, i) => {
          const error = errorText(r.id);
          const errorId = `${id}-${r.id}-error`;
          return (
            <li key={r.id} className="space-y-1">
              <div className="flex items-center gap-2">
                <input
                  type="text"
                  list={`${id}-keys`}
                  value={r.key}
                  onChange={(e) => update(r.id, { key: e.target.value })}
                  aria-label={t("key", { n: i + 1 })}
                  placeholder={t("keyPlaceholder")}
                  aria-invalid={!!error}
                  aria-describedby={error ? errorId : undefined}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  className={`${inputClass} font-mono`}
                />
                <span aria-hidden className="text-slate-400">
                  =
                </span>
                <input
                  type="text"
                  value={r.value}
                  onChange={(e) => update(r.id, { value: e.target.value })}
                  aria-label={t("value", { n: i + 1 })}
                  placeholder={t("valuePlaceholder")}
                  aria-invalid={!!error}
                  aria-describedby={error ? errorId : undefined}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  className={`${inputClass} font-mono`}
                />
                <Button
                  variant="ghost"
                  className="shrink-0 px-2"
                  aria-label={t("remove", { n: i + 1 })}
                  title={t("remove", { n: i + 1 })}
                  onClick={() => onChange(rows.length > 1 ? rows.filter((x) => x.id !== r.id) : [newSelectorRow()])}
                >
                  <span aria-hidden>✕</span>
                </Button>
              </div>
              {error && (
                <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <Button variant="ghost" className="text-sky-800 dark:text-sky-300" onClick={() => onChange([...rows, newSelectorRow()])}>
        {t("add")}
      </Button>
    </fieldset>
  );
}

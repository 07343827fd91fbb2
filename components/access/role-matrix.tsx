"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { Vocabulary } from "@/lib/access/queries";
import { type MatrixState, removeExtra, setDeny, toggleVerb } from "./role-matrix-model";

/**
 * The permission matrix: resources (grouped) × verbs as checkboxes, and a
 * per-row switch that turns the ticked verbs into a deny rule.
 */
export function RoleMatrix({
  vocab,
  value,
  onChange,
  error,
  errorId,
}: {
  vocab: Vocabulary;
  value: MatrixState;
  onChange: (next: MatrixState) => void;
  error?: string;
  errorId: string;
}) {
  const t = useTranslations("access.matrix");
  const tg = useTranslations("access.matrixGroups");
  const groupLabel = (id: string) => (tg.has(id) ? tg(id) : id);
  const cols = vocab.verbs.length + 2;
  return (
    <div className="space-y-2">
      <div className={`max-h-[50vh] overflow-auto rounded-md border ${error ? "border-red-600" : "border-slate-200 dark:border-slate-700"}`}>
        <table className="w-full text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="sticky top-0 z-10 bg-slate-50 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-2 py-2 text-left font-semibold">
                {t("resource")}
              </th>
              {vocab.verbs.map((v) => (
                <th key={v} scope="col" className="px-1 py-2 text-center font-mono font-medium">
                  {v}
                </th>
              ))}
              <th scope="col" className="px-2 py-2 text-center font-semibold text-red-700 dark:text-red-400">
                {t("denyColumn")}
              </th>
            </tr>
          </thead>
          {vocab.matrix.map((group) => (
            <tbody key={group.id}>
              <tr className="bg-slate-100/70 dark:bg-slate-800/50">
                <th scope="colgroup" colSpan={cols} className="px-2 py-1 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
                  {groupLabel(group.id)}
                </th>
              </tr>
              {group.resources.map((resource) => {
                const row = value.matrix[resource];
                const deny = !!row?.deny;
                const active = deny && (row?.verbs.length ?? 0) > 0;
                return (
                  <tr
                    key={resource}
                    data-testid={`matrix-row-${resource}`}
                    className={`border-t ${active ? "border-red-200 bg-red-50 dark:border-red-900 dark:bg-red-950/40" : "border-slate-100 dark:border-slate-800"}`}
                  >
                    <th scope="row" className="px-2 py-1 text-left font-mono text-xs font-normal whitespace-nowrap">
                      {resource}
                    </th>
                    {vocab.verbs.map((v) => (
                      <td key={v} className="px-1 py-1 text-center">
                        <input
                          type="checkbox"
                          checked={row?.verbs.includes(v) ?? false}
                          onChange={(e) => onChange(toggleVerb(value, resource, v, e.target.checked))}
                          aria-label={t(deny ? "cellDeny" : "cell", { verb: v, resource })}
                          aria-invalid={!!error}
                          aria-describedby={error ? errorId : undefined}
                          className={`h-4 w-4 ${deny ? "accent-red-700" : "accent-sky-700"}`}
                        />
                      </td>
                    ))}
                    <td className="px-2 py-1 text-center">
                      <input
                        type="checkbox"
                        role="switch"
                        checked={deny}
                        onChange={(e) => onChange(setDeny(value, resource, e.target.checked))}
                        aria-label={t("deny", { resource })}
                        title={t("denyHint")}
                        className="h-4 w-4 accent-red-700"
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {value.extra.length > 0 && (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40">
          <p className="text-amber-900 dark:text-amber-200">{t("extraIntro", { count: value.extra.length })}</p>
          <ul className="space-y-1">
            {value.extra.map((r, i) => (
              <li key={i} className="flex items-center gap-2">
                <span className={`font-mono text-xs ${r.effect === "deny" ? "text-red-800 dark:text-red-300" : ""}`}>
                  {t(r.effect === "deny" ? "extraDeny" : "extraAllow", { verbs: r.verbs.join(", "), resources: r.resources.join(", ") })}
                </span>
                <Button variant="ghost" className="ml-auto px-2 py-0.5 text-xs" onClick={() => onChange(removeExtra(value, i))} aria-label={t("extraRemove", { n: i + 1 })}>
                  {t("extraRemoveShort")}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

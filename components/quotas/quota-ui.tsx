"use client";

import { useTranslations } from "next-intl";
import { useCallback, useId } from "react";
import { get, useFormContext } from "react-hook-form";
import { Field, inputClass } from "@/components/ui/field";
import { type Issue, LIMIT_RESOURCES, type LimitField, formatAmount, limitKey, resourceField, resourceKind, resourceMessageKey, usageRatio } from "./quota-model";

/** "CPU requests" for "requests.cpu"; unknown resources by their name. */
export function useResourceLabel() {
  const t = useTranslations("quotas.resource");
  return useCallback((resource: string) => {
    const k = resourceMessageKey(resource);
    return t.has(k) ? t(k) : resource;
  }, [t]);
}

/** The text of a client-side check (its key and values in the "quotas" messages). */
export function useIssueText() {
  const t = useTranslations("quotas");
  return useCallback((issue: Issue | undefined): string | undefined => (issue ? t(issue.key, issue.values) : undefined), [t]);
}

/** useIssueText over a form's issues: field name → message. */
export function useIssueTexts() {
  const text = useIssueText();
  return useCallback((issues: Record<string, Issue>) => Object.fromEntries(Object.entries(issues).map(([k, issue]) => [k, text(issue)!])), [text]);
}

/** What to type for a resource: "Cores, e.g. 2 or 500m". */
export function useUnitHint() {
  const t = useTranslations("quotas.unitHint");
  return useCallback((resource: string) => t(resourceKind(resource)), [t]);
}

/**
 * Used against a hard limit, as a bar with the numbers beside it. Without a
 * limit it says so; at 80 % it turns amber, at 100 % red.
 */
export function UsageBar({ resource, used, hard, label, compact, unit }: { resource: string; used?: number; hard?: number; label: string; compact?: boolean; unit?: string }) {
  const t = useTranslations("quotas.usage");
  const ratio = usageRatio(used, hard);
  const u = formatAmount(resource, used ?? 0);
  if (ratio === undefined) {
    return <span className="text-xs text-slate-500 dark:text-slate-400">{used === undefined ? t("none") : t("noLimit", { used: u })}</span>;
  }
  const h = formatAmount(resource, hard);
  const percent = Number.isFinite(ratio) ? Math.round(ratio * 100) : 100;
  const tone = ratio >= 1 ? "bg-red-600 dark:bg-red-500" : ratio >= 0.8 ? "bg-amber-500" : "bg-emerald-600 dark:bg-emerald-500";
  return (
    <div className="flex min-w-0 items-center gap-2">
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(percent, 100)}
        aria-valuetext={t("valueText", { used: u, hard: h, percent })}
        className={`${compact ? "h-1.5 w-16" : "h-2 w-full min-w-16 flex-1"} shrink-0 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700`}
      >
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.min(100, Math.max(ratio > 0 ? 2 : 0, ratio * 100))}%` }} />
      </div>
      <span className="shrink-0 text-xs tabular-nums text-slate-600 dark:text-slate-300">
        {t("of", { used: u, hard: h })}
        {unit && ` ${unit}`}
      </span>
    </div>
  );
}

/** What binds an input to its value: react-hook-form's register(name). */
export type InputBinding = React.InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> };

const errorAt = (errors: object, name: string) => (get(errors, name) as { message?: string } | undefined)?.message;

/** QuantityFields' bind and errorText for quantities the surrounding react-hook-form holds at `prefix` (by resourceField). */
export function useFormQuantities(prefix: string) {
  const { register, formState } = useFormContext();
  const name = (r: string) => `${prefix}.${resourceField(r)}`;
  return { bind: (r: string) => register(name(r)), errorText: (r: string) => errorAt(formState.errors, name(r)) };
}

/**
 * LimitGrid's bind and errorText for limits the surrounding react-hook-form
 * holds at `prefix` (field → resource). A change re-checks the resource's
 * other fields: their checks compare with it.
 */
export function useFormLimits(prefix: string, fields: readonly LimitField[]) {
  const { register, formState } = useFormContext();
  const name = (f: LimitField, r: string) => `${prefix}.${f}.${r}`;
  return {
    bind: (f: LimitField, r: string) => register(name(f, r), { deps: fields.filter((x) => x !== f).map((x) => name(x, r)) }),
    errorText: (key: string) => errorAt(formState.errors, `${prefix}.${key}`),
  };
}

/** The column headings of a table. */
export function ColumnHeads({
  columns,
  className = "",
  cellClassName = "py-1 pr-3",
}: {
  columns: (string | { label: string; className: string })[];
  className?: string;
  cellClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
        {columns.map((c) => {
          const { label, className: extra = "" } = typeof c === "string" ? { label: c } : c;
          return (
            <th key={label} scope="col" className={`${cellClassName} ${extra}`}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A grid of labelled quantity inputs, one per resource, each with its unit hint and error. */
export function QuantityFields({
  resources,
  bind,
  errorText,
  hintFor,
  required,
}: {
  resources: readonly string[];
  bind: (resource: string) => InputBinding;
  errorText: (resource: string) => string | undefined;
  /** Extra words under a field (e.g. what the budget leaves). */
  hintFor?: (resource: string) => string | undefined;
  required?: ReadonlySet<string>;
}) {
  const t = useTranslations("quotas");
  const label = useResourceLabel();
  const unit = useUnitHint();
  return (
    <div className="grid gap-x-4 gap-y-3 sm:grid-cols-2">
      {resources.map((r) => {
        const extra = hintFor?.(r);
        const need = required?.has(r);
        return (
          <Field
            key={r}
            label={need ? t("requiredLabel", { label: label(r) }) : label(r)}
            hint={[`${r} · ${unit(r)}`, extra].filter(Boolean).join(" — ")}
            error={errorText(r)}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                inputMode={resourceKind(r) === "count" ? "numeric" : "text"}
                {...bind(r)}
                required={need}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder={t("notSet")}
                className={`${inputClass} font-mono`}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}

/**
 * Limit fields (min, default, max…) by resource (cpu, memory) as a table of
 * inputs; each input is named "<field>, <resource>" for assistive technology.
 */
export function LimitGrid({
  caption,
  fields,
  resources,
  bind,
  errorText,
}: {
  caption: string;
  fields: readonly LimitField[];
  resources: readonly string[];
  bind: (field: LimitField, resource: string) => InputBinding;
  /** By limitKey(field, resource). */
  errorText: (key: string) => string | undefined;
}) {
  const t = useTranslations("quotas.limits");
  const tr = useTranslations("quotas.resource");
  const id = useId();
  return (
    <table className="w-full text-sm">
      <caption className="pb-2 text-left text-sm font-medium text-slate-800 dark:text-slate-200">{caption}</caption>
      <ColumnHeads columns={[{ label: t("fieldColumn"), className: "w-1/3" }, ...resources.map((r) => (tr.has(r) ? tr(r) : r))]} />
      <tbody>
        {fields.map((f) => (
          <tr key={f} className="border-t border-slate-100 align-top dark:border-slate-800">
            <th scope="row" className="py-2 pr-3 text-left font-normal">
              <span className="block font-medium text-slate-800 dark:text-slate-200">{t(`field.${f}`)}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">{t(`fieldHint.${f}`)}</span>
            </th>
            {resources.map((r) => {
              const k = limitKey(f, r);
              const error = errorText(k);
              const errorId = `${id}-${f}-${r}-error`;
              return (
                <td key={r} className="py-2 pr-3">
                  <input
                    type="text"
                    {...bind(f, r)}
                    aria-label={t("cell", { field: t(`field.${f}`), resource: tr.has(r) ? tr(r) : r })}
                    aria-invalid={!!error}
                    aria-describedby={error ? errorId : undefined}
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                    placeholder={t("notSet")}
                    className={`${inputClass} font-mono`}
                  />
                  {error && (
                    <p id={errorId} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
                      {error}
                    </p>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Container defaults (field → resource) as a LimitGrid over every limit resource, with its hint. */
export function LimitDefaultsGrid({
  caption,
  hint,
  fields,
  bind,
  errorText,
}: {
  caption: string;
  hint: string;
  fields: readonly LimitField[];
  bind: (field: LimitField, resource: string) => InputBinding;
  errorText: (key: string) => string | undefined;
}) {
  return (
    <div className="space-y-1">
      <LimitGrid caption={caption} fields={fields} resources={LIMIT_RESOURCES} bind={bind} errorText={errorText} />
      <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p>
    </div>
  );
}

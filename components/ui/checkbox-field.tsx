import { useId } from "react";

/** A checkbox with its label to the right, a hint and a field error, wired like Field. */
export function CheckboxField({
  label,
  checked,
  onChange,
  hint,
  error,
  warning,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: string;
  /** Shown in amber: the consequence of ticking the box. */
  warning?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", warning ? `${id}-warning` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={!!error}
          aria-describedby={describedBy}
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600"
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="pl-6 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {warning && (
        <p
          id={`${id}-warning`}
          className="ml-6 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          {warning}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="pl-6 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { FieldErrors, FieldValues, Path } from "react-hook-form";
import { Button } from "./button";
import { type CheckedForm, showServerErrors } from "./form";
import { type ErrorTarget, type FormErrors, errorFields, failedSteps, focusFirstInvalid, stepOfFieldIn } from "./form-errors";

/** Which step is shown and how far the user got (steps up to there can be revisited). */
export function useSteps<S extends string>(steps: readonly S[]) {
  const [step, setStep] = useState<S>(steps[0]);
  const [reached, setReached] = useState(0);
  const index = steps.indexOf(step);
  const go = (s: S) => {
    setStep(s);
    setReached((r) => Math.max(r, steps.indexOf(s)));
  };
  return {
    steps,
    step,
    index,
    reached,
    first: index === 0,
    last: index === steps.length - 1,
    go,
    next: () => go(steps[Math.min(index + 1, steps.length - 1)]),
    back: () => go(steps[Math.max(index - 1, 0)]),
  };
}

export type StepsState<S extends string> = ReturnType<typeof useSteps<S>>;

/** The numbered steps above a wizard: reached ones are buttons, the current one is marked, ones with errors are red. */
export function StepNav<S extends string>({
  state,
  name,
  failed = [],
  disabled,
}: {
  state: StepsState<S>;
  /** A step's name ("Review"); shown as "3. Review". */
  name: (step: S) => string;
  /** Steps holding an error. */
  failed?: readonly S[];
  disabled?: boolean;
}) {
  const tc = useTranslations("common");
  const text = (s: S, i: number) => tc("stepN", { n: i + 1, step: name(s) });
  return (
    <nav aria-label={tc("steps")}>
      <ol className="flex flex-wrap gap-1 text-xs">
        {state.steps.map((s, i) => {
          const current = s === state.step;
          const cls = `inline-flex items-center gap-1 rounded-full px-2.5 py-1 ${
            current
              ? "bg-sky-700 font-medium text-white dark:bg-sky-600"
              : failed.includes(s)
                ? "bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-300"
                : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
          }`;
          return (
            <li key={s}>
              {i <= state.reached && !current && !disabled ? (
                <button type="button" onClick={() => state.go(s)} className={`${cls} hover:underline focus-visible:outline-2 focus-visible:outline-sky-600`}>
                  {text(s, i)}
                </button>
              ) : (
                <span aria-current={current ? "step" : undefined} className={cls}>
                  {text(s, i)}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/**
 * Cancel, Back and Next under a wizard's form; on the last step the submit
 * instead of Next. Next is the form's submit button, so Enter in a field moves
 * on too: the form decides (see Form's onNext).
 */
export function StepActions<S extends string>({
  state,
  onCancel,
  pending,
  submit,
  submitting,
  nextOff,
}: {
  state: StepsState<S>;
  onCancel: () => void;
  pending: boolean;
  submit: string;
  submitting: string;
  /** Next is off (e.g. nothing can be chosen on this step). */
  nextOff?: boolean;
}) {
  const tc = useTranslations("common");
  // The submit takes the place of Next: the second click of a double click on Next must not submit unseen.
  const guard = (e: React.MouseEvent) => {
    if (e.detail > 1) e.preventDefault();
  };
  return (
    <div className="flex justify-between gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
      <Button onClick={onCancel}>{tc("cancel")}</Button>
      <div className="flex gap-2">
        {!state.first && (
          <Button onClick={state.back} disabled={pending}>
            {tc("back")}
          </Button>
        )}
        {state.last ? (
          <Button key="submit" type="submit" variant="primary" disabled={pending} onClick={guard} data-step-focus>
            {pending ? submitting : submit}
          </Button>
        ) : (
          <Button key="next" type="submit" variant="primary" disabled={pending || nextOff}>
            {tc("next")}
          </Button>
        )}
      </div>
    </div>
  );
}

/**
 * Moves the focus into a wizard's new step: to what needs fixing, else its
 * first control, else its [data-step-focus] button. Not on the first step
 * shown: the dialog focuses its own control when it opens.
 */
export function useStepFocus(root: React.RefObject<HTMLElement | null>, step: string) {
  const opened = useRef(true);
  useEffect(() => {
    if (opened.current) {
      opened.current = false;
      return;
    }
    const el =
      root.current?.querySelector<HTMLElement>("[aria-invalid=true]") ??
      root.current?.querySelector<HTMLElement>("input:not([disabled]), select, textarea") ??
      root.current?.querySelector<HTMLElement>("button[data-step-focus]");
    el?.focus();
  }, [root, step]);
}

/**
 * A wizard over one form of useCheckedForm: its steps; Next, which checks the
 * fields of the step shown as a submit would and moves on when they pass; the
 * steps holding errors; and the way back to the first of them when a submit
 * fails. `stepFields`: each step's fields by top-level name, also those only
 * the server or the dialog set errors on. `root`: the wizard's outer element,
 * the focus moves within it. `done`: the form gave way to its result (the
 * focus moves there).
 */
export function useFormSteps<T extends FieldValues, S extends string>(
  form: CheckedForm<T>,
  order: readonly S[],
  stepFields: Readonly<Record<S, readonly string[]>>,
  root: React.RefObject<HTMLElement | null>,
  { done = false } = {},
) {
  const steps = useSteps(order);
  useStepFocus(root, done ? "" : steps.step);
  const stepOf = stepOfFieldIn(order, stepFields);
  const goToFailed = (fields: Iterable<string>) => {
    const [first] = failedSteps(order, fields, stepOf);
    if (first) steps.go(first);
  };
  return {
    steps,
    next: async () => {
      // Names the form has no value of (set by the server or the dialog) are checked too: they clear.
      if (await form.checkFields(stepFields[steps.step] as readonly Path<T>[])) return steps.next();
      // Also where react-hook-form cannot focus (a key-value row), once the errors show.
      requestAnimationFrame(() => focusFirstInvalid(root.current));
    },
    /** The steps holding an error, `extra`: fields failed outside the form. */
    failed: (extra: readonly string[] = []) => failedSteps(order, [...errorFields(form.formState.errors), ...extra], stepOf),
    /** The submit's checks failed (Form's onInvalid). */
    onInvalid: (errors: FieldErrors<T>) => goToFailed(errorFields(errors)),
    /** showServerErrors of a failed submit, then back to the first step holding one. */
    showServerErrors: (err: unknown, target: ErrorTarget, extra?: FormErrors, options?: { summary?: boolean }) =>
      goToFailed(Object.keys(showServerErrors(form, err, target, extra, options))),
  };
}

/** A wizard's review: what will be created, one row per label and value. */
export function ReviewList({ rows }: { rows: readonly (readonly [label: string, value: string])[] }) {
  return (
    <dl className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-700">
      {rows.map(([k, v]) => (
        <div key={k} className="grid gap-1 px-3 py-2 sm:grid-cols-[12rem_1fr]">
          <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="break-words font-medium">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

"use client";

import { useState } from "react";

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
  label,
  text,
  failed,
  disabled,
}: {
  state: StepsState<S>;
  label: string;
  text: (step: S, index: number) => string;
  /** Steps holding an error from the server. */
  failed?: (step: S) => boolean;
  disabled?: boolean;
}) {
  return (
    <nav aria-label={label}>
      <ol className="flex flex-wrap gap-1 text-xs">
        {state.steps.map((s, i) => {
          const current = s === state.step;
          const cls = `inline-flex items-center gap-1 rounded-full px-2.5 py-1 ${
            current
              ? "bg-sky-700 font-medium text-white dark:bg-sky-600"
              : failed?.(s)
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

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import {
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  FormProvider,
  type Path,
  type RegisterOptions,
  type Resolver,
  type SubmitErrorHandler,
  type SubmitHandler,
  type UseFormProps,
  type UseFormReturn,
  get,
  set,
  useController,
  useForm,
  useFormContext,
  useWatch,
} from "react-hook-form";
import { useEffect, useId, useRef, useState } from "react";
import type { z } from "@/lib/validations/zod";
import { Button } from "./button";
import { CheckboxField } from "./checkbox-field";
import { dialogAutoFocus } from "./dialog-autofocus";
import { Field, FieldNotes, describedBy, inputClass } from "./field";
import { type ErrorTarget, FORM_ERROR, type FormErrors, routeErrors } from "./form-errors";
import { type KeyValueRow, KeyValueRows } from "./key-value-rows";
import { MultiSelect, type Option } from "./multi-select";
import { Select } from "./select";
import { ErrorState } from "./states";

// One way to write a form: react-hook-form holds the values, a zod schema
// (built from lib/validations) checks them, and the server's field errors land
// on the same inputs through setError. Dialogs list their fields and nothing else.

type AnySchema = z.ZodType<unknown, FieldValues>;

/** A form checked by `schema` on submit and, after that, as the user types. */
export function useSchemaForm<S extends AnySchema>(schema: S, defaultValues: DefaultValues<z.input<S>>) {
  return useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema), defaultValues, mode: "onChange" });
}

/**
 * A form checked by `check`: the form's own rules as translated messages, and
 * (see schemaErrors) the API's schema on the body it would send. `submit` is
 * false while the user types: required fields are not errors then.
 * `options.values`: values to follow as they load; with `resetOptions:
 * { keepDirtyValues: true }` what the user changed stays on top. `options.mode`:
 * when fields are first checked (default: as the user types).
 */
export function useCheckedForm<T extends FieldValues>(
  defaultValues: DefaultValues<T>,
  check: (values: T, submit: boolean) => FormErrors,
  options?: Pick<UseFormProps<T>, "values" | "resetOptions" | "mode">,
) {
  // react-hook-form hands a resolver the names of every mounted field on submit as it does on a full re-check,
  // so "is this the submit?" is known only here, around handleSubmit.
  const [flag] = useState(() => ({ submitting: false }));
  const form = useForm<T>({
    mode: "onChange",
    ...options,
    defaultValues,
    resolver: checkedResolver(check, () => flag.submitting),
  });
  const [added] = useState(() => {
    const original = form.handleSubmit;
    const asSubmit = async <R,>(run: () => Promise<R>) => {
      flag.submitting = true;
      try {
        return await run();
      } finally {
        flag.submitting = false;
      }
    };
    return {
      handleSubmit: ((onValid, onInvalid) => (e) => asSubmit(() => original(onValid, onInvalid)(e))) as typeof form.handleSubmit,
      /** Checks these fields as a submit would (required ones too), e.g. a wizard's Next; other fields' errors stay. True when they pass. */
      checkFields: (names: readonly Path<T>[]) => asSubmit(() => form.trigger(names)),
    };
  });
  return Object.assign(form, added);
}

/**
 * useCheckedForm's resolver: `check`'s messages as react-hook-form's errors,
 * FORM_ERROR on root. `submitting`: whether a submit (or a Next) asks; a full
 * check (no names) counts as one.
 */
export function checkedResolver<T extends FieldValues>(check: (values: T, submit: boolean) => FormErrors, submitting: () => boolean): Resolver<T> {
  return async (values, _ctx, options) => {
    const errors = check(values, submitting() || !options.names);
    if (!Object.keys(errors).length) return { values, errors: {} };
    const out: FieldErrors<T> = {};
    for (const [field, message] of Object.entries(errors)) set(out, field === FORM_ERROR ? "root.server" : field, { type: "validate", message });
    return { values: {}, errors: out };
  };
}

export type CheckedForm<T extends FieldValues> = ReturnType<typeof useCheckedForm<T>>;

/** Puts what routeErrors made of a failed request on the form: fields by name, the rest on root. */
export function showErrors<T extends FieldValues>(form: UseFormReturn<T, unknown, never> | UseFormReturn<T>, errors: FormErrors) {
  const f = form as unknown as UseFormReturn<FieldValues>;
  let focused = false;
  for (const [field, message] of Object.entries(errors)) {
    if (field === FORM_ERROR) continue;
    f.setError(field, { type: "server", message }, { shouldFocus: !focused });
    focused = true;
  }
  if (errors[FORM_ERROR]) f.setError("root.server", { type: "server", message: errors[FORM_ERROR] });
}

/**
 * showErrors of a failed request: each field error where `target` shows it, plus `extra` (e.g. a 409 on the name).
 * `summary`: the server's message stays on top beside the fields (a wizard's fields may be on other steps).
 * Returns what it showed.
 */
export function showServerErrors<T extends FieldValues>(
  form: UseFormReturn<T, unknown, never> | UseFormReturn<T>,
  err: unknown,
  target: ErrorTarget,
  extra: FormErrors = {},
  { summary = false } = {},
): FormErrors {
  const out = { ...routeErrors(err, target), ...extra };
  const message = (err as Error).message;
  // A conflict shown on its field needs no copy at the top.
  if (Object.keys(extra).length && out[FORM_ERROR] === message) delete out[FORM_ERROR];
  if (summary && message && !Object.values(out).includes(message)) out[FORM_ERROR] = out[FORM_ERROR] ? `${message} ${out[FORM_ERROR]}` : message;
  showErrors(form, out);
  return out;
}

const messageAt = (errors: object, name: string) => (get(errors, name) as { message?: string } | undefined)?.message;

/** The message under a field: the schema's or the server's. */
export function useFieldError(name: string): string | undefined {
  const { formState } = useFormContext();
  return messageAt(formState.errors, name);
}

/** The <form> with its provider, the form-level error on top and every control off while it submits. */
export function Form<In extends FieldValues, Out>({
  form,
  onSubmit,
  failed,
  pending,
  children,
  actions,
  className = "space-y-4",
  onInvalid,
  onNext,
  labelledBy,
}: {
  form: UseFormReturn<In, unknown, Out>;
  onSubmit: SubmitHandler<Out>;
  /** A wizard's step before the last: submitting (Enter, the primary button) moves on instead. */
  onNext?: () => void;
  labelledBy?: string;
  /** After a submit the checks stopped (react-hook-form has focused the first invalid field it registered). */
  onInvalid?: SubmitErrorHandler<In>;
  /** Title of the form-level error. */
  failed: string;
  pending: boolean;
  children: React.ReactNode;
  /** The footer (FormActions), outside the disabled fieldset so Cancel works while it submits. */
  actions: React.ReactNode;
  className?: string;
}) {
  const root = (form.formState.errors.root as { server?: { message?: string } } | undefined)?.server?.message;
  return (
    <FormProvider {...form}>
      <form
        onSubmit={
          onNext
            ? (e) => {
                e.preventDefault();
                onNext();
              }
            : form.handleSubmit(onSubmit, onInvalid)
        }
        noValidate
        className="space-y-4"
        aria-busy={pending}
        aria-labelledby={labelledBy}
      >
        {root && <ErrorState title={failed} message={root} />}
        <fieldset disabled={pending} className={className}>
          {children}
        </fieldset>
        {actions}
      </form>
    </FormProvider>
  );
}

/** A dialog's form: Form with Cancel and submit under it. */
export function DialogForm<In extends FieldValues, Out>({
  text,
  onCancel,
  danger,
  submitOff,
  ...props
}: Omit<React.ComponentProps<typeof Form<In, Out>>, "actions" | "failed"> & {
  /** `busy`: said while it submits (e.g. that the server is checking something slow). */
  text: { failed: string; submit: string; submitting: string; busy?: string };
  onCancel: () => void;
} & Pick<React.ComponentProps<typeof FormActions>, "danger" | "submitOff">) {
  const actions = (
    <>
      {props.pending && text.busy && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          {text.busy}
        </p>
      )}
      <FormActions onCancel={onCancel} pending={props.pending} submit={text.submit} submitting={text.submitting} danger={danger} submitOff={submitOff} />
    </>
  );
  return <Form {...props} failed={text.failed} actions={actions} />;
}

/** Cancel and submit under a form. */
export function FormActions({
  onCancel,
  submit,
  submitting,
  pending,
  danger,
  submitOff,
  focusCancel,
  extra,
}: {
  onCancel: () => void;
  submit: string;
  submitting: string;
  pending: boolean;
  /** The submit button of a destructive action. */
  danger?: boolean;
  /** Submit is off (e.g. until the name is typed). */
  submitOff?: boolean;
  /** Cancel is what the dialog focuses when it opens (a confirmation without fields). */
  focusCancel?: boolean;
  /** Buttons between Cancel and submit (e.g. "Edit as YAML"). */
  extra?: React.ReactNode;
}) {
  const tc = useTranslations("common");
  return (
    <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
      <Button ref={focusCancel ? dialogAutoFocus : undefined} onClick={onCancel}>
        {tc("cancel")}
      </Button>
      {extra}
      <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending || submitOff}>
        {pending ? submitting : submit}
      </Button>
    </div>
  );
}

/**
 * Save on a page (not a dialog), with "Saved" announced beside it. `label`: the
 * button's words when not plain "Save"; `discard`: a button that drops the changes.
 */
export function SaveBar({
  pending,
  saved,
  label,
  disabled,
  discard,
}: {
  pending: boolean;
  saved?: string;
  label?: string;
  disabled?: boolean;
  discard?: { label: string; onClick: () => void };
}) {
  const tc = useTranslations("common");
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="primary" disabled={pending || disabled}>
        {pending ? tc("saving") : (label ?? tc("save"))}
      </Button>
      {discard && (
        <Button onClick={discard.onClick} disabled={pending}>
          {discard.label}
        </Button>
      )}
      <span role="status" aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
        {saved ?? ""}
      </span>
    </div>
  );
}

/**
 * Calls `onChange` when the user edits a value: not on a reset, nor when the
 * form follows newly loaded values.
 */
export function useUserChange<T extends FieldValues>(form: UseFormReturn<T, unknown, never> | UseFormReturn<T>, onChange: () => void) {
  const watch = (form as unknown as UseFormReturn<FieldValues>).watch;
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    const sub = watch((_, { type }) => {
      if (type === "change") latest.current();
    });
    return () => sub.unsubscribe();
  }, [watch]);
}

/** False again as soon as the user changes a value: for a "Saved" note. */
export function useSavedFlag<T extends FieldValues>(form: UseFormReturn<T, unknown, never> | UseFormReturn<T>) {
  const [saved, setSaved] = useState(false);
  useUserChange(form, () => setSaved(false));
  return [saved, setSaved] as const;
}

type TextProps = {
  name: string;
  label: string;
  hint?: string;
  /** What react-hook-form's register takes besides the name (deps, onChange). */
  rules?: RegisterOptions;
  /** Names, keys and URLs: monospace, no capitals or spelling help. */
  code?: boolean;
  /** The control the dialog focuses when it opens. */
  autoFocus?: boolean;
  /** A textarea of this many rows. */
  rows?: number;
  className?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "className">;

/** A text input (or textarea) bound to the form by name. */
export function TextField({ name, label, hint, rules, code, autoFocus, rows, className = "", ...input }: TextProps) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const { ref, ...reg } = register(name, rules);
  const setRef = (el: HTMLInputElement | HTMLTextAreaElement | null) => {
    ref(el);
    if (autoFocus) dialogAutoFocus(el);
  };
  const cls = `${inputClass} ${code ? "font-mono" : ""} ${className}`;
  const codeProps = code ? { autoCapitalize: "none", spellCheck: false } : {};
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) =>
        rows ? (
          <textarea
            {...p}
            {...reg}
            ref={setRef}
            rows={rows}
            placeholder={input.placeholder}
            maxLength={input.maxLength}
            spellCheck={code ? false : undefined}
            className={cls}
          />
        ) : (
          <input {...p} autoComplete="off" {...codeProps} {...input} {...reg} ref={setRef} className={cls} />
        )
      }
    </Field>
  );
}

/** A select bound to the form by name. */
export function SelectField({
  name,
  label,
  hint,
  options,
  placeholder,
  autoFocus,
  disabled,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  options: Option[];
  placeholder?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  /** What else changes with the choice (e.g. a list that depends on it). */
  onChange?: (value: string) => void;
}) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const { ref, ...reg } = register(name, { onChange: onChange && ((e: React.ChangeEvent<HTMLSelectElement>) => onChange(e.target.value)) });
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <Select
          {...p}
          {...reg}
          ref={(el) => {
            ref(el);
            if (autoFocus) dialogAutoFocus(el);
          }}
          options={options}
          placeholder={placeholder}
          disabled={disabled}
        />
      )}
    </Field>
  );
}

/** One of a few choices as a row of boxed radio buttons, bound to the form by name. */
export function ChoiceField({
  name,
  legend,
  options,
  hint,
  autoFocus,
  onChange,
}: {
  name: string;
  legend: string;
  /** `off` with its reason as the tooltip. */
  options: (Option & { off?: string })[];
  hint?: string;
  autoFocus?: boolean;
  /** What else changes with the choice (e.g. a list that depends on it). */
  onChange?: (value: string) => void;
}) {
  const { register } = useFormContext();
  const value = useWatch({ name }) as string;
  const error = useFieldError(name);
  const id = useId();
  const radio = register(name, { onChange: onChange && ((e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)) });
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)} className="space-y-1">
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((o, i) => (
          <label
            key={o.value}
            title={o.off}
            className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600 ${
              value === o.value
                ? "border-sky-600 bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
                : "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-200"
            } ${o.off ? "cursor-not-allowed opacity-50" : ""}`}
          >
            <input
              type="radio"
              value={o.value}
              {...radio}
              ref={(el) => {
                radio.ref(el);
                if (autoFocus && i === 0) dialogAutoFocus(el);
              }}
              disabled={!!o.off}
              className="accent-sky-700"
            />
            {o.label}
          </label>
        ))}
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </fieldset>
  );
}

/** A checkbox bound to the form by name. */
export function CheckField({ name, label, hint, warning, deps }: { name: string; label: string; hint?: string; warning?: string; deps?: string[] }) {
  // deps: fields whose checks depend on this box, re-checked when it changes.
  const { field } = useController({ name, rules: deps ? { deps } : undefined });
  const error = useFieldError(name);
  return <CheckboxField label={label} hint={hint} warning={warning} error={error} checked={!!field.value} onChange={field.onChange} />;
}

/** A MultiSelect bound to the form by name (its value is a list). */
export function MultiSelectField({ name, ...props }: { name: string } & Omit<React.ComponentProps<typeof MultiSelect>, "selected" | "onChange" | "error">) {
  const { field } = useController({ name });
  const error = useFieldError(name);
  return <MultiSelect {...props} selected={(field.value as string[]) ?? []} onChange={field.onChange} error={error} />;
}

/**
 * KeyValueRows bound to the form by name. A row's error is at "<name>.<index>":
 * react-hook-form shows a list's errors as a list, by index.
 */
export function KeyValueRowsField<R extends KeyValueRow>({ name, ...props }: { name: string } & Omit<React.ComponentProps<typeof KeyValueRows<R>>, "rows" | "onChange" | "errorText">) {
  const { field } = useController({ name });
  const { formState } = useFormContext();
  const rows = field.value as R[];
  return <KeyValueRows<R> {...props} rows={rows} onChange={field.onChange} errorText={(r) => messageAt(formState.errors, `${name}.${rows.indexOf(r)}`)} />;
}

export type { Path };

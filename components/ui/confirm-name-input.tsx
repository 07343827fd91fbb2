"use client";

import { dialogAutoFocus } from "./dialog-autofocus";
import { Field, inputClass } from "./field";

/** The "type the name to confirm" box of a destructive dialog (focused when the dialog opens). */
export function ConfirmNameInput({ label, value, onChange, disabled }: { label: string; value: string; onChange: (v: string) => void; disabled?: boolean }) {
  return (
    <Field label={label}>
      {(p) => (
        <input
          {...p}
          ref={dialogAutoFocus}
          type="text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          className={`${inputClass} font-mono`}
        />
      )}
    </Field>
  );
}

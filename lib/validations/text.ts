import { z } from "@/lib/validations/zod";

// Free text people type (display names, descriptions): any script, but no
// control characters (a NUL or an escape sequence has no place in a name and
// ends up in logs and terminals) and no bidirectional overrides, which make
// a name read differently from what it is.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

/** One line of text of at most `max` characters (a display name). */
export const lineText = (max: number, required?: string) => {
  const s = z.string().trim();
  return (required ? s.min(1, required) : s)
    .max(max, `At most ${max} characters.`)
    .refine((v) => !CONTROL_OR_BREAK.test(v), "Control characters and line breaks are not allowed.")
    .refine((v) => !BIDI.test(v), "Text direction override characters are not allowed.");
};

/** Text that may span lines (a description). */
export const multilineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .refine((v) => !CONTROL.test(v), "Control characters are not allowed.")
    .refine((v) => !BIDI.test(v), "Text direction override characters are not allowed.");

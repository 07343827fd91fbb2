// Field errors of the forms whose models are pure: a message key with values
// (the form turns it into text), or the API server's own words. Pure.

/** A field error: a message key with values, or the server's own words. */
export type FieldError = { code: string; values?: Record<string, string | number> } | { server: string };
export type CodedErrors = Record<string, FieldError>;

/**
 * Splits the API server's causes into field errors (its words, on the form
 * field `target` names for the cause's field) and the rest. Two causes on one
 * field are both said.
 */
export function splitCauses(causes: readonly { field?: string; message?: string; reason?: string }[], target: (field: string) => string | undefined): { fields: CodedErrors; other: string[] } {
  const fields: CodedErrors = {};
  const other: string[] = [];
  for (const c of causes) {
    const msg = c.message ?? c.reason ?? "";
    const f = c.field ? target(c.field) : undefined;
    if (f) {
      const prev = fields[f];
      fields[f] = { server: prev && "server" in prev ? `${prev.server}; ${msg}` : msg };
    } else {
      other.push(c.field ? `${c.field}: ${msg}` : msg);
    }
  }
  return { fields, other };
}

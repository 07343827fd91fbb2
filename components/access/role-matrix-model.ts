import type { RoleRule, Vocabulary } from "@/lib/access/queries";

// The permission matrix of a custom role: per resource row, the ticked verbs
// and whether they are denied. Rules the matrix cannot show (resources outside
// it, wildcards, other verbs) are kept as they are. Pure.

export interface MatrixRow {
  verbs: string[];
  deny: boolean;
}

export type Matrix = Record<string, MatrixRow>;

export interface MatrixState {
  matrix: Matrix;
  /** Rules kept verbatim: the matrix has no place for them. */
  extra: RoleRule[];
}

export const matrixResources = (vocab: Vocabulary) => vocab.matrix.flatMap((g) => g.resources);

export function emptyMatrix(): MatrixState {
  return { matrix: {}, extra: [] };
}

/**
 * Reads rules into the matrix. Allowing "*" ticks every verb of the vocabulary
 * (saving then narrows it to those); denying "*" is kept as it is, as
 * narrowing a deny would widen the role.
 */
export function matrixFromRules(rules: RoleRule[], vocab: Vocabulary): MatrixState {
  const rows = new Set(matrixResources(vocab));
  const known = new Set(vocab.verbs);
  const matrix: Matrix = {};
  const extra: RoleRule[] = [];
  // Allow rules first: a deny rule on a row that also allows is not one row's worth.
  const ordered = [...rules.filter((r) => r.effect !== "deny"), ...rules.filter((r) => r.effect === "deny")];
  for (const rule of ordered) {
    const deny = rule.effect === "deny";
    const all = rule.verbs.includes("*");
    const verbs = all && !deny ? vocab.verbs : rule.verbs;
    const fits =
      rule.resources.length > 0 &&
      rule.resources.every((r) => rows.has(r) && (!matrix[r] || matrix[r].deny === deny)) &&
      verbs.length > 0 &&
      verbs.every((v) => known.has(v));
    if (!fits) {
      extra.push(rule);
      continue;
    }
    for (const r of rule.resources) {
      const prev = matrix[r]?.verbs ?? [];
      matrix[r] = { verbs: [...new Set([...prev, ...verbs])], deny };
    }
  }
  return { matrix, extra };
}

/**
 * The rules of a matrix: rows with the same verbs and effect share a rule, in
 * matrix order; then the kept rules. Verbs are listed, never "*", so a role
 * grants nothing beyond what was ticked.
 */
export function rulesFromMatrix(state: MatrixState, vocab: Vocabulary): RoleRule[] {
  const order = new Map(vocab.verbs.map((v, i) => [v, i] as const));
  const groups = new Map<string, RoleRule>();
  for (const resource of matrixResources(vocab)) {
    const row = state.matrix[resource];
    if (!row || row.verbs.length === 0) continue;
    const verbs = [...row.verbs].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const effect = row.deny ? "deny" : "allow";
    const key = `${effect}|${verbs.join(",")}`;
    const rule = groups.get(key);
    if (rule) rule.resources.push(resource);
    else groups.set(key, { resources: [resource], verbs, effect });
  }
  return [...groups.values(), ...state.extra];
}

export function toggleVerb(state: MatrixState, resource: string, verb: string, on: boolean): MatrixState {
  const row = state.matrix[resource] ?? { verbs: [], deny: false };
  const verbs = on ? [...new Set([...row.verbs, verb])] : row.verbs.filter((v) => v !== verb);
  return { ...state, matrix: { ...state.matrix, [resource]: { ...row, verbs } } };
}

export function setDeny(state: MatrixState, resource: string, deny: boolean): MatrixState {
  const row = state.matrix[resource] ?? { verbs: [], deny: false };
  return { ...state, matrix: { ...state.matrix, [resource]: { ...row, deny } } };
}

export function removeExtra(state: MatrixState, index: number): MatrixState {
  return { ...state, extra: state.extra.filter((_, i) => i !== index) };
}

/** Does the matrix grant or deny anything at all? */
export function hasRules(state: MatrixState): boolean {
  return state.extra.length > 0 || Object.values(state.matrix).some((r) => r.verbs.length > 0);
}

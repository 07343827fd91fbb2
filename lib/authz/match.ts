// Pattern matching for the Casbin model's objMatch / actMatch functions, and
// expansion of role rules into policy rows. Pure, no I/O.

export type Effect = "allow" | "deny";

export interface RoleRule {
  resources: string[];
  verbs: string[];
  effect?: Effect;
}

export interface RoleDefinition {
  name: string;
  scope: "platform" | "cluster" | "tenant" | "project";
  rules: RoleRule[];
  builtin?: boolean;
  /** Custom roles belong to one tenant (or to the platform when unset). */
  tenant?: string;
  displayName?: string;
  description?: string;
}

const objCache = new Map<string, (obj: string) => boolean>();
const actCache = new Map<string, (act: string) => boolean>();

function compileObj(pattern: string): (obj: string) => boolean {
  if (pattern === "*") return (o) => !o.startsWith("nonresource:") && !o.startsWith("console/");
  if (pattern.endsWith("/*") || pattern.endsWith(":*")) {
    const prefix = pattern.slice(0, -1);
    return (o) => o.startsWith(prefix);
  }
  return (o) => o === pattern;
}

/** Does a request object match one of a rule's comma-separated resource patterns? */
export function objMatch(obj: string, patterns: string): boolean {
  let f = objCache.get(patterns);
  if (!f) {
    const parts = patterns.split(",").map((p) => p.trim()).filter(Boolean);
    const exact = new Set(parts.filter((p) => !p.includes("*")));
    const wild = parts.filter((p) => p.includes("*")).map(compileObj);
    f = (o) => exact.has(o) || wild.some((w) => w(o));
    objCache.set(patterns, f);
  }
  return f(obj);
}

/** Does a request verb match one of a rule's comma-separated verbs ("*" = any)? */
export function actMatch(act: string, patterns: string): boolean {
  let f = actCache.get(patterns);
  if (!f) {
    const set = new Set(patterns.split(",").map((p) => p.trim()));
    f = set.has("*") ? () => true : (a) => set.has(a);
    actCache.set(patterns, f);
  }
  return f(act);
}

/** Replaces "@set" references with the set's resources. */
export function expandResources(resources: string[], sets: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const r of resources) {
    if (r.startsWith("@")) {
      const set = sets[r.slice(1)];
      if (!set) throw new Error(`unknown resource set ${r}`);
      out.push(...set);
    } else out.push(r);
  }
  return [...new Set(out)];
}

/** Policy rows [role, objPatterns, verbs, effect] of a role: one per rule. */
export function policyRows(role: RoleDefinition, sets: Record<string, string[]>): string[][] {
  return role.rules.map((r) => [
    role.name,
    expandResources(r.resources, sets).join(","),
    r.verbs.join(","),
    r.effect ?? "allow",
  ]);
}

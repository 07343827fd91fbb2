import "server-only";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Enforcer, FunctionMap, newEnforcerWithClass, newModelFromString } from "casbin";
import { parse as parseYAML } from "yaml";
import type { Principal } from "@/lib/auth/principal";
import type { RequestAttributes } from "@/lib/proxy/request-info";
import type { RoleBindingResource, RoleResource } from "@/lib/store/types";
import { HostClusterAdapter } from "./adapter";
import { type RoleDefinition, actMatch, objMatch, policyRows } from "./match";
import { ScopeRoleManager } from "./role-manager";
import { type Place, placeDomain, scopeDomain } from "./scope";

const policiesDir = () => path.join(process.cwd(), "policies");

/**
 * Casbin's enforcer with only the functions our matcher calls. The default
 * function map (keyMatch…keyMatch5, regexMatch, globMatch, ipMatch, …) is
 * copied into the evaluation context once per policy row on every decision;
 * with two functions that copy is a fraction of the cost (bench/suites/authz.ts).
 */
class PilothouseEnforcer extends Enforcer {
  useFunctions(fns: Record<string, (...args: string[]) => boolean>) {
    const fm = new FunctionMap();
    for (const [name, f] of Object.entries(fns)) fm.addFunction(name, f);
    this.fm = fm;
  }
}

export interface Vocabulary {
  verbs: string[];
  sets: Record<string, string[]>;
  matrix: { id: string; resources: string[] }[];
}

export function loadVocabulary(dir = policiesDir()): Vocabulary {
  return parseYAML(readFileSync(path.join(dir, "permissions.yaml"), "utf8")) as Vocabulary;
}

export function loadBuiltinRoles(dir = policiesDir()): RoleDefinition[] {
  return readdirSync(path.join(dir, "roles"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ ...(parseYAML(readFileSync(path.join(dir, "roles", f), "utf8")) as RoleDefinition), builtin: true }));
}

export function roleFromResource(r: RoleResource): RoleDefinition {
  return {
    name: r.metadata.name!,
    scope: r.spec.scope,
    tenant: r.spec.tenant || undefined,
    rules: r.spec.rules ?? [],
    displayName: r.spec.displayName,
    description: r.spec.description,
  };
}

export interface Decision {
  allowed: boolean;
  reason?: string;
}

/** Resolves which tenant a namespace on a cluster belongs to (undefined: none). */
export type TenantResolver = (cluster: string, namespace: string) => string | undefined;

export function objectOf(a: RequestAttributes): string {
  if (a.kind === "nonResource") return `nonresource:${a.path}`;
  return `${a.apiGroup || "core"}/${a.resource}${a.subresource ? `/${a.subresource}` : ""}`;
}

/**
 * The one authorization function. A Casbin enforcer with the model in
 * policies/model.conf, the built-in roles of policies/roles, custom roles and
 * role bindings from the host cluster (fed by the store's watches), and the
 * scope role manager. Decisions are synchronous and take microseconds.
 */
export class Authorizer {
  readonly rm = new ScopeRoleManager();
  private builtin = new Map<string, RoleDefinition>();
  private custom = new Map<string, RoleDefinition>();
  private customRows: string[][] = [];
  private bindingLinks = new Map<string, [string, string, string]>();
  // Several bindings may grant the same link: count them.
  private linkRefs = new Map<string, number>();
  private tenantOf: TenantResolver = () => undefined;
  // Decision cache (what Casbin's CachedEnforcer does), emptied on every change
  // of bindings, roles or groups; the place is part of the key, so namespace and
  // tenant changes need no invalidation.
  private cache = new Map<string, boolean>();
  private static readonly CACHE_MAX = 100_000;
  // Casbin's answer by (roles held at the place, object, verb). The matcher's
  // only subject- and place-dependent term is g(r.sub, p.sub, r.dom): with the
  // same roles held, the same rows match and the answer is the same. So this
  // is emptied only when policy rows (roles) change; bindings and groups only
  // change which roles a subject holds, which is looked up on every decision.
  private byRoles = new Map<string, boolean>();

  private constructor(
    private e: PilothouseEnforcer,
    readonly vocabulary: Vocabulary,
  ) {}

  static async create(dir = policiesDir()): Promise<Authorizer> {
    const model = newModelFromString(readFileSync(path.join(dir, "model.conf"), "utf8"));
    const vocabulary = loadVocabulary(dir);
    const builtin = loadBuiltinRoles(dir);
    const ref: { self?: Authorizer } = {};
    // The adapter reads the state this authorizer holds (built-in roles now;
    // custom roles and bindings once load() is called).
    const adapter = new HostClusterAdapter(() => ({
      policies: [...builtin.flatMap((r) => policyRows(r, vocabulary.sets)), ...(ref.self?.customRows ?? [])],
      groupings: ref.self ? [...new Set([...ref.self.bindingLinks.values()].map((l) => l.join("\u0000")))].map((k) => k.split("\u0000")) : [],
    }));
    const e = await newEnforcerWithClass(PilothouseEnforcer, model, adapter);
    e.enableAutoNotifyWatcher(false);
    e.useFunctions({ objMatch: (o: string, p: string) => objMatch(o, p), actMatch: (a: string, p: string) => actMatch(a, p) });
    const a = new Authorizer(e, vocabulary);
    ref.self = a;
    for (const role of builtin) a.builtin.set(role.name, role);
    e.setRoleManager(a.rm);
    await e.loadPolicy();
    return a;
  }

  /** Loads custom roles and bindings at once (start-up), through the adapter. */
  async load(roles: RoleResource[], bindings: RoleBindingResource[]) {
    this.custom = new Map();
    this.customRows = this.rowsOf(roles, this.custom);
    await this.setBindings(bindings);
  }

  /** Replaces all bindings (start-up and tests); changes after that come one by one. */
  async setBindings(bindings: RoleBindingResource[]) {
    this.bindingLinks = new Map();
    this.linkRefs = new Map();
    for (const b of bindings) {
      const l = this.linkOf(b);
      if (!l) continue;
      this.bindingLinks.set(b.metadata.name!, l);
      const k = l.join("\u0000");
      this.linkRefs.set(k, (this.linkRefs.get(k) ?? 0) + 1);
    }
    await this.e.loadPolicy();
    this.invalidate(true);
  }

  setTenantResolver(f: TenantResolver) {
    this.tenantOf = f;
  }

  // ---- roles -----------------------------------------------------------------

  role(name: string): RoleDefinition | undefined {
    return this.builtin.get(name) ?? this.custom.get(name);
  }

  roles(): RoleDefinition[] {
    return [...this.builtin.values(), ...this.custom.values()];
  }

  isBuiltin(name: string) {
    return this.builtin.has(name);
  }

  private rowsOf(roles: RoleResource[], into: Map<string, RoleDefinition>): string[][] {
    const rows: string[][] = [];
    for (const r of roles) {
      if (this.builtin.has(r.metadata.name!)) continue; // built-in names are reserved
      const def = roleFromResource(r);
      try {
        rows.push(...policyRows(def, this.vocabulary.sets));
        into.set(def.name, def);
      } catch {
        // A role with an unknown resource set grants nothing rather than breaking all decisions.
      }
    }
    return [...new Map(rows.map((r) => [r.join("\u0000"), r])).values()];
  }

  /** Replaces the custom roles (on every change of the Role collection). */
  async setCustomRoles(roles: RoleResource[]) {
    const next = new Map<string, RoleDefinition>();
    const unique = this.rowsOf(roles, next);
    // Remove first, then add: during the change a decision errs on the side of denying.
    this.invalidate(true);
    if (this.customRows.length) await this.e.removePolicies(this.customRows);
    if (unique.length) await this.e.addPolicies(unique);
    this.customRows = unique;
    this.custom = next;
    this.invalidate(true);
  }

  // ---- bindings and groups -------------------------------------------------------

  private linkOf(b: RoleBindingResource): [string, string, string] | undefined {
    const dom = scopeDomain(b.spec.scope);
    if (!dom || !b.spec.role || !b.spec.subject?.name) return undefined;
    const sub = `${b.spec.subject.kind === "Group" ? "group" : "user"}:${b.spec.subject.name}`;
    return [sub, b.spec.role, dom];
  }

  /**
   * Applies one watched binding change through Casbin's grouping-policy API
   * (model and role manager together). Several bindings may grant the same
   * link: it goes only when the last of them does.
   */
  applyBinding(type: "ADDED" | "MODIFIED" | "DELETED", b: RoleBindingResource): Promise<void> {
    const name = b.metadata.name!;
    const ops: Promise<unknown>[] = [];
    const old = this.bindingLinks.get(name);
    if (old) {
      this.bindingLinks.delete(name);
      const k = old.join("\u0000");
      const n = (this.linkRefs.get(k) ?? 1) - 1;
      if (n > 0) this.linkRefs.set(k, n);
      else {
        this.linkRefs.delete(k);
        ops.push(this.e.removeGroupingPolicy(...old));
      }
    }
    if (type !== "DELETED") {
      const l = this.linkOf(b);
      if (l) {
        this.bindingLinks.set(name, l);
        const k = l.join("\u0000");
        const n = this.linkRefs.get(k) ?? 0;
        this.linkRefs.set(k, n + 1);
        if (n === 0) ops.push(this.e.addGroupingPolicy(...l));
      }
    }
    this.invalidate();
    // Invalidate again once applied: a decision made in between must not stay cached.
    return Promise.all(ops).then(() => this.invalidate());
  }

  setUserGroups(user: string, groups: string[]) {
    this.rm.setGroups(user, groups);
    this.invalidate();
  }

  // ---- decisions ---------------------------------------------------------------

  /** The raw decision: may subject (user:x) do act on obj at a place? */
  decide(subject: string, dom: string, obj: string, act: string): boolean {
    const key = `${subject}\u0000${dom}\u0000${obj}\u0000${act}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const v = this.decideUncached(subject, dom, obj, act);
    if (this.cache.size >= Authorizer.CACHE_MAX) this.cache.clear();
    this.cache.set(key, v);
    return v;
  }

  /**
   * A decision not seen before (the first request of a user at a place):
   * the roles held there, then Casbin's answer for that set of roles.
   */
  decideUncached(subject: string, dom: string, obj: string, act: string): boolean {
    // Every policy row needs g(sub, role, dom): with no role at this place no row can match.
    const roles = this.rm.rolesAt(subject, dom);
    if (roles.length === 0) return false;
    const key = `${roles.length === 1 ? roles[0] : roles.sort().join("\u0001")}\u0000${obj}\u0000${act}`;
    let v = this.byRoles.get(key);
    if (v === undefined) {
      v = this.e.enforceSync(subject, dom, obj, act);
      if (this.byRoles.size >= Authorizer.CACHE_MAX) this.byRoles.clear();
      this.byRoles.set(key, v);
    }
    return v;
  }

  /** Casbin evaluating every policy row, no memo (the benchmark reports it beside the decision). */
  enforceEveryRow(subject: string, dom: string, obj: string, act: string): boolean {
    if (!this.rm.hasAnyRoleAt(subject, dom)) return false;
    return this.e.enforceSync(subject, dom, obj, act);
  }

  /** Bindings or groups changed (policies too: the memo by roles goes as well). */
  private invalidate(policies = false) {
    this.cache.clear();
    if (policies) this.byRoles.clear();
  }

  placeOf(cluster: string, namespace: string): Place {
    return { tenant: namespace ? this.tenantOf(cluster, namespace) : undefined, cluster, namespace: namespace || undefined };
  }

  authorizeRequest(p: Principal, cluster: string, a: RequestAttributes): Decision {
    if (a.kind === "nonResource") {
      // Discovery, /version and OpenAPI documents are readable by every signed-in user.
      if (a.discovery) return { allowed: true };
      const ok = this.decide(`user:${p.name}`, placeDomain({ cluster }), objectOf(a), a.verb);
      return ok ? { allowed: true } : { allowed: false, reason: "no role grants this path" };
    }
    const dom = placeDomain(this.placeOf(cluster, a.namespace));
    return this.decide(`user:${p.name}`, dom, objectOf(a), a.verb)
      ? { allowed: true }
      : { allowed: false, reason: "no role grants this" };
  }

  /** A console action, e.g. can(p, "console/clusters", "create") or on a tenant's place. */
  can(p: Principal | string, area: string, verb: string, place: Place = {}): boolean {
    const name = typeof p === "string" ? p : p.name;
    return this.decide(`user:${name}`, placeDomain(place), area, verb);
  }

  /**
   * For lists and watches of namespaces by someone without cluster-wide read:
   * which namespaces they may see. undefined = all of them.
   */
  namespaceFilter(p: Principal, cluster: string, verb: "list" | "watch"): ((ns: string) => boolean) | undefined {
    const user = `user:${p.name}`;
    if (this.decide(user, placeDomain({ cluster }), "core/namespaces", verb)) return undefined;
    return (ns) => this.decide(user, placeDomain(this.placeOf(cluster, ns)), "core/namespaces", "get");
  }

  /** Binding domains where a user (or one of their groups) holds a role. */
  domainsOf(user: string): string[] {
    return this.rm.domainsOf(`user:${user}`);
  }

  /** Subjects that could hold a role at this place (for who-can); each still needs a decision. */
  candidateSubjects(place: Place): string[] {
    return this.rm.subjectsIn(["*", ...(place.tenant ? [`tenant:${place.tenant}`] : []), ...(place.cluster ? [`cluster:${place.cluster}`] : []), ...(place.cluster && place.namespace ? [`project:${place.cluster}/${place.namespace}`] : [])]);
  }

  rolesAtDomain(user: string, dom: string): string[] {
    return this.rm.rolesAt(`user:${user}`, dom);
  }

  /** Roles a user holds at a place, directly or through groups. */
  rolesAt(user: string, place: Place): Promise<string[]> {
    return this.rm.getRoles(`user:${user}`, placeDomain(place));
  }
}

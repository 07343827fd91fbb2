import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type DefaultRoleManager, type Enforcer, newEnforcer, newModelFromString } from "casbin";
import { parse as parseYAML } from "yaml";
import type { Principal } from "@/lib/auth/principal";
import type { RequestAttributes } from "@/lib/k8s/request-info";
import type { RoleBindingResource } from "@/lib/store/types";

interface RoleFile {
  name: string;
  rules: { resources: string[]; verbs: string[]; effect?: "allow" | "deny" }[];
}

const policiesDir = () => path.join(process.cwd(), "policies");

export function loadRoles(dir = path.join(policiesDir(), "roles")): RoleFile[] {
  // Only the built-in roles shipped in policies/roles; custom roles come from the store.
  const names = ["platform-admin"];
  return names.map((n) => parseYAML(readFileSync(path.join(dir, `${n}.yaml`), "utf8")) as RoleFile);
}

export function domainFor(scope: RoleBindingResource["spec"]["scope"]): string | undefined {
  switch (scope.type) {
    case "platform":
      return "*";
    case "cluster":
      return scope.cluster ? `cluster/${scope.cluster}/*` : undefined;
    case "project":
      return scope.cluster && scope.namespace ? `cluster/${scope.cluster}/ns/${scope.namespace}` : undefined;
    default:
      return undefined; // tenant scope: resolved by the tenancy model
  }
}

/** Does a binding's domain pattern cover a request's domain? (request first, pattern second) */
export function domainMatch(request: string, pattern: string): boolean {
  if (pattern === request || pattern === "*") return true;
  return pattern.endsWith("/*") && request.startsWith(pattern.slice(0, -1));
}

export interface Decision {
  allowed: boolean;
  reason?: string;
}

/**
 * The one authorization function. Every proxied request and console API call
 * asks it; role bindings from the host cluster feed it through the store's watch.
 */
export class Authorizer {
  private constructor(private e: Enforcer) {}

  static async create(): Promise<Authorizer> {
    const model = newModelFromString(readFileSync(path.join(policiesDir(), "model.conf"), "utf8"));
    const e = await newEnforcer(model);
    // Binding domains are patterns: "*" covers every request domain.
    await (e.getRoleManager() as DefaultRoleManager).addDomainMatchingFunc(domainMatch);
    const a = new Authorizer(e);
    for (const role of loadRoles()) {
      for (const rule of role.rules) {
        for (const res of rule.resources) {
          for (const verb of rule.verbs) {
            await e.addPolicy(role.name, "*", res, verb, rule.effect ?? "allow");
          }
        }
      }
    }
    return a;
  }

  /** Replaces all bindings (called on every change of the RoleBinding collection). */
  async setBindings(bindings: RoleBindingResource[]) {
    const rules: string[][] = [];
    for (const b of bindings) {
      const dom = domainFor(b.spec.scope);
      if (!dom) continue;
      const sub = `${b.spec.subject.kind === "Group" ? "group" : "user"}:${b.spec.subject.name}`;
      rules.push([sub, b.spec.role, dom]);
    }
    await this.e.removeFilteredGroupingPolicy(0);
    if (rules.length) await this.e.addGroupingPolicies(rules);
    this.e.getRoleManager().clear?.();
    await this.e.buildRoleLinks();
  }

  private async enforce(p: Principal, dom: string, obj: string, act: string): Promise<boolean> {
    if (await this.e.enforce(`user:${p.name}`, dom, obj, act)) return true;
    for (const g of p.groups) if (await this.e.enforce(`group:${g}`, dom, obj, act)) return true;
    return false;
  }

  async authorizeRequest(p: Principal, cluster: string, a: RequestAttributes): Promise<Decision> {
    if (a.kind === "nonResource") {
      // Discovery, /version and OpenAPI documents are readable by every signed-in user.
      if (a.discovery) return { allowed: true };
      const ok = await this.enforce(p, `cluster/${cluster}/*`, `nonresource:${a.path}`, a.verb);
      return ok ? { allowed: true } : { allowed: false, reason: "no role grants this path" };
    }
    const dom = a.namespace ? `cluster/${cluster}/ns/${a.namespace}` : `cluster/${cluster}/*`;
    const res = `${a.apiGroup || "core"}/${a.resource}${a.subresource ? `/${a.subresource}` : ""}`;
    const ok = await this.enforce(p, dom, res, a.verb);
    return ok ? { allowed: true } : { allowed: false, reason: "no role grants this" };
  }

  /** Console actions (manage clusters, …) at platform scope. */
  async can(p: Principal, action: string, dom = "*"): Promise<boolean> {
    return this.enforce(p, dom, `console:${action}`, "*");
  }
}

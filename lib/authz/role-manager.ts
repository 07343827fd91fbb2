import type { RoleManager } from "casbin";
import { coveringDomains } from "./scope";

/**
 * Casbin role manager for scoped bindings. Links are kept per exact binding
 * domain; a question "does user U have role R at place P?" looks only at the
 * few domains that cover P (platform, tenant, cluster, project), for U and for
 * each group U belongs to — O(1) whatever the number of bindings, where a
 * pattern-matching role manager would scan every domain.
 */
export class ScopeRoleManager implements RoleManager {
  // subject ("user:x" / "group:y") → binding domain → roles
  private links = new Map<string, Map<string, Set<string>>>();
  // "user:x" → its groups as subjects ("group:y")
  private groups = new Map<string, string[]>();
  private lastDom = "";
  private lastCovering: string[] = [];

  async clear(): Promise<void> {
    this.links = new Map();
  }

  async addLink(name1: string, name2: string, ...domain: string[]): Promise<void> {
    this.add(name1, name2, domain[0] ?? "*");
  }

  async deleteLink(name1: string, name2: string, ...domain: string[]): Promise<void> {
    this.remove(name1, name2, domain[0] ?? "*");
  }

  add(subject: string, role: string, domain: string) {
    let byDom = this.links.get(subject);
    if (!byDom) this.links.set(subject, (byDom = new Map()));
    let roles = byDom.get(domain);
    if (!roles) byDom.set(domain, (roles = new Set()));
    roles.add(role);
  }

  remove(subject: string, role: string, domain: string) {
    const byDom = this.links.get(subject);
    const roles = byDom?.get(domain);
    if (!roles) return;
    roles.delete(role);
    if (roles.size === 0) byDom!.delete(domain);
    if (byDom!.size === 0) this.links.delete(subject);
  }

  /** Replaces all links at once (one assignment, so a decision never sees half of them). */
  replaceAll(links: [subject: string, role: string, domain: string][]) {
    const next = new Map<string, Map<string, Set<string>>>();
    for (const [s, r, d] of links) {
      let byDom = next.get(s);
      if (!byDom) next.set(s, (byDom = new Map()));
      let roles = byDom.get(d);
      if (!roles) byDom.set(d, (roles = new Set()));
      roles.add(r);
    }
    this.links = next;
  }

  setGroups(user: string, groups: string[]) {
    if (groups.length) this.groups.set(`user:${user}`, groups.map((g) => `group:${g}`));
    else this.groups.delete(`user:${user}`);
  }

  private covering(dom: string): string[] {
    if (dom !== this.lastDom) {
      this.lastDom = dom;
      this.lastCovering = coveringDomains(dom);
    }
    return this.lastCovering;
  }

  private subjectHas(subject: string, role: string, domains: string[]): boolean {
    const byDom = this.links.get(subject);
    if (!byDom) return false;
    for (const d of domains) if (byDom.get(d)?.has(role)) return true;
    return false;
  }

  syncedHasLink(name1: string, name2: string, ...domain: string[]): boolean {
    const domains = this.covering(domain[0] ?? "-/-/-");
    if (this.subjectHas(name1, name2, domains)) return true;
    for (const g of this.groups.get(name1) ?? []) if (this.subjectHas(g, name2, domains)) return true;
    return false;
  }

  async hasLink(name1: string, name2: string, ...domain: string[]): Promise<boolean> {
    return this.syncedHasLink(name1, name2, ...domain);
  }

  /** Does the subject (or one of its groups) hold any role that covers this place? */
  hasAnyRoleAt(name: string, dom: string): boolean {
    const domains = this.covering(dom);
    for (const s of [name, ...(this.groups.get(name) ?? [])]) {
      const byDom = this.links.get(s);
      if (byDom) for (const d of domains) if (byDom.get(d)?.size) return true;
    }
    return false;
  }

  /** Roles of a subject (and its groups) that hold at a place, synchronously. */
  rolesAt(name: string, dom: string): string[] {
    const domains = this.covering(dom);
    const out = new Set<string>();
    for (const s of [name, ...(this.groups.get(name) ?? [])]) {
      const byDom = this.links.get(s);
      for (const d of domains) for (const r of byDom?.get(d) ?? []) out.add(r);
    }
    return [...out];
  }

  /** Roles of a subject (and its groups) that hold at a place. */
  async getRoles(name: string, ...domain: string[]): Promise<string[]> {
    const domains = this.covering(domain[0] ?? "-/-/-");
    const out = new Set<string>();
    for (const s of [name, ...(this.groups.get(name) ?? [])]) {
      const byDom = this.links.get(s);
      for (const d of domains) for (const r of byDom?.get(d) ?? []) out.add(r);
    }
    return [...out];
  }

  async getUsers(name: string, ...domain: string[]): Promise<string[]> {
    const d = domain[0] ?? "*";
    const out: string[] = [];
    for (const [s, byDom] of this.links) if (byDom.get(d)?.has(name)) out.push(s);
    return out;
  }

  /** Every subject with any binding in one of these domains. */
  subjectsIn(domains: string[]): string[] {
    const out: string[] = [];
    for (const [s, byDom] of this.links) if (domains.some((d) => byDom.has(d))) out.push(s);
    return out;
  }

  /** Domains in which a subject (or its groups) holds a binding. */
  domainsOf(subject: string): string[] {
    const out = new Set<string>();
    for (const s of [subject, ...(this.groups.get(subject) ?? [])]) for (const d of this.links.get(s)?.keys() ?? []) out.add(d);
    return [...out];
  }

  async getDomains(name: string): Promise<string[]> {
    return this.domainsOf(name);
  }

  async getAllDomains(): Promise<string[]> {
    const out = new Set<string>();
    for (const byDom of this.links.values()) for (const d of byDom.keys()) out.add(d);
    return [...out];
  }

  async printRoles(): Promise<void> {}
}

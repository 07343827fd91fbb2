// Places and scopes. A request happens at a place "<tenant>/<cluster>/<namespace>"
// ("-" where there is none); a role binding holds at a scope. Pure.

export type ScopeType = "platform" | "tenant" | "cluster" | "project";

export interface Scope {
  type: ScopeType;
  tenant?: string;
  cluster?: string;
  namespace?: string;
}

export interface Place {
  tenant?: string;
  cluster?: string;
  namespace?: string;
}

const part = (v?: string) => (v ? v : "-");

export function placeDomain(p: Place): string {
  return `${part(p.tenant)}/${part(p.cluster)}/${part(p.namespace)}`;
}

export function parsePlace(dom: string): Place {
  const [t, c, n] = dom.split("/");
  return { tenant: t && t !== "-" ? t : undefined, cluster: c && c !== "-" ? c : undefined, namespace: n && n !== "-" ? n : undefined };
}

/** The Casbin domain of a binding at this scope; undefined when the scope is incomplete. */
export function scopeDomain(s: Scope): string | undefined {
  switch (s.type) {
    case "platform":
      return "*";
    case "tenant":
      return s.tenant ? `tenant:${s.tenant}` : undefined;
    case "cluster":
      return s.cluster ? `cluster:${s.cluster}` : undefined;
    case "project":
      return s.cluster && s.namespace ? `project:${s.cluster}/${s.namespace}` : undefined;
  }
}

/** The scope a binding domain stands for (the inverse of scopeDomain). */
export function domainScope(dom: string): Scope {
  if (dom.startsWith("tenant:")) return { type: "tenant", tenant: dom.slice("tenant:".length) };
  if (dom.startsWith("cluster:")) return { type: "cluster", cluster: dom.slice("cluster:".length) };
  if (dom.startsWith("project:")) {
    const [cluster, namespace] = dom.slice("project:".length).split("/");
    return { type: "project", cluster, namespace };
  }
  return { type: "platform" };
}

/**
 * Binding domains that hold at a request place: the platform; the tenant of
 * the namespace (on any cluster); the cluster; the project (namespace on that cluster).
 */
export function coveringDomains(dom: string): string[] {
  const p = parsePlace(dom);
  const out = ["*"];
  if (p.tenant) out.push(`tenant:${p.tenant}`);
  if (p.cluster) out.push(`cluster:${p.cluster}`);
  if (p.cluster && p.namespace) out.push(`project:${p.cluster}/${p.namespace}`);
  return out;
}

export function describeScope(s: Scope): string {
  switch (s.type) {
    case "platform":
      return "platform";
    case "tenant":
      return `tenant ${s.tenant}`;
    case "cluster":
      return `cluster ${s.cluster}`;
    case "project":
      return `project ${s.namespace} on ${s.cluster}`;
  }
}

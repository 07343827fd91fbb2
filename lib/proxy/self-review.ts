import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { Authorizer } from "@/lib/authz/enforcer";
import { expandResources } from "@/lib/authz/match";
import type { RequestAttributes } from "./request-info";

// kubectl asks the API server "who am I?" and "can I …?" (SelfSubjectReview,
// SelfSubjectAccessReview, SelfSubjectRulesReview). Through the console the
// honest answer is about the console user and the console's rules, not about
// the credentials the console holds for the cluster — so the proxy answers
// these itself.

export type SelfReview = "access" | "rules" | "subject";

export function selfReviewKind(a: RequestAttributes): SelfReview | undefined {
  if (a.kind !== "resource" || a.verb !== "create" || a.subresource) return undefined;
  if (a.apiGroup === "authorization.k8s.io" && a.resource === "selfsubjectaccessreviews") return "access";
  if (a.apiGroup === "authorization.k8s.io" && a.resource === "selfsubjectrulesreviews") return "rules";
  if (a.apiGroup === "authentication.k8s.io" && a.resource === "selfsubjectreviews") return "subject";
  return undefined;
}

interface ReviewBody {
  apiVersion?: string;
  kind?: string;
  spec?: {
    resourceAttributes?: { namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string };
    nonResourceAttributes?: { path?: string; verb?: string };
    namespace?: string;
  };
}

function userInfo(p: Principal) {
  return { username: p.username, uid: p.name, groups: [...p.groups, "system:authenticated"] };
}

export function answerSelfReview(kind: SelfReview, body: ReviewBody, p: Principal, authz: Authorizer, cluster: string, apiVersion: string): { code: number; doc: unknown } {
  const base = { apiVersion: body.apiVersion ?? apiVersion, kind: body.kind, metadata: { creationTimestamp: null } };
  if (kind === "subject") {
    return { code: 201, doc: { ...base, kind: "SelfSubjectReview", status: { userInfo: userInfo(p) } } };
  }
  if (kind === "access") {
    const ra = body.spec?.resourceAttributes;
    const nra = body.spec?.nonResourceAttributes;
    let allowed: boolean;
    if (ra) {
      const obj = `${ra.group || "core"}/${ra.resource ?? ""}${ra.subresource ? `/${ra.subresource}` : ""}`;
      allowed = !!ra.resource && authz.decide(`user:${p.name}`, placeOfReview(authz, cluster, ra.namespace), obj, ra.verb ?? "");
    } else if (nra) {
      allowed = authz.decide(`user:${p.name}`, placeOfReview(authz, cluster), `nonresource:${nra.path ?? ""}`, nra.verb ?? "");
    } else {
      return { code: 422, doc: invalid("spec.resourceAttributes or spec.nonResourceAttributes is required") };
    }
    return {
      code: 201,
      doc: { ...base, kind: "SelfSubjectAccessReview", spec: body.spec, status: allowed ? { allowed, reason: "allowed by a Pilothouse role" } : { allowed } },
    };
  }
  // rules: the allow rules of the roles the user holds in that namespace (or cluster-wide).
  const ns = body.spec?.namespace ?? "";
  const roles = authz.rolesAtDomain(p.name, placeOfReview(authz, cluster, ns));
  const resourceRules: { verbs: string[]; apiGroups: string[]; resources: string[] }[] = [];
  const nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[] = [];
  let incomplete = false;
  for (const name of roles) {
    const role = authz.role(name);
    for (const rule of role?.rules ?? []) {
      if (rule.effect === "deny") {
        incomplete = true; // Kubernetes rules cannot say "except"
        continue;
      }
      const byGroup = new Map<string, string[]>();
      for (const r of expandResources(rule.resources, authz.vocabulary.sets)) {
        if (r.startsWith("console/")) continue;
        if (r.startsWith("nonresource:")) {
          nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: [r.slice("nonresource:".length)] });
          continue;
        }
        if (r === "*") {
          byGroup.set("*", ["*"]);
          continue;
        }
        const [group, ...rest] = r.split("/");
        const g = group === "core" ? "" : group;
        const res = rest.join("/") === "*" ? "*" : rest.join("/");
        byGroup.set(g, [...(byGroup.get(g) ?? []), res]);
      }
      for (const [g, resources] of byGroup) resourceRules.push({ verbs: rule.verbs, apiGroups: [g], resources });
    }
  }
  return {
    code: 201,
    doc: { ...base, kind: "SelfSubjectRulesReview", spec: body.spec, status: { resourceRules, nonResourceRules, incomplete } },
  };
}

function placeOfReview(authz: Authorizer, cluster: string, namespace?: string): string {
  const p = authz.placeOf(cluster, namespace ?? "");
  return `${p.tenant ?? "-"}/${p.cluster ?? "-"}/${p.namespace ?? "-"}`;
}

function invalid(message: string) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: "Invalid", code: 422 };
}

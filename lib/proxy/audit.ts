import "server-only";
import { type AuditFields, auditLine } from "@/lib/audit/log";
import type { Principal } from "@/lib/auth/principal";
import type { RequestAttributes } from "./request-info";

export const MUTATING = new Set(["create", "update", "patch", "delete", "deletecollection"]);

/** The audit line of a request to a cluster (the proxy's, and server-rendered pages' reads of Secrets). */
export function auditRequest(p: Principal, cluster: string, a: RequestAttributes, decision: "allow" | "deny", code: number, reason?: string, extra: AuditFields = {}) {
  auditLine({
    ...extra,
    user: p.username,
    groups: p.groups.length ? p.groups : undefined,
    via: p.via,
    cluster,
    namespace: a.kind === "resource" ? a.namespace || undefined : undefined,
    verb: a.verb,
    resource: a.kind === "resource" ? (a.subresource ? `${a.resource}/${a.subresource}` : a.resource) : a.path,
    apiGroup: a.kind === "resource" ? a.apiGroup : undefined,
    name: a.kind === "resource" ? a.name || undefined : undefined,
    tokenId: p.tokenId,
    decision,
    code,
    reason,
  });
}

/** Reads of Secrets are audited like changes: who looked at which credentials. */
export function auditedRead(a: RequestAttributes): boolean {
  return a.kind === "resource" && a.apiGroup === "" && a.resource === "secrets" && !MUTATING.has(a.verb);
}

/** What an exec/attach/port-forward session ran: its command (exec), container, ports; capped. */
export function sessionFields(path: string): AuditFields {
  const q = new URLSearchParams(path.split("?")[1] ?? "");
  const command = q.getAll("command").join(" ").slice(0, 512);
  return { command: command || undefined, container: q.get("container") ?? undefined, ports: q.getAll("ports").join(",") || undefined };
}

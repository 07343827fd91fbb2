import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe } from "@/lib/k8s/clusters";
import type { Runtime } from "@/lib/server/context";
import { changeOutline } from "@/lib/audit/outline";
import { auditRequest, MUTATING } from "./audit";
import { readSmallBody } from "./body";
import { type Placed, forbiddenStatus, unavailable } from "./check";
import { type CheckedWriteResult, checkedWrite } from "./checked-write";
import { downstreamResponseHeaders, upstreamRequestHeaders } from "./headers";
import type { JudgedCall, WriteJudge } from "./hooks";
import { Query } from "./query";
import type { ResourceAttributes } from "./request-info";
import { RETRY, failedToConnect, sendStatus } from "./respond";
import { status } from "./status";
import { addedExternalIPs, protectedChanges } from "./write-rules";

// Writes judged by their outcome before they are made (see checked-write.ts):
// the proxy's own rules (namespaces' console-owned labels, Services' external
// IPs) and whatever judges features hand it through the runtime's hooks.

/** Bodies of writes the console judges (namespaces, services, quotas are small objects). */
const MAX_JUDGED_BODY = 1024 * 1024;

/** Cluster admins set namespaces' labels and services' external IPs; everyone else is checked. */
function builtinJudges(rt: Runtime): WriteJudge[] {
  const mayAtCluster = (c: JudgedCall) => rt.authz.can(c.principal, `core/${c.attrs.resource}`, c.attrs.verb, { cluster: c.cluster });
  return [
    {
      wants: (c) => c.attrs.resource === "namespaces" && !!c.attrs.name && (c.attrs.verb === "update" || c.attrs.verb === "patch") && !mayAtCluster(c),
      run: (c, write) =>
        write((before, after) => {
          const changed = protectedChanges(before, after);
          return changed.length
            ? forbiddenStatus(
                c.principal.username,
                c.attrs,
                `the ${changed.join(", ")} ${changed.length > 1 ? "are" : "is"} set by the console and the platform (tenancy and Pod Security); only cluster admins change them`,
              )
            : undefined;
        }),
    },
    {
      wants: (c) =>
        c.attrs.resource === "services" &&
        (!c.attrs.subresource || c.attrs.subresource === "status") &&
        ["create", "update", "patch"].includes(c.attrs.verb) &&
        !mayAtCluster(c),
      run: (c, write) =>
        write((before, after) => {
          const added = addedExternalIPs(before, after);
          return added.length
            ? forbiddenStatus(
                c.principal.username,
                c.attrs,
                `spec.externalIPs (${added.join(", ")}): external IPs let a Service take over traffic to any address; only cluster admins set them`,
              )
            : undefined;
        }),
    },
  ];
}

const builtins = new WeakMap<Runtime, WriteJudge[]>();

/** The judge of this write, if it has one: only writes of core resources are judged. */
export function judgeOf(rt: Runtime, c: Placed): { judge: WriteJudge; call: JudgedCall } | undefined {
  const a = c.attrs;
  if (a.kind !== "resource" || a.apiGroup !== "" || !MUTATING.has(a.verb)) return undefined;
  const call: JudgedCall = { cluster: c.cluster, attrs: a, principal: c.principal };
  for (const judge of rt.proxy.writeJudges) if (judge.wants(call)) return { judge, call };
  let own = builtins.get(rt);
  if (!own) builtins.set(rt, (own = builtinJudges(rt)));
  for (const judge of own) if (judge.wants(call)) return { judge, call };
  return undefined;
}

export async function judgedWrite(rt: Runtime, req: IncomingMessage, res: ServerResponse, c: Placed, judge: WriteJudge, call: JudgedCall) {
  const a = c.attrs as ResourceAttributes;
  const refuse = (s: NonNullable<CheckedWriteResult["refused"]>) => {
    if (s.code === 403) auditRequest(c.principal, c.cluster, a, "deny", 403, s.message);
    sendStatus(res, s, s.code === 503 ? RETRY : {});
  };
  const outright = judge.refuseOutright?.(call);
  if (outright) {
    req.resume();
    return refuse(outright);
  }
  const body = await readSmallBody(req, MAX_JUDGED_BODY);
  if (body === "gone") return;
  if (body === "too-large") {
    return sendStatus(res, status(413, "RequestEntityTooLarge", `the console checks this write before it is made: its body may be at most ${MAX_JUDGED_BODY} bytes`));
  }
  let result: CheckedWriteResult;
  try {
    result = await judge.run(call, (verdict) =>
      checkedWrite({
        conn: c.conn,
        method: (req.method ?? "GET").toUpperCase(),
        path: c.rawPath,
        // The object itself, for the first read (a subresource's path less its last segment).
        objectPath: a.subresource ? c.rawPath.slice(0, c.rawPath.lastIndexOf("/")) : c.rawPath,
        query: c.query ?? Query.empty,
        headers: upstreamRequestHeaders(req.rawHeaders, req.headers),
        body,
        check: verdict,
      }),
    );
  } catch (e) {
    if (failedToConnect(e)) rt.clusters.reportFailure(c.cluster, e);
    return sendStatus(res, unavailable(c.cluster, describe(e)), RETRY);
  }
  if (result.refused) return refuse(result.refused);
  const answer = result.answer;
  const o = a.verb === "delete" || a.verb === "deletecollection" ? undefined : changeOutline(a.verb, req.headers["content-type"], body);
  auditRequest(c.principal, c.cluster, a, "allow", answer.status, undefined, o ? { fields: o.fields, fieldsMore: o.more } : {});
  res.writeHead(answer.status, { ...downstreamResponseHeaders(answer.headers), "content-length": answer.body.length });
  res.end(answer.body);
}

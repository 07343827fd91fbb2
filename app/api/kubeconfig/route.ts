import type { NextRequest } from "next/server";
import { stringify } from "yaml";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import type { Principal } from "@/lib/auth/principal";
import { tokenForCluster } from "@/lib/auth/token-format";
import { mintToken } from "@/lib/auth/tokens";
import { visibleClusters } from "@/lib/clusters/visibility";
import type { Runtime } from "@/lib/runtime";
import { plainHost } from "@/lib/server/http-guard";

export const dynamic = "force-dynamic";

/**
 * A kubeconfig with one context per cluster the caller may use, pointing at
 * this console's proxy. POST makes a new token for it (a write: CSRF-checked
 * for sessions, so another site cannot make one by sending the browser here);
 * GET with a token returns that token in the file.
 */
export const POST = withApi({}, async ({ rt, principal, req }) => {
  const { token } = await mintToken(rt, principal, { name: `kubeconfig ${new Date().toISOString().slice(0, 10)}`, source: "kubeconfig" });
  return kubeconfigResponse(rt, principal, req, token);
});

export const GET = withApi({}, async ({ rt, principal, req }) => {
  if (principal.via !== "token") {
    const e = new ApiError("method_not_allowed", "A kubeconfig holds a new access token: ask for one with POST /api/kubeconfig (and the X-CSRF-Token header).");
    return Response.json(e.toJSON(), { status: e.status, headers: { allow: "POST", "cache-control": "no-store" } });
  }
  const token = (req.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "").trim();
  return kubeconfigResponse(rt, principal, req, token);
});

async function kubeconfigResponse(rt: Runtime, principal: Principal, req: NextRequest, token: string): Promise<Response> {
  const clusters = await visibleClusters(rt, principal);
  const pub = rt.config.publicURL ? new URL(rt.config.publicURL) : undefined;
  // kubectl sends tokens only over TLS: the console answers https on its own port too.
  // The Host header only when it is a plain host[:port]: "a@evil.example" would send kubectl elsewhere.
  const base = pub?.protocol === "https:" ? pub.origin : `https://${plainHost(req.headers.get("host")) ?? pub?.host ?? "localhost"}`;
  const caData = rt.tls.ca ? Buffer.from(rt.tls.ca).toString("base64") : undefined;
  // A user per cluster: each carries the token addressed to its cluster (see token-format).
  const user = (cluster: string) => `pilothouse-${principal.username}@${cluster}`;
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: clusters.map((c) => ({
      name: c.name,
      cluster: { server: `${base}/clusters/${c.name}`, ...(caData ? { "certificate-authority-data": caData } : {}) },
    })),
    // No cluster yet: the new token is still handed over (it works once a cluster is granted).
    users: clusters.length
      ? clusters.map((c) => ({ name: user(c.name), user: { token: tokenForCluster(token, c.name) } }))
      : [{ name: `pilothouse-${principal.username}`, user: { token } }],
    contexts: clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user: user(c.name) } })),
    "current-context": clusters[0]?.name ?? "",
    preferences: {},
  };
  return new Response(stringify(doc), {
    headers: {
      "content-type": "application/yaml",
      "content-disposition": 'attachment; filename="pilothouse-kubeconfig.yaml"',
      "cache-control": "no-store",
    },
  });
}

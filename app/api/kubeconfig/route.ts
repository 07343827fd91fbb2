import { stringify } from "yaml";
import { withApi } from "@/lib/api/handler";
import { newToken } from "@/lib/auth/token-format";
import { visibleClusters } from "@/lib/clusters/visibility";
import { plainHost } from "@/lib/server/http-guard";

export const dynamic = "force-dynamic";

/**
 * A kubeconfig with one context per cluster the caller may use, pointing at
 * this console's proxy. Session callers get a new token (90 days); token callers
 * get their own token back.
 */
export const GET = withApi({}, async ({ rt, principal, req }) => {
  const clusters = await visibleClusters(rt, principal);
  let token: string;
  if (principal.via === "token") {
    token = (req.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "").trim();
  } else {
    const t = newToken();
    await rt.store.createToken(t.id, {
      user: principal.name,
      displayName: `kubeconfig ${new Date().toISOString().slice(0, 10)}`,
      hash: t.hash,
      expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    });
    token = t.token;
  }
  const pub = rt.config.publicURL ? new URL(rt.config.publicURL) : undefined;
  // kubectl sends tokens only over TLS: the console answers https on its own port too.
  // The Host header only when it is a plain host[:port]: "a@evil.example" would send kubectl elsewhere.
  const base = pub?.protocol === "https:" ? pub.origin : `https://${plainHost(req.headers.get("host")) ?? pub?.host ?? "localhost"}`;
  const caData = rt.tls.ca ? Buffer.from(rt.tls.ca).toString("base64") : undefined;
  const user = `pilothouse-${principal.username}`;
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: clusters.map((c) => ({
      name: c.name,
      cluster: { server: `${base}/clusters/${c.name}`, ...(caData ? { "certificate-authority-data": caData } : {}) },
    })),
    users: [{ name: user, user: { token } }],
    contexts: clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user } })),
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
});
